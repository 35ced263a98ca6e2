// A multi-step agent for crash-recovery tests: three model calls with two tool activities between them.
import { Agent, run } from '@openai/agents-core';
import { z } from 'zod';
import { activityAsTool } from '../../src/workflow/index.js';
import type * as activities from '../reliability/lookup-activity.js';

export async function multiStep(prompt: string): Promise<string> {
  const agent = new Agent({
    name: 'Researcher',
    instructions: 'Look up every key, then summarise.',
    tools: [
      activityAsTool<typeof activities>('lookup', {
        description: 'Look up the value stored under a key.',
        parameters: z.object({ key: z.string() }),
        startToCloseTimeout: '4s',
      }),
    ],
  });
  const result = await run(agent, prompt);
  return result.finalOutput ?? '';
}
