import { Agent, run } from '@openai/agents';
import { activityAsTool } from 'openai-agents-temporal/workflow';
import { z } from 'zod';
import type * as activities from '../activities/get-weather';

/** The model calls `getWeather`, which runs as its own activity (it would do I/O in real life). */
export async function tools(question: string): Promise<string> {
  const agent = new Agent({
    name: 'Hello world',
    instructions: 'You are a helpful agent.',
    tools: [
      activityAsTool<typeof activities>('getWeather', {
        name: 'get_weather',
        description: 'Get the weather for a given city.',
        parameters: z.object({
          city: z.string().describe('The city to get the weather for.'),
        }),
        startToCloseTimeout: '10s',
      }),
    ],
  });
  const result = await run(agent, question);
  return result.finalOutput ?? '';
}
