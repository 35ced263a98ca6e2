import { Agent, run } from '@openai/agents';
import { nexusOperationAsTool } from 'openai-agents-temporal/workflow';
import { z } from 'zod';
import { WEATHER_ENDPOINT, weatherService } from '../weather-service/service';

/**
 * An agent whose tool is another team's service: getForecast is a Nexus operation, routed by the
 * endpoint to the weather service's worker, which runs a workflow on its own task queue.
 */
export async function nexusWeather(question: string): Promise<string> {
  const agent = new Agent({
    name: 'Weather agent',
    instructions: 'Answer questions about the weather with the forecast tool. Be brief.',
    tools: [
      nexusOperationAsTool(weatherService.operations.getForecast, {
        service: weatherService,
        endpoint: WEATHER_ENDPOINT,
        description: 'The forecast for a city, day by day, for 1 to 7 days.',
        parameters: z.object({ city: z.string(), days: z.number().int().min(1).max(7) }),
        scheduleToCloseTimeout: '1m',
      }),
    ],
  });
  return (await run(agent, question)).finalOutput ?? '';
}
