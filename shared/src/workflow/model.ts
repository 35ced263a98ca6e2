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
} from '@temporalio/workflow';
import type { ModelActivityParameters } from '../common/model-params';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names';
import {
  fromWireResponse,
  type InvokeModelInput,
  responseDoneEvent,
  type SerializedModelResponse,
  toWireRequest,
  WIRE_VERSION,
} from '../common/wire';

/** Temporal rejects payloads over 2 MB; checking first turns a server rejection into a clear error. */
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

type InvokeModel = (input: InvokeModelInput) => Promise<SerializedModelResponse>;

export class ActivityBackedModel implements Model {
  constructor(
    readonly modelName: string,
    private readonly params: ModelActivityParameters,
  ) {}

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const agentName = agentNameOf(request);
    const input: InvokeModelInput = {
      wireVersion: WIRE_VERSION,
      modelName: this.modelName,
      request: toWireRequest(request),
    };
    if (agentName !== undefined) input.agentName = agentName;
    assertPayloadFits(input, agentName);

    const invoke = this.#proxy(this.#summary(request, agentName));
    const scope = new CancellationScope();
    // A guardrail tripwire or a run-level abort aborts the request's signal: cancel the activity too.
    const cancel = () => scope.cancel();
    request.signal?.addEventListener('abort', cancel);
    try {
      const wire = await scope.run(() => invoke(input));
      return fromWireResponse(wire);
    } finally {
      request.signal?.removeEventListener('abort', cancel);
    }
  }

  /**
   * Streaming inside a workflow: the activity returns the whole response, which is replayed as one
   * `response_done` event, so the runner's streaming path works and replay stays deterministic.
   */
  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    yield responseDoneEvent(await this.getResponse(request));
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
    const model = this.modelName || 'default model';
    return agentName ? `${agentName}: ${model}` : model;
  }

  #proxy(summary: string): InvokeModel {
    const p = this.params;
    const common = {
      scheduleToCloseTimeout: p.scheduleToCloseTimeout,
      scheduleToStartTimeout: p.scheduleToStartTimeout,
      startToCloseTimeout: p.startToCloseTimeout,
      retry: p.retryPolicy,
      cancellationType: p.cancellationType,
      summary,
    };
    if (p.useLocalActivity) {
      const options: LocalActivityOptions = withoutUndefined(common);
      return proxyLocalActivities<Record<string, InvokeModel>>(options)[INVOKE_MODEL_ACTIVITY] as InvokeModel;
    }
    const options: ActivityOptions = withoutUndefined({
      ...common,
      taskQueue: p.taskQueue,
      heartbeatTimeout: p.heartbeatTimeout,
      versioningIntent: p.versioningIntent,
      priority: p.priority,
    });
    return proxyActivities<Record<string, InvokeModel>>(options)[INVOKE_MODEL_ACTIVITY] as InvokeModel;
  }
}

/** Resolves every model name to an activity-backed model; the worker's provider picks the real model. */
export class ActivityModelProvider implements ModelProvider {
  constructor(private readonly params: ModelActivityParameters) {}
  getModel(modelName?: string): Model {
    return new ActivityBackedModel(modelName ?? '', this.params);
  }
}

/** The runner passes its agent or turn span as the tracing parent; even no-op spans carry the agent name. */
function agentNameOf(request: ModelRequest): string | undefined {
  const parent = (
    request as {
      _internal?: { tracingParent?: { spanData?: Record<string, unknown> } };
    }
  )._internal?.tracingParent;
  const data = parent?.spanData;
  if (!data) return undefined;
  const name = data.type === 'agent' ? data.name : data.agent_name;
  return typeof name === 'string' ? name : undefined;
}

function assertPayloadFits(input: InvokeModelInput, agentName: string | undefined): void {
  const bytes = new TextEncoder().encode(JSON.stringify(input)).length;
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw ApplicationFailure.nonRetryable(
      `The model request${agentName ? ` from agent "${agentName}"` : ''} is ${bytes} bytes, over Temporal's ` +
        `${MAX_PAYLOAD_BYTES}-byte (2 MB) payload limit. Shorten the conversation (previousResponseId, a session ` +
        'with compaction, or continue-as-new), or pass large files by URL or file id instead of inline.',
      FailureTypes.payloadTooLarge,
    );
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
