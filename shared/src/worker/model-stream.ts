/**
 * A streamed model call inside the model activity: the provider's streaming API, each event published
 * to the workflow's stream as it comes (in batches, see stream-publisher.ts), and every event returned
 * with the whole response, so the workflow replays the same events from the activity's result.
 */
import type { Model, ModelRequest, StreamEvent } from '@openai/agents-core';
import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { FailureTypes } from '../common/names.js';
import {
  encodeStreamEvents,
  type ModelStreamItem,
  type ModelStreamRequest,
  responseFromDoneEvent,
  type StreamCompaction,
  type StreamedModelResponse,
} from '../common/streaming.js';
import { type InvokeModelInput, toWireResponse } from '../common/wire.js';
import { StreamPublisher } from './stream-publisher.js';

/** The model activity's input when the workflow asks for a streamed call. */
export type StreamingModelInput = InvokeModelInput & { stream?: ModelStreamRequest };

type DoneEvent = Extract<StreamEvent, { type: 'response_done' }>;

export interface StreamedCallOptions {
  input: InvokeModelInput;
  stream: ModelStreamRequest;
  context: Context;
  /** The largest result Temporal stores; recorded events are made smaller to fit (see StreamCompaction). */
  maxResultBytes: number;
  /** The attempt's own deadline (see model-activity.ts), to say so when it cut a stream short. */
  deadline?: { signal: AbortSignal; describe(): string };
}

export async function streamModelCall(
  model: Model,
  request: ModelRequest,
  { input, stream, context, maxResultBytes, deadline }: StreamedCallOptions,
): Promise<StreamedModelResponse> {
  const call = input.call ?? 0;
  const { attempt, workflowExecution } = context.info;
  const publisher = workflowExecution
    ? new StreamPublisher({
        client: context.client,
        workflowId: workflowExecution.workflowId,
        runId: workflowExecution.runId,
        batchIntervalMs: msToNumber(stream.batchInterval),
        // Each batch taken is progress worth telling Temporal about.
        onSent: (published) => context.heartbeat({ published }),
        warn: (message) => context.log.warn(message),
      })
    : undefined;
  const publish = (item: ModelStreamItem) => publisher?.publish(stream.topic, item);

  const start: ModelStreamItem = { kind: 'attempt', call, attempt };
  if (input.agentName !== undefined) start.agentName = input.agentName;
  if (input.modelName) start.modelName = input.modelName;
  publish(start);

  const events: StreamEvent[] = [];
  let done: DoneEvent | undefined;
  let sequence = 0;
  const watch = new StreamWatch(stream.idleTimeout === undefined ? undefined : msToNumber(stream.idleTimeout));
  const signals = [watch.idle.signal, ...(request.signal ? [request.signal] : [])];
  try {
    for await (const event of model.getStreamedResponse({ ...request, signal: AbortSignal.any(signals) })) {
      watch.sawEvent();
      if (event.type === 'model' && !stream.rawModelEvents) continue;
      publish({ kind: 'event', call, attempt, sequence: sequence++, event });
      if (event.type === 'response_done') done = event;
      else events.push(event);
    }
    if (!done) throw watch.cutShort(deadline) ?? new Error('The model’s stream ended without a response_done event.');
  } catch (caught) {
    // An aborted stream may end quietly or throw an abort error; either way, say why it was cut short.
    const error = watch.cutShort(deadline) ?? caught;
    publish({ kind: 'attempt_failed', call, attempt, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    watch.stop();
    // Everything this attempt published reaches the workflow before its result or failure does.
    await publisher?.close();
  }
  return fitStreamedResult(done, events, attempt, maxResultBytes);
}

/**
 * When the stream's events came, and an idle timer that aborts the request after `idleMs` without
 * one: a stalled stream otherwise waits for the attempt's deadline, and looks like one that ended.
 */
class StreamWatch {
  readonly idle = new AbortController();
  readonly #startedAt = Date.now();
  #lastEventAt: number | undefined;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(readonly idleMs: number | undefined) {
    if (idleMs !== undefined && idleMs > 0) this.#timer = setTimeout(() => this.idle.abort(), idleMs);
  }

  sawEvent(): void {
    this.#lastEventAt = Date.now();
    this.#timer?.refresh();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  /** A typed, retryable failure when the idle timer or the attempt's deadline aborted the stream. */
  cutShort(deadline: StreamedCallOptions['deadline']): ApplicationFailure | undefined {
    const silentFor = seconds(Date.now() - (this.#lastEventAt ?? this.#startedAt));
    const since = this.#lastEventAt === undefined ? 'since the request was sent' : 'since its last event';
    if (this.idle.signal.aborted) {
      return ApplicationFailure.create({
        message:
          `The model's stream stalled: no event for ${silentFor} ${since} (streaming.idleTimeout ` +
          `${seconds(this.idleMs ?? 0)}), so the request was aborted; the call is retried.`,
        type: FailureTypes.timeout,
        nonRetryable: false,
      });
    }
    if (deadline?.signal.aborted) {
      return ApplicationFailure.create({
        message:
          `The model's stream did not finish within ${deadline.describe()}: no event for ${silentFor} ${since}, ` +
          'so the request was aborted before the next attempt starts. Set streaming.idleTimeout to retry a ' +
          'stalled stream sooner, or raise modelParams.startToCloseTimeout if the model needs longer.',
        type: FailureTypes.timeout,
        nonRetryable: false,
      });
    }
    return undefined;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * The result with as much of the events as fits Temporal's payload limit: all of them; else without
 * the provider's fields and raw events; else with each output item's deltas joined; else none.
 */
export function fitStreamedResult(
  done: DoneEvent,
  events: StreamEvent[],
  attempt: number,
  maxBytes: number,
): StreamedModelResponse {
  const response = toWireResponse(responseFromDoneEvent(done));
  const build = (recorded: StreamEvent[], compaction?: StreamCompaction): StreamedModelResponse => {
    const streamed: NonNullable<StreamedModelResponse['stream']> = { attempt, events: encodeStreamEvents(recorded) };
    if (done.providerData !== undefined) streamed.doneProviderData = done.providerData;
    if (compaction) streamed.compaction = compaction;
    return { ...response, stream: streamed };
  };
  let result = build(events);
  if (fits(result, maxBytes)) return result;
  const lean = events.flatMap((event): StreamEvent[] => {
    if (event.type === 'model') return [];
    if (event.type !== 'output_text_delta') return [event];
    const { providerData: _providerData, ...delta } = event;
    return [delta];
  });
  result = build(lean, 'provider-data');
  if (fits(result, maxBytes)) return result;
  result = build(mergeDeltas(lean), 'merged');
  if (fits(result, maxBytes)) return result;
  return build([], 'response-only');
}

/** Joins each run of text deltas of one output item into one delta. */
function mergeDeltas(events: StreamEvent[]): StreamEvent[] {
  const merged: StreamEvent[] = [];
  for (const event of events) {
    const last = merged.at(-1);
    if (event.type === 'output_text_delta' && last?.type === 'output_text_delta' && last.itemId === event.itemId) {
      merged[merged.length - 1] = { ...last, delta: last.delta + event.delta };
    } else {
      merged.push(event);
    }
  }
  return merged;
}

function fits(result: StreamedModelResponse, maxBytes: number): boolean {
  return Buffer.byteLength(JSON.stringify(result)) <= maxBytes;
}
