// Workflows whose agent runs the tracing tests follow: a tool that is an activity, a handoff and an
// input guardrail in one run, and a trace that spans a wait for a signal.
import { Agent, type InputGuardrail, run, withTrace } from '@openai/agents-core';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineSignal,
  defineUpdate,
  executeChild,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { z } from 'zod';
import { activityAsTool } from '../../src/workflow/index.js';
import type * as activities from './activities.js';

const politeOnly: InputGuardrail = {
  name: 'Polite only',
  execute: async ({ input }) => ({ tripwireTriggered: false, outputInfo: { checked: typeof input === 'string' } }),
};

function agents() {
  const writer = new Agent({ name: 'Writer', instructions: 'Write one sentence about the city.' });
  const researcher = new Agent({
    name: 'Researcher',
    instructions: 'Look the city up, then hand off to the writer.',
    tools: [
      activityAsTool<typeof activities>('lookUpCity', {
        description: 'Facts about a city',
        parameters: z.object({ city: z.string() }),
      }),
    ],
    handoffs: [writer],
    inputGuardrails: [politeOnly],
  });
  return researcher;
}

/** One agent run: a guardrail, a tool call (an activity), a handoff, then the writer's answer. */
export async function tracedRun(prompt: string): Promise<string> {
  const result = await run(agents(), prompt);
  return result.finalOutput ?? '';
}

export const proceed = defineSignal('proceed');

/** Two runs in one trace, with a wait for a signal between them. */
export async function tracedTwoParts(prompts: [string, string]): Promise<string[]> {
  let goOn = false;
  setHandler(proceed, () => {
    goOn = true;
  });
  return withTrace('Two parts', async () => {
    const first = await run(agents(), prompts[0]);
    await condition(() => goOn);
    const second = await run(agents(), prompts[1]);
    return [first.finalOutput ?? '', second.finalOutput ?? ''];
  });
}

/** A run that pauses for approval of its activity tool, then goes on from its state, in one trace. */
export async function tracedApproval(prompt: string): Promise<{ output: string; paused: string[] }> {
  const agent = new Agent({
    name: 'Researcher',
    instructions: 'Look the city up, then answer.',
    tools: [
      activityAsTool<typeof activities>('lookUpCity', {
        description: 'Facts about a city',
        parameters: z.object({ city: z.string() }),
        needsApproval: async (_context, { city }) => city !== 'Nowhere',
      }),
    ],
  });
  const first = await run(agent, prompt);
  const paused = first.interruptions.map((item) => `${item.name}(${item.arguments})`);
  for (const item of first.interruptions) first.state.approve(item);
  const second = await run(agent, first.state);
  return { output: second.finalOutput ?? '', paused };
}

export const ask = defineUpdate<string, [string]>('ask');
export const finish = defineSignal('finish');

/** A chat: each Update is one agent run, in the update handler; the finish signal ends it. */
export async function tracedChat(): Promise<void> {
  let finished = false;
  setHandler(ask, async (prompt) => (await run(agents(), prompt)).finalOutput ?? '');
  setHandler(finish, () => {
    finished = true;
  });
  await condition(() => finished && allHandlersFinished());
}

/** One run, then a child workflow's run, then the next run's (through continueAsNew): three runs, one caller. */
export async function tracedFamily(part: 'first' | 'next'): Promise<string> {
  const result = await run(agents(), 'Tell me about Lisbon');
  if (part === 'next') return result.finalOutput ?? '';
  await executeChild(tracedRun, { args: ['Tell me about Lisbon'], workflowId: `${workflowInfo().workflowId}-child` });
  return continueAsNew<typeof tracedFamily>('next');
}
