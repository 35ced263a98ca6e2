/**
 * The model activity's wire format: what crosses from the workflow to the worker and back.
 *
 * The runner hands `Model.getResponse` a request whose tools and handoffs are already plain JSON
 * schemas, so only a few things need care: the abort signal and live tracing objects stay behind,
 * `modelSettings.retry` stays behind (Temporal owns retries), bytes become base64, and `Usage`
 * (a class) is rebuilt on the way back.
 */
import {
  type ModelRequest,
  type ModelResponse,
  type ModelSettings,
  type StreamEvent,
  Usage,
} from '@openai/agents-core';
import { type RequestInternals, requestInternals, withRequestInternals } from './agents-core-adapter.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';

/** Bumped when the shape changes, so code can still decode histories written by older versions. */
export const WIRE_VERSION = 1;

export type SerializedModelRequest = Omit<ModelRequest, 'signal' | 'modelSettings'> & {
  modelSettings: Omit<ModelSettings, 'retry'>;
  _internal?: RequestInternals;
};

export interface InvokeModelInput {
  wireVersion: number;
  /** The model name the agent or run asked for; empty means the provider's default. */
  modelName: string;
  /** The agent that made the call: model providers on the worker can read it (`currentModelCall`). */
  agentName?: string;
  /** How many model calls this agent made before in this workflow run. */
  agentTurn?: number;
  request: SerializedModelRequest;
}

export interface SerializedModelResponse {
  wireVersion: number;
  usage: Record<string, unknown>;
  output: ModelResponse['output'];
  responseId?: string;
  requestId?: string;
  providerData?: Record<string, unknown>;
  rawUsage?: Record<string, unknown>;
}

const BINARY_TAG = '$base64Bytes';

/** Replaces every Uint8Array/ArrayBuffer in a JSON-like value with a tagged base64 object. */
export function encodeBinary<T>(value: T): T {
  return mapDeep(value, (v) => {
    if (v instanceof Uint8Array) return { [BINARY_TAG]: bytesToBase64(v) };
    if (v instanceof ArrayBuffer) return { [BINARY_TAG]: bytesToBase64(new Uint8Array(v)) };
    return undefined;
  }) as T;
}

/** Reverses {@link encodeBinary}. */
export function decodeBinary<T>(value: T): T {
  return mapDeep(value, (v) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>)[BINARY_TAG];
      if (keys.length === 1 && typeof tagged === 'string') return base64ToBytes(tagged);
    }
    return undefined;
  }) as T;
}

function mapDeep(value: unknown, replace: (v: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, replace));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapDeep(item, replace);
    return out;
  }
  return value;
}

export function toWireRequest(request: ModelRequest): SerializedModelRequest {
  const { signal: _signal, modelSettings, ...rest } = request;
  const { retry: _retry, ...settings } = modelSettings ?? {};
  const wire: SerializedModelRequest = {
    ...encodeBinary(rest),
    modelSettings: settings,
  };
  delete (wire as { _internal?: unknown })._internal;
  const internals = requestInternals(request);
  if (internals) wire._internal = internals;
  return wire;
}

/** The request as the worker's model sees it: bytes restored, the runner's flags back in place. */
export function fromWireRequest(wire: SerializedModelRequest): ModelRequest {
  const { _internal, ...rest } = wire;
  return withRequestInternals(decodeBinary(rest) as ModelRequest, _internal);
}

export function toWireResponse(response: ModelResponse): SerializedModelResponse {
  const wire: SerializedModelResponse = {
    wireVersion: WIRE_VERSION,
    usage: JSON.parse(JSON.stringify(response.usage ?? new Usage())),
    output: encodeBinary(response.output),
  };
  if (response.responseId !== undefined) wire.responseId = response.responseId;
  if (response.requestId !== undefined) wire.requestId = response.requestId;
  if (response.providerData !== undefined) wire.providerData = response.providerData;
  if (response.rawUsage !== undefined) wire.rawUsage = response.rawUsage;
  return wire;
}

export function fromWireResponse(wire: SerializedModelResponse): ModelResponse {
  const response: ModelResponse = {
    usage: new Usage(wire.usage as ConstructorParameters<typeof Usage>[0]),
    output: decodeBinary(wire.output),
  };
  if (wire.responseId !== undefined) response.responseId = wire.responseId;
  if (wire.requestId !== undefined) response.requestId = wire.requestId;
  if (wire.providerData !== undefined) response.providerData = wire.providerData;
  if (wire.rawUsage !== undefined) response.rawUsage = wire.rawUsage;
  return response;
}

/**
 * A whole model response as the one `response_done` stream event the runner needs, for models that
 * answer streaming requests all at once (the activity-backed model; the scripted model in tests).
 */
export function responseDoneEvent(response: ModelResponse): StreamEvent {
  return {
    type: 'response_done',
    response: {
      id: response.responseId ?? '',
      usage: {
        requests: response.usage.requests,
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
        totalTokens: response.usage.totalTokens,
        inputTokensDetails: response.usage.inputTokensDetails[0] ?? {},
        outputTokensDetails: response.usage.outputTokensDetails[0] ?? {},
      },
      output: response.output,
    },
  } as StreamEvent;
}
