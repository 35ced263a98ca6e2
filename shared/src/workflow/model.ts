/**
 * The workflow side of a model call: a `Model` whose `getResponse` schedules the model activity.
 * Installed as agents-core's default provider in every workflow, so plain `run(agent, input)` uses it.
 */
import type { Model, ModelProvider, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents-core';
import {
  type ActivityOptions,
  ApplicationFailure,
  CancellationScope,
  type LocalActivityOptions,
  proxyActivities,
  proxyLocalActivities,
  workflowInfo,
} from '@temporalio/workflow';
import { agentNameOf } from '../common/agents-core-adapter.js';
import type { BundledModelParameters, WorkflowModelParameters } from '../common/model-params.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
import {
  DEFAULT_MODEL_EVENTS_TOPIC,
  DEFAULT_STREAM_BATCH_INTERVAL,
  decodeStreamEvents,
  doneEventFromResponse,
  type ModelStreamItem,
  type ModelStreamingOptions,
  type ModelStreamRequest,
  type StreamedModelResponse,
} from '../common/streaming.js';
import {
  CHAINED_WIRE_VERSION,
  CHAINLESS_WIRE_VERSION,
  fromWireResponse,
  type InvokeModelInput,
  responseDoneEvent,
  type SerializedModelResponse,
  toWireRequest,
  WIRE_VERSION,
} from '../common/wire.js';
import { bundledModelParameters } from './config.js';
import { warnOnceIfHistoryNearLimit } from './continue-as-new.js';
import { conversationIdOf, parseConversationId } from './conversation.js';
import { modelCallChain } from './model-call-chain.js';
import { workflowStream } from './streaming.js';

/** Temporal rejects payloads over 2 MB; checking first turns a server rejection into a clear error. */
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

type InvokeModel = (input: InvokeModelInput) => Promise<SerializedModelResponse>;
type ModelActivity = {
  executeWithOptions(
    options: ActivityOptions | LocalActivityOptions,
    args: [InvokeModelInput],
  ): Promise<SerializedModelResponse>;
};

interface ActivityCall {
  input: InvokeModelInput & { stream?: ModelStreamRequest };
  agentName: string | undefined;
  /** In a plugin conversation: this call's conversation id, which the response carries instead of the provider's. */
  responseId?: string | undefined;
}

/** What every answer goes through: its conversation id, and the history warning. */
function afterModelCall<T extends SerializedModelResponse>(wire: T, responseId: string | undefined): T {
  // In a plugin conversation the response's id is this call's: the runner passes it to the next call.
  if (responseId !== undefined) wire.responseId = responseId;
  // Long runs still grow the history: say so before Temporal's limit ends the run.
  warnOnceIfHistoryNearLimit();
  return wire;
}

class ActivityBackedModel implements Model {
  readonly #activity: ModelActivity;
  readonly #options: ActivityOptions | LocalActivityOptions;

  constructor(
    readonly modelName: string,
    private readonly params: StreamingModelParameters & { defaultModelName?: string },
  ) {
    // Built once per model; each call adds only its own summary.
    if (params.useLocalActivity) {
      const options = withoutUndefined(commonOptions(params));
      this.#activity = proxyLocalActivities<Record<string, InvokeModel>>(options)[
        INVOKE_MODEL_ACTIVITY
      ] as unknown as ModelActivity;
      this.#options = options;
    } else {
      const options: ActivityOptions = withoutUndefined({
        ...commonOptions(params),
        taskQueue: params.taskQueue,
        heartbeatTimeout: params.heartbeatTimeout,
        versioningIntent: params.versioningIntent,
        priority: params.priority,
      });
      this.#activity = proxyActivities<Record<string, InvokeModel>>(options)[
        INVOKE_MODEL_ACTIVITY
      ] as unknown as ModelActivity;
      this.#options = options;
    }
  }

  // Not async, nor #invoke: each async function and await makes promises, and in the sandbox every
  // promise costs a stack trace (three promises per call fewer, counted by the perf harness).
  getResponse(request: ModelRequest): Promise<ModelResponse> {
    try {
      return this.#invoke(request, this.#activityInput(request)).then(fromWireResponse);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Streaming inside a workflow. With `streaming` set, the model activity calls the provider's
   * streaming API, publishes the events to this run's stream as they come, and returns them with the
   * whole response; they are yielded here, in order, from that result, so replay sees the same.
   * Without it, the whole response is yielded as one `response_done` event.
   */
  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    const streaming = streamRequestOf(this.params.streaming);
    if (!streaming) {
      yield responseDoneEvent(await this.getResponse(request));
      return;
    }
    if (this.params.useLocalActivity) {
      throw ApplicationFailure.nonRetryable(
        'Streaming model calls cannot run as local activities: a local activity cannot heartbeat or send its ' +
          'events to the workflow while it runs. Set useLocalActivity to false, or leave streaming off for this run.',
        FailureTypes.configuration,
      );
    }
    const stream = workflowStream();
    const prepared = this.#activityInput(request, streaming);
    const { input } = prepared;
    const streamed: StreamedModelResponse = await this.#invoke(request, prepared);
    // A worker from before streaming ignores `stream` and answers with the response alone.
    const recorded = streamed.stream;
    if (recorded) {
      const completed: ModelStreamItem = {
        kind: 'completed',
        call: input.call ?? 0,
        attempt: recorded.attempt,
        events: recorded.events.length + 1,
      };
      stream.publish(streaming.topic, completed);
      yield* decodeStreamEvents(recorded.events);
    }
    yield doneEventFromResponse(streamed, recorded?.doneProviderData);
  }

  /**
   * The model activity's input for this request: its input items chained to the run's earlier calls,
   * or, in a plugin conversation, after the conversation it continues (see conversation.ts).
   */
  #activityInput(request: ModelRequest, stream?: ModelStreamRequest): ActivityCall {
    const agentName = agentNameOf(request);
    const wireRequest = toWireRequest(request);
    const conversation = parseConversationId(request.previousResponseId);
    if (conversation) {
      if (this.params.useLocalActivity) {
        throw ApplicationFailure.nonRetryable(
          'A plugin conversation (previousResponseId from NEW_CONVERSATION_ID or a result of one) cannot run its model ' +
            'calls as local activities: a local activity leaves no input in the history to rebuild the conversation ' +
            'from. Set useLocalActivity to false, or pass the whole conversation as input instead.',
          FailureTypes.configuration,
        );
      }
      // The plugin's own reference: the provider gets the whole conversation instead.
      delete wireRequest.previousResponseId;
    }
    // Local activities leave no input in the history, so their calls always carry the whole input; in a
    // conversation the runner sends only what is new, so there is nothing to chain.
    const chained = modelCallChain.next(agentName, wireRequest.input, !this.params.useLocalActivity && !conversation);
    const conversationBase = conversation === 'new' ? undefined : conversation;
    const input: InvokeModelInput & { stream?: ModelStreamRequest } = {
      wireVersion: conversationBase ? WIRE_VERSION : chained.inputBase ? CHAINED_WIRE_VERSION : CHAINLESS_WIRE_VERSION,
      modelName: this.modelName,
      call: chained.call,
      agentTurn: chained.agentTurn,
      request: { ...wireRequest, input: chained.input },
    };
    if (chained.inputBase) input.inputBase = chained.inputBase;
    if (conversationBase) input.conversationBase = conversationBase;
    if (agentName !== undefined) input.agentName = agentName;
    if (stream) input.stream = stream;
    assertPayloadFits(input, chained.inputBytes, agentName);
    if (!conversation) return { input, agentName };
    const { workflowId, runId } = workflowInfo();
    return { input, agentName, responseId: conversationIdOf({ run: `${workflowId}/${runId}`, call: chained.call }) };
  }

  #invoke(request: ModelRequest, { input, agentName, responseId }: ActivityCall): Promise<SerializedModelResponse> {
    const options = { ...this.#options, summary: this.#summary(request, agentName) };
    const { signal } = request;
    // Without a signal the activity runs in the caller's scope, which workflow cancellation reaches; a
    // scope of its own costs a dozen promises per call, each with a stack trace in the sandbox.
    const answer = signal
      ? this.#executeCancellable(signal, options, input)
      : this.#activity.executeWithOptions(options, [input]);
    return answer.then((wire) => afterModelCall(wire, responseId));
  }

  /** A guardrail tripwire or a run-level abort aborts the request's signal: cancel the activity too. */
  async #executeCancellable(
    signal: AbortSignal,
    options: ActivityOptions | LocalActivityOptions,
    input: InvokeModelInput,
  ) {
    const scope = new CancellationScope();
    const cancel = () => scope.cancel();
    signal.addEventListener('abort', cancel);
    try {
      return await scope.run(() => this.#activity.executeWithOptions(options, [input]));
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  #summary(request: ModelRequest, agentName: string | undefined): string {
    const { summary } = this.params;
    if (typeof summary === 'string') return summary;
    if (typeof summary === 'function') {
      return summary({
        agentName,
        modelName: this.modelName,
        systemInstructions: request.systemInstructions,
        input: request.input,
      });
    }
    const model = this.modelName || this.params.defaultModelName || 'default model';
    return agentName ? `${agentName}: ${model}` : model;
  }
}

/** Model activity options in workflow code, with streaming (see {@link ModelStreamingOptions}). */
export type StreamingModelParameters = WorkflowModelParameters;

/**
 * Resolves every model name to an activity-backed model; the worker's provider picks the real model.
 * The plugin installs one per workflow run as agents-core's default provider, with the plugin's
 * `modelParams`. Make your own in workflow code for runs that need other options, such as a summary
 * computed per call: `new Runner({ modelProvider: new ActivityModelProvider({ summary: (call) => ... }) })`,
 * or live streaming: `new ActivityModelProvider({ streaming: { topic: 'tokens' } })` (for one agent,
 * `model: provider.getModel('gpt-4.1')`). The options you pass override the plugin's.
 */
export class ActivityModelProvider implements ModelProvider {
  readonly #params: StreamingModelParameters & { defaultModelName?: string };
  constructor(params: StreamingModelParameters = {}, base: BundledModelParameters = bundledModelParameters()) {
    this.#params = { ...base, ...params };
  }
  getModel(modelName?: string): Model {
    return new ActivityBackedModel(modelName ?? '', this.#params);
  }
}

function commonOptions(params: WorkflowModelParameters) {
  return {
    scheduleToCloseTimeout: params.scheduleToCloseTimeout,
    scheduleToStartTimeout: params.scheduleToStartTimeout,
    startToCloseTimeout: params.startToCloseTimeout,
    retry: params.retry,
    cancellationType: params.cancellationType,
  };
}

function streamRequestOf(streaming: StreamingModelParameters['streaming']): ModelStreamRequest | undefined {
  if (!streaming) return undefined;
  const options: ModelStreamingOptions = streaming === true ? {} : streaming;
  const request: ModelStreamRequest = {
    topic: options.topic ?? DEFAULT_MODEL_EVENTS_TOPIC,
    batchInterval: options.batchInterval ?? DEFAULT_STREAM_BATCH_INTERVAL,
    rawModelEvents: options.rawModelEvents ?? false,
  };
  if (options.idleTimeout !== undefined) request.idleTimeout = options.idleTimeout;
  return request;
}

function assertPayloadFits(input: InvokeModelInput, inputBytes: number, agentName: string | undefined): void {
  // The input items were measured as they were chained; the rest of the request is measured here.
  const rest = new TextEncoder().encode(JSON.stringify({ ...input, request: { ...input.request, input: [] } })).length;
  const bytes = rest + inputBytes;
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw ApplicationFailure.nonRetryable(
      `The model request${agentName ? ` from agent "${agentName}"` : ''} is about ${bytes} bytes, over Temporal's ` +
        `${MAX_PAYLOAD_BYTES}-byte (2 MB) payload limit. Send large files by URL or file id instead of inline, ` +
        'or split the input over several turns.',
      FailureTypes.payloadTooLarge,
    );
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
