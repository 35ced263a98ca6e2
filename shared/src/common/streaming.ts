/**
 * Streaming: what the model activity, the workflow and stream subscribers share. Workflow-safe (no
 * Node built-ins), so both the workflow bundle and the worker or client import it.
 *
 * A workflow hosts an ordered log of `(topic, payload)` entries. Entries come from activities
 * (batches sent as Signals) and from workflow code; clients read them from an offset. The handler
 * names and wire shapes are those of Temporal's Workflow Streams protocol (`@temporalio/workflow-streams`,
 * Python's `temporalio.contrib.workflow_streams`), so their clients can subscribe as well:
 *   - Signal `__temporal_workflow_stream_publish` with {@link PublishInput};
 *   - Update `__temporal_workflow_stream_poll` with {@link PollInput}, answering a {@link PollResult}
 *     once there is something past the offset (a long poll);
 *   - Query `__temporal_workflow_stream_offset`: the offset after the last entry.
 * One Query is this plugin's own: {@link READ_STREAM_QUERY}, the poll without the wait. A Query writes
 * nothing to the history (every Update does, result included) and works on a closed run too.
 *
 * Each entry's data is a Temporal `Payload` (here JSON, `json/plain`), as protobuf bytes in base64.
 */
import { type ModelResponse, type StreamEvent, Usage } from '@openai/agents-core';
import type { Duration, Payload } from '@temporalio/common';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { decodeBinary, encodeBinary, type SerializedModelResponse } from './wire.js';

export const STREAM_PUBLISH_SIGNAL = '__temporal_workflow_stream_publish';
export const STREAM_POLL_UPDATE = '__temporal_workflow_stream_poll';
export const STREAM_OFFSET_QUERY = '__temporal_workflow_stream_offset';
/** This plugin's own addition to the protocol: {@link PollInput} in, {@link ReadResult} out, at once. */
export const READ_STREAM_QUERY = 'OpenAIAgents.readStream';

/** The failure type of a poll or read for an offset the log has already dropped. */
export const TRUNCATED_OFFSET = 'TruncatedOffset';
/** The failure type of a poll while the run gets ready to continue as new: poll again, the next run answers. */
export const STREAM_DRAINING = 'StreamDraining';

/** One entry to publish: its topic, and its Payload as base64 protobuf bytes. */
export interface PublishEntry {
  topic: string;
  data: string;
}

/** A batch of entries. `sequence` grows by one per batch of a publisher, so a batch sent twice is kept once. */
export interface PublishInput {
  items: PublishEntry[];
  publisher_id: string;
  sequence: number;
}

/** Entries of these topics (all when empty) from this offset on. */
export interface PollInput {
  topics: string[];
  from_offset: number;
}

export interface StreamWireItem extends PublishEntry {
  offset: number;
}

/** `more_ready`: the answer was cut at about 1 MB; ask again at `next_offset` at once. */
export interface PollResult {
  items: StreamWireItem[];
  next_offset: number;
  more_ready: boolean;
}

/**
 * What {@link READ_STREAM_QUERY} answers: a poll's answer, and whether this run's stream started from
 * a previous run's state. A run that continued as new without it starts again at offset 0.
 */
export interface ReadResult extends PollResult {
  carried: boolean;
}

/** A stream's state, to carry into `continueAsNew`. Entries keep their offsets: `base_offset` is the first one's. */
export interface WorkflowStreamState {
  log: StreamWireItem[];
  base_offset: number;
  publisher_sequences: Record<string, number>;
  /** When each publisher was last heard from, in seconds of workflow time; old ones are forgotten. */
  publisher_last_seen: Record<string, number>;
}

// --- Payload as protobuf: `message Payload { map<string, bytes> metadata = 1; bytes data = 2; }` ---

const LENGTH_DELIMITED = 2;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function pushVarint(out: number[], value: number): void {
  let rest = value;
  while (rest > 0x7f) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function pushField(out: number[], field: number, bytes: ArrayLike<number>): void {
  pushVarint(out, (field << 3) | LENGTH_DELIMITED);
  pushVarint(out, bytes.length);
  // Indexed copy: in the workflow sandbox, byte arrays may come from another realm.
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i] ?? 0);
}

