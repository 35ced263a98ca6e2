// Workflows that exercise the plugin with plain agents-core code.
import { Agent, type AgentInputItem, type InputGuardrail, Runner, run, tool } from '@openai/agents-core';
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { z } from 'zod';
import { ActivityModelProvider, activityAsTool } from '../../src/workflow/index.js';
import type * as failingActivities from '../reliability/failing-activity.js';

export async function handoffWithRunner(prompt: string): Promise<{ output: string; lastAgent: string | undefined }> {
  const spanish = new Agent({ name: 'Spanish agent', instructions: 'You only speak Spanish.' });
  const triage = new Agent({
    name: 'Triage agent',
    instructions: 'Hand off to the agent that speaks the language of the request.',
    handoffs: [spanish],
  });
  const result = await new Runner().run(triage, prompt);
  return { output: result.finalOutput ?? '', lastAgent: result.lastAgent?.name };
}

export async function structuredOutput(prompt: string): Promise<{ city: string; days: number }> {
  const agent = new Agent({
    name: 'Planner',
    instructions: 'Plan a trip.',
    outputType: z.object({ city: z.string(), days: z.number() }),
  });
  const result = await run(agent, prompt);
  if (!result.finalOutput) throw new Error('no output');
  return result.finalOutput;
}

export async function maxTurns(prompt: string): Promise<string> {
  const noop = tool({ name: 'noop', description: 'Does nothing', parameters: z.object({}), execute: async () => 'ok' });
  const agent = new Agent({ name: 'Looper', instructions: 'Keep calling tools.', model: 'gpt-test', tools: [noop] });
  const result = await run(agent, prompt, { maxTurns: 1 });
  return result.finalOutput ?? '';
}

export async function agentAsTool(prompt: string): Promise<string> {
  const translator = new Agent({ name: 'French translator', instructions: 'Translate to French.' });
  const orchestrator = new Agent({
    name: 'Orchestrator',
    instructions: 'Use your tools to translate.',
    tools: [translator.asTool({ toolName: 'translate_to_french', toolDescription: 'Translate to French' })],
  });
  const result = await run(orchestrator, prompt);
  return result.finalOutput ?? '';
}

const noHomework: InputGuardrail = {
  name: 'No homework',
  execute: async ({ input }) => {
    const text = typeof input === 'string' ? input : JSON.stringify(input);
    return { tripwireTriggered: text.includes('homework'), outputInfo: { flagged: text.includes('homework') } };
  },
};

export async function guarded(prompt: string): Promise<string> {
  const agent = new Agent({ name: 'Tutor', instructions: 'Help with math.', inputGuardrails: [noHomework] });
  const result = await run(agent, prompt);
  return result.finalOutput ?? '';
}

export async function namedModel(prompt: string): Promise<string> {
  const agent = new Agent({ name: 'Named', instructions: 'Answer.', model: 'gpt-named-model' });
  const result = await run(agent, prompt);
  return result.finalOutput ?? '';
}

/** A summary computed per call lives in workflow code, on a provider made there. */
export async function summaryPerCall(prompt: string): Promise<string> {
  const modelProvider = new ActivityModelProvider({
    summary: (call) => `model call by ${call.agentName} with ${JSON.stringify(call.systemInstructions)}`,
  });
  const agent = new Agent({ name: 'Named', instructions: 'Answer.', model: 'gpt-named-model' });
  const result = await new Runner({ modelProvider }).run(agent, prompt);
  return result.finalOutput ?? '';
}

/** A streamed run: its answer, and the kind of each stream event in order. */
export async function streamed(prompt: string): Promise<{ output: string; events: string[] }> {
  const agent = new Agent({ name: 'Streamer', instructions: 'Answer.' });
  const result = await run(agent, prompt, { stream: true });
  const events: string[] = [];
  for await (const event of result) {
    if (event.type === 'raw_model_stream_event') events.push(`raw:${event.data.type}`);
    else if (event.type === 'run_item_stream_event') events.push(`item:${event.name}`);
    else events.push(`agent:${event.agent.name}`);
  }
  await result.completed;
  return { output: result.finalOutput ?? '', events };
}

/** Runs an agent on input that is not a usable prompt: '' or a number, as a careless caller might pass. */
export async function badPrompt(input: unknown, agentName = 'Careful'): Promise<string> {
  const agent = new Agent({ name: agentName, instructions: 'Answer.' });
  const result = await run(agent, input as string);
  return result.finalOutput ?? '';
}

/** Builds a prompt of the given size inside the workflow (a workflow input that large would be rejected first). */
export async function hugePrompt(bytes: number): Promise<string> {
  const agent = new Agent({ name: 'Reader', instructions: 'Summarise.' });
  const result = await run(agent, 'x'.repeat(bytes));
  return result.finalOutput ?? '';
}

export async function toolTrouble(prompt: string): Promise<string> {
  const agent = new Agent({
    name: 'Tool user',
    instructions: 'Use the tools.',
    tools: [
      tool({
        name: 'echo',
        description: 'Echo the text',
        parameters: z.object({ text: z.string() }),
        execute: async ({ text }) => text,
      }),
      activityAsTool<typeof failingActivities>('flakyService', {
        description: 'Call a service that is down',
        parameters: z.object({ query: z.string() }),
        retry: { maximumAttempts: 2, initialInterval: '100ms' },
      }),
    ],
  });
  const result = await run(agent, prompt);
  return result.finalOutput ?? '';
}

/**
 * Sends input items straight to the model activity, past run()'s input check, as a custom runner or
 * an input filter could: shows what the worker does with an item it cannot send.
 */
export async function directModelCall(input: unknown): Promise<string> {
  const model = await new ActivityModelProvider().getModel('gpt-direct');
  const response = await model.getResponse({
    input: input as AgentInputItem[],
    modelSettings: {},
    tools: [],
    outputType: 'text',
    handoffs: [],
    tracing: false,
  });
  return JSON.stringify(response.output);
}

/** Starts an agent run and cancels it while its model call is in flight. */
export async function cancelledRun(prompt: string): Promise<string> {
  const agent = new Agent({ name: 'Patient', instructions: 'Answer.' });
  const scope = new CancellationScope();
  const running = scope.run(() => run(agent, prompt));
  await sleep('1s');
  scope.cancel();
  try {
    await running;
    return 'finished';
  } catch (error) {
    if (isCancellation(error)) return 'cancelled';
    throw error;
  }
}

/**
 * An image as bytes made in the workflow (a client cannot send a Uint8Array: it arrives as an
 * object). agents-core's types do not allow it either, so it goes in as badPrompt's careless input.
 */
export async function binaryImagePrompt(): Promise<string> {
  const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return badPrompt([{ role: 'user', content: [{ type: 'input_image', image }] }], 'Viewer');
}
