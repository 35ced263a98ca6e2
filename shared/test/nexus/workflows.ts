// The caller's workflow: an agent whose tool is the weather service's getForecast operation.
import { Agent, run } from '@openai/agents-core';
import { z } from 'zod';
import { nexusOperationAsTool } from '../../src/workflow/index.js';
import { weatherService } from './service.js';

export async function forecastAgent(prompt: string, endpoint: string): Promise<string> {
  const agent = new Agent({
    name: 'Forecaster',
    instructions: 'Get the forecast, then answer.',
    tools: [
      nexusOperationAsTool(weatherService.operations.getForecast, {
        service: weatherService,
        endpoint,
        description: 'The weather forecast for a city, for a number of days.',
        parameters: z.object({ city: z.string(), days: z.number().int().min(1).max(7) }),
      }),
    ],
  });
  return (await run(agent, prompt)).finalOutput ?? '';
}