/** The Payload's protobuf bytes. Map entries are written in key order, as other SDKs' encoders may not be. */
export function encodePayload(payload: Payload): Uint8Array {
  const out: number[] = [];
  const metadata = payload.metadata ?? {};
  for (const key of Object.keys(metadata).sort()) {
    const value = metadata[key];
    if (value === null || value === undefined) continue;
    const entry: number[] = [];
    pushField(entry, 1, utf8.encode(key));
    pushField(entry, 2, value);
    pushField(out, 1, entry);
  }
  if (payload.data && payload.data.length > 0) pushField(out, 2, payload.data);
  return new Uint8Array(out);
}

class ProtoReader {
  #at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.#at >= this.bytes.length;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.#at++];
      if (byte === undefined) throw new RangeError('Payload bytes end inside a varint');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 49) throw new RangeError('Payload bytes hold a varint too long');
    }
  }
  take(length: number): Uint8Array {
    if (this.#at + length > this.bytes.length) throw new RangeError('Payload bytes end inside a field');
    // A copy, and a plain Uint8Array even when the input is a Node Buffer (whose slice is a view).
    const slice = new Uint8Array(this.bytes.subarray(this.#at, this.#at + length));
    this.#at += length;
    return slice;
  }
  /** Steps over a field this reader does not use. */
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.take(8);
    else if (wireType === LENGTH_DELIMITED) this.take(this.varint());
    else if (wireType === 5) this.take(4);
    else throw new RangeError(`Payload bytes hold an unknown wire type ${wireType}`);
  }
}

export function decodePayload(bytes: Uint8Array): Payload {
  const metadata: Record<string, Uint8Array> = {};
  let data: Uint8Array = new Uint8Array(0);
  const reader = new ProtoReader(bytes);
  while (!reader.done) {
    const tag = reader.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType !== LENGTH_DELIMITED || (field !== 1 && field !== 2)) {
      reader.skip(wireType);
      continue;
    }
    const body = reader.take(reader.varint());
    if (field === 2) {
      data = body;
      continue;
    }
    const entry = new ProtoReader(body);
    let key = '';
    let value: Uint8Array = new Uint8Array(0);
    while (!entry.done) {
      const entryTag = entry.varint();
      if ((entryTag & 7) !== LENGTH_DELIMITED) {
        entry.skip(entryTag & 7);
        continue;
      }
      const part = entry.take(entry.varint());
      if (entryTag >> 3 === 1) key = fromUtf8.decode(part);
      else if (entryTag >> 3 === 2) value = part;
    }
    metadata[key] = value;
  }
  return { metadata, data };
}

/** A Payload in the protocol's form: base64 of its protobuf bytes. */
export function payloadToWire(payload: Payload): string {
  return bytesToBase64(encodePayload(payload));
}

export function payloadFromWire(wire: string): Payload {
  return decodePayload(base64ToBytes(wire));
}

// --- Streaming model calls ---

/** The topic streamed model calls publish to unless told otherwise. */
export const DEFAULT_MODEL_EVENTS_TOPIC = 'model-events';
export const DEFAULT_STREAM_BATCH_INTERVAL = '100ms';

/**
 * Streaming model calls, set in workflow code: `new ActivityModelProvider({ streaming: { topic } })`.
 * A run with `{ stream: true }` then calls the model's streaming API in the model activity, which
 * sends the events to the workflow's stream as they come (see {@link ModelStreamItem}) and returns
 * them with the whole response, so the run in the workflow sees the same events, in order.
 */
export interface ModelStreamingOptions {
  /** The topic the model activity publishes to. Default {@link DEFAULT_MODEL_EVENTS_TOPIC}. */
  topic?: string;
  /** How long the activity gathers events before it sends them (one Signal per batch). Default 100 ms. */
  batchInterval?: Duration;
  /**
   * Also the provider's raw events (`type: 'model'`: every Responses API event, function-call
   * argument deltas included). They repeat what the other events say, so they make a streamed
   * call's share of the history several times larger. Default false.
   */
  rawModelEvents?: boolean;
  /**
   * The longest silence between two events of a streamed answer: past it, the activity aborts the
   * request and fails the attempt with a retryable `Timeout` failure, so a stalled stream is retried
   * long before the attempt's start-to-close timeout. Unset by default: a model that thinks before it
   * answers can be quiet for a long time; set it above the longest pause you expect (e.g. '30s').
   */
  idleTimeout?: Duration;
}

