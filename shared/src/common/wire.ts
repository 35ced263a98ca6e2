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

/**
 * Bumped when the shape changes, so code can still decode histories written by older versions.
 * 2: a request's input may continue an earlier call's input (`inputBase`).
 * 3: a request's input may continue an earlier call's whole conversation (`conversationBase`).
 */
export const WIRE_VERSION = 3;

/** The version a request with `inputBase` and no `conversationBase` carries. */
export const CHAINED_WIRE_VERSION = 2;

/** The version a request without `inputBase` carries: every worker since version 1 reads it. */
export const CHAINLESS_WIRE_VERSION = 1;

/** The input of a request starts with the first `items` input items of an earlier model call of the run. */
export interface InputBase {
  /** That call's index among the run's model calls. */
  call: number;
  items: number;
}

/**
 * The input of a request starts with the whole conversation of an earlier model call, perhaps of an
 * earlier run of the workflow: that call's whole input, then its output. The workflow held it by
 * reference, as a plugin conversation id (see workflow/conversation.ts).
 */
export interface ConversationBase {
  /** The run that made the call, `workflowId/runId`. */
  run: string;
  /** That call's index among the run's model calls. */
  call: number;
}

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
  /** This call's index among the run's model calls (from wire version 2). */
  call?: number;
  /** When set, `request.input` holds only the items after those of the base call's input it continues. */
  inputBase?: InputBase;
  /** When set, `request.input` holds only the items after the base call's input and output (from wire version 3). */
  conversationBase?: ConversationBase;
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

// Read once: in the workflow sandbox every global lookup goes through the vm context's interceptor,
// which costs about 15 times an ordinary one, and these run for every value of every model request
// and every input item of every run.
const Bytes = Uint8Array;
const RawBytes = ArrayBuffer;
const { getPrototypeOf, keys } = Object;
const { isArray } = Array;
const objectPrototype = Object.prototype;

/**
 * Replaces every Uint8Array/ArrayBuffer in a JSON-like value with a tagged base64 object. Parts
 * without bytes are returned as they are, not copied (a request holds the whole conversation, and
 * usually no bytes): serialize the result before anything changes the input.
 */
export function encodeBinary<T>(value: T): T {
  return mapDeep(value, encodeBytes) as T;
}

function encodeBytes(value: unknown): unknown {
  if (value instanceof Bytes) return { [BINARY_TAG]: bytesToBase64(value) };
  if (value instanceof RawBytes) return { [BINARY_TAG]: bytesToBase64(new Bytes(value)) };
  return undefined;
}

/** Reverses {@link encodeBinary}; parts without tagged bytes are returned as they are. */
export function decodeBinary<T>(value: T): T {
  return mapDeep(value, decodeBytes) as T;
}

function decodeBytes(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const tagged = (value as Record<string, unknown>)[BINARY_TAG];
  if (typeof tagged === 'string' && !isArray(value) && keys(value).length === 1) return base64ToBytes(tagged);
  return undefined;
}

/**
 * `value` with `replace` applied to every value in it (a result other than undefined replaces that
 * value), descending into arrays and plain objects. Arrays and objects in which nothing was replaced
 * are returned as they are.
 */
function mapDeep(value: unknown, replace: (v: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (value === null || typeof value !== 'object') return value;
  if (isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const mapped = mapDeep(item, replace);
      if (mapped !== item && copy === undefined) copy = value.slice(0, index);
      copy?.push(mapped);
    }
    return copy ?? value;
  }
  if (getPrototypeOf(value) !== objectPrototype) return value;
  const record = value as Record<string, unknown>;
  const names = keys(record);
  let copy: Record<string, unknown> | undefined;
  for (let index = 0; index < names.length; index++) {
    const name = names[index] as string;
    const item = record[name];
    const mapped = mapDeep(item, replace);
    if (mapped !== item && copy === undefined) {
      copy = {};
      for (const earlier of names.slice(0, index)) copy[earlier] = record[earlier];
    }
    if (copy) copy[name] = mapped;
  }
  return copy ?? value;
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
  if (response.providerData !== undefined) wire.providerData = withoutRepeatedOutput(response.providerData);
  if (response.rawUsage !== undefined) wire.rawUsage = response.rawUsage;
  return wire;
}

/**
 * OpenAI's Responses models keep the whole raw response as `providerData`, which repeats the output
 * twice (`output`, and the client's `output_text`). `output` already carries it, and nothing in
 * agents-core reads those two back, so they stay behind: a response is stored once in the history.
 */
