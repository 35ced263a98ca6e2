// Workflows for the streaming tests: streamed runs, a stream hosted by hand, and one across continue-as-new.
import { Agent, Runner, type RunStreamEvent, run } from '@openai/agents-core';
import { condition, continueAsNew, defineSignal, setHandler } from '@temporalio/workflow';
import {
  ActivityModelProvider,
  type StreamingModelParameters,
  type WorkflowStreamState,
  workflowStream,
} from '../../src/workflow/index.js';

export const MODEL_TOPIC = 'tokens';

/** What the run inside the workflow saw: the final output, and the model events, in order. */
export interface StreamedRun {
  output: string;
  eventTypes: string[];
  deltas: string[];
}

async function runStreamed(prompt: string, params: StreamingModelParameters): Promise<StreamedRun> {
  const agent = new Agent({ name: 'Streamer', instructions: 'Answer in a few words.' });
  const runner = new Runner({ modelProvider: new ActivityModelProvider(params) });
  const result = await runner.run(agent, prompt, { stream: true });
  const eventTypes: string[] = [];
  const deltas: string[] = [];
  for await (const event of result as AsyncIterable<RunStreamEvent>) {
    if (event.type !== 'raw_model_stream_event') continue;
    eventTypes.push(event.data.type);
    if (event.data.type === 'output_text_delta') deltas.push(event.data.delta);
  }
  await result.completed;
  return { output: String(result.finalOutput ?? ''), eventTypes, deltas };
}

export async function streamedText(prompt: string): Promise<StreamedRun> {
  return runStreamed(prompt, { streaming: { topic: MODEL_TOPIC, batchInterval: '50ms' } });
}

/** With the provider's raw events too (the OpenAI provider's `model` events). */
export async function streamedTextWithRawEvents(prompt: string): Promise<StreamedRun> {
  return runStreamed(prompt, { streaming: { topic: MODEL_TOPIC, rawModelEvents: true } });
}

/** With an idle timeout: a stream that goes quiet for 1 s is aborted and retried. */
export async function streamedWithIdleTimeout(prompt: string): Promise<StreamedRun> {
  return runStreamed(prompt, { streaming: { topic: MODEL_TOPIC, idleTimeout: '1s' } });
}

export async function streamedLocal(prompt: string): Promise<StreamedRun> {
  return runStreamed(prompt, { streaming: true, useLocalActivity: true });
}

/** Streaming for one agent only: its model is made by a streaming provider; the run uses plain `run()`. */
export async function streamedByAgentModel(prompt: string): Promise<string> {
  const model = new ActivityModelProvider({ streaming: { topic: MODEL_TOPIC } }).getModel('gpt-streamed');
  const agent = new Agent({ name: 'Streamer', instructions: 'Answer in a few words.', model });
  const result = await run(agent, prompt, { stream: true });
  for await (const _event of result) {
    // The events were checked elsewhere; this run is about which calls stream.
  }
  await result.completed;
  return String(result.finalOutput ?? '');
}

export const finish = defineSignal('finish');

/** Hosts the stream, publishes three greetings from workflow code, and waits for `finish`. */
export async function hostedStream(): Promise<number> {
  const stream = workflowStream();
  const greetings = stream.topic<{ text: string }>('greetings');
  for (const text of ['hello', 'hola', 'bonjour']) greetings.publish({ text });
  let finished = false;
  setHandler(finish, () => {
    finished = true;
  });
  await condition(() => finished);
  return stream.offset;
}

export interface ChainInput {
  /** Runs still to come after this one. */
  remaining: number;
  carryState: boolean;
  streamState?: WorkflowStreamState;
}

/** Each run makes one streamed model call and publishes its number, then continues as new. */
export async function streamedChain(input: ChainInput): Promise<string> {
  const stream = workflowStream(input.streamState ? { priorState: input.streamState } : undefined);
  stream.publish('runs', { remaining: input.remaining });
  const { output } = await runStreamed(`run ${input.remaining}`, { streaming: { topic: MODEL_TOPIC } });
  if (input.remaining === 0) return output;
  const streamState = await stream.prepareContinueAsNew();
  return continueAsNew<typeof streamedChain>({
    remaining: input.remaining - 1,
    carryState: input.carryState,
    ...(input.carryState ? { streamState } : {}),
  });
}