/** What the workflow asks of a streaming model activity: `InvokeModelInput.stream`. */
export interface ModelStreamRequest {
  topic: string;
  batchInterval: Duration;
  rawModelEvents: boolean;
  /** Sent only when set (see ModelStreamingOptions.idleTimeout). */
  idleTimeout?: Duration;
}

/**
 * How the recorded events were made smaller to fit Temporal's payload limit: `provider-data` left
 * out the provider's fields of each text delta (and the raw events); `merged` also joined each
 * output item's deltas into one; `response-only` kept none, so the run in the workflow sees only
 * the final `response_done`. Live subscribers got every event in full either way.
 */
export type StreamCompaction = 'provider-data' | 'merged' | 'response-only';

/** A streamed call's result: the whole response, as for any call, with the events the model streamed. */
export interface StreamedModelResponse extends SerializedModelResponse {
  stream?: {
    /** The activity attempt that produced this answer; the events other attempts published do not count. */
    attempt: number;
    /** Every event before the final `response_done`, which is rebuilt from the response itself. */
    events: StreamEvent[];
    /** The `providerData` of the final `response_done` event. */
    doneProviderData?: Record<string, unknown>;
    compaction?: StreamCompaction;
  };
}

/**
 * What a streamed model call publishes, in order, on its topic. `call` is the model call's index in
 * the workflow run; `attempt` is the activity attempt (1 for the first). A retried attempt starts
 * with a new `attempt` entry and its `sequence` starts again at 0: a subscriber that shows text
 * should drop what the earlier attempt of that call published. `completed` comes from the workflow
 * once the call's result is in: from then on the events of that attempt are the call's answer.
 */
export type ModelStreamItem =
  | { kind: 'attempt'; call: number; attempt: number; agentName?: string; modelName?: string }
  | { kind: 'event'; call: number; attempt: number; sequence: number; event: StreamEvent }
  | { kind: 'attempt_failed'; call: number; attempt: number; message: string }
  | { kind: 'completed'; call: number; attempt: number; events: number };

/** The response in a `response_done` event, as the worker stores it. */
export function responseFromDoneEvent(event: Extract<StreamEvent, { type: 'response_done' }>): ModelResponse {
  const { response } = event;
  const out: ModelResponse = {
    usage: new Usage(response.usage),
    output: response.output,
    responseId: response.id,
  };
  if (response.requestId !== undefined) out.requestId = response.requestId;
  if (response.providerData !== undefined) out.providerData = response.providerData;
  const rawUsage = (response as { rawUsage?: Record<string, unknown> }).rawUsage;
  if (rawUsage !== undefined) out.rawUsage = rawUsage;
  return out;
}

/** The final `response_done` event of a streamed call, rebuilt from its stored response. */
export function doneEventFromResponse(
  wire: SerializedModelResponse,
  providerData: Record<string, unknown> | undefined,
): StreamEvent {
  const response: Record<string, unknown> = {
    id: wire.responseId ?? '',
    usage: withoutUndefined(wire.usage),
    output: decodeBinary(wire.output),
  };
  if (wire.requestId !== undefined) response.requestId = wire.requestId;
  if (wire.providerData !== undefined) response.providerData = wire.providerData;
  if (wire.rawUsage !== undefined) response.rawUsage = wire.rawUsage;
  const event: Record<string, unknown> = { type: 'response_done', response };
  if (providerData !== undefined) event.providerData = providerData;
  return event as unknown as StreamEvent;
}

export function encodeStreamEvents(events: StreamEvent[]): StreamEvent[] {
  return encodeBinary(events);
}

export function decodeStreamEvents(events: StreamEvent[]): StreamEvent[] {
  return decodeBinary(events);
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