function withoutRepeatedOutput(providerData: Record<string, unknown>): Record<string, unknown> {
  if (providerData.object !== 'response') return providerData;
  const { output: _output, output_text: _outputText, ...rest } = providerData;
  return rest;
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

/** Where an input item is wrong, and how: `field` is a path inside the item, empty for the item itself. */
export interface InputItemProblem {
  index: number;
  field: string;
  problem: string;
}

/** The problem as one phrase, e.g. `item 0, field content[0].image: is the number 12345; ...`. */
export function describeInputItemProblem({ index, field, problem }: InputItemProblem): string {
  return `item ${index}${field ? `, field ${field},` : ''} ${problem}`;
}

/**
 * The first input item that would fail inside the model call, or undefined. It checks what the
 * Responses converter dereferences without checking (roles, content parts, image and file fields),
 * so a careless item gets a message that names it instead of a TypeError deep in a model client.
 * Other item types (tool calls, results, reasoning) are left to the model.
 */
export function findInputItemProblem(input: unknown): InputItemProblem | undefined {
  if (!isArray(input)) return undefined;
  for (const [index, item] of input.entries()) {
    const found = itemProblem(item);
    if (found) return { index, ...found };
  }
  return undefined;
}

type Problem = { field: string; problem: string };

const MESSAGE_ROLES = ['user', 'assistant', 'system'];
const USER_PART_TYPES = ['input_text', 'input_image', 'input_file', 'audio'];

function itemProblem(item: unknown): Problem | undefined {
  if (!isRecord(item)) {
    return {
      field: '',
      problem: `is ${describeValue(item)}; an input item is an object such as { role: 'user', content: 'Hello' }`,
    };
  }
  if (item.type !== undefined && typeof item.type !== 'string') {
    return { field: 'type', problem: `is ${describeValue(item.type)}; it must be a string such as 'message'` };
  }
  if (typeof item.type === 'string' && USER_PART_TYPES.includes(item.type)) {
    return {
      field: 'type',
      problem: `is '${item.type}', a content part; put it in a message: { role: 'user', content: [ ... ] }`,
    };
  }
  if (item.type !== undefined && item.type !== 'message') return undefined;
  if (typeof item.role !== 'string' || !MESSAGE_ROLES.includes(item.role)) {
    return {
      field: 'role',
      problem: `is ${describeValue(item.role)}; a message's role is 'user', 'assistant' or 'system'`,
    };
  }
  const { content } = item;
  if (item.role === 'assistant') {
    if (!isArray(content)) {
      return {
        field: 'content',
        problem: `is ${describeValue(content)}; an assistant message's content is a list of parts such as { type: 'output_text', text: '...' }`,
      };
    }
    return partsProblem(content, (part) =>
      typeof part.type === 'string' ? undefined : { field: 'type', problem: `is ${describeValue(part.type)}` },
    );
  }
  if (typeof content === 'string') return undefined;
  if (!isArray(content)) {
    return {
      field: 'content',
      problem: `is ${describeValue(content)}; a ${item.role} message's content is a string or a list of parts such as { type: 'input_text', text: '...' }`,
    };
  }
  return partsProblem(content, userPartProblem);
}

function partsProblem(
  parts: unknown[],
  check: (part: Record<string, unknown>) => Problem | undefined,
): Problem | undefined {
  for (const [index, part] of parts.entries()) {
    const at = `content[${index}]`;
    if (!isRecord(part)) {
      return { field: at, problem: `is ${describeValue(part)}; a content part is an object with a type` };
    }
    const found = check(part);
    if (found) return { field: `${at}.${found.field}`, problem: found.problem };
  }
  return undefined;
}

function userPartProblem(part: Record<string, unknown>): Problem | undefined {
  if (typeof part.type !== 'string' || !USER_PART_TYPES.includes(part.type)) {
    return {
      field: 'type',
      problem: `is ${describeValue(part.type)}; it must be one of ${USER_PART_TYPES.join(', ')}`,
    };
  }
  if (part.type === 'input_text' && typeof part.text !== 'string') {
    return { field: 'text', problem: `is ${describeValue(part.text)}; an input_text part needs a string text` };
  }
  if ((part.type === 'input_image' && isBytes(part.image)) || (part.type === 'input_file' && isBytes(part.file))) {
    const [field, example] = part.type === 'input_image' ? ['image', 'image/png'] : ['file', 'application/pdf'];
    return {
      field,
      problem:
        `is binary data (a Uint8Array or ArrayBuffer), which the model cannot take here; pass it as a data URL ` +
        `string (\`data:${example};base64,<the bytes in base64>\`), or upload it and pass { id: '<file id>' }`,
    };
  }
  if (part.type === 'input_image') {
    const { image, imageUrl, fileId } = part;
    if (image === undefined && typeof imageUrl !== 'string' && typeof fileId !== 'string') {
      return {
        field: 'image',
        problem: "is missing; an input_image needs image: a URL, a data URL, or { id: '<file id>' }",
      };
    }
    if (image !== undefined && !isImageSource(image)) {
      return {
        field: 'image',
        problem: `is ${describeValue(image)}; an input_image's image is a URL or data URL string, or { id: '<file id>' }`,
      };
    }
  }
  if (part.type === 'input_file' && part.file !== undefined && !isFileSource(part.file)) {
    return {
      field: 'file',
      problem: `is ${describeValue(part.file)}; an input_file's file is a data URL or base64 string, { id: '<file id>' } or { url: '<https URL>' }`,
    };
  }
  return undefined;
}

// Bytes are not an image or file source of agents-core's input items (a string or a file id): the
// OpenAI models drop them or throw inside the model call. They are named as bytes, in the workflow
// and, in their tagged wire form, in the activity, so both refuse them with the same words.
function isImageSource(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  return isRecord(value) && typeof value.id === 'string';
}

function isFileSource(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return isRecord(value) && (typeof value.id === 'string' || typeof value.url === 'string');
}

function isBytes(value: unknown): boolean {
  return value instanceof Bytes || value instanceof RawBytes || decodeBytes(value) !== undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !isArray(value) && !(value instanceof Bytes);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : `a value of type ${typeof value}`;
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
