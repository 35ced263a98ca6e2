/**
 * The workflow's stream: an ordered, bounded log of `(topic, payload)` entries with offsets, served to
 * clients (see common/streaming.ts for the protocol). Streamed model calls publish their events to it
 * from the model activity; workflow code publishes its own entries (`stream.topic('items').publish(...)`).
 *
 * Entries come from Signals and from workflow code, both part of the history, so the log is the same
 * on replay. Module state is per workflow run in Temporal's sandbox: each run has one stream.
 */

import { HandlerUnfinishedPolicy } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defaultPayloadConverter,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  setHandler,
} from '@temporalio/workflow';
import { FailureTypes } from '../common/names.js';
import {
  type PollInput,
  type PollResult,
  type PublishInput,
  payloadToWire,
  READ_STREAM_QUERY,
  type ReadResult,
  STREAM_DRAINING,
  STREAM_OFFSET_QUERY,
  STREAM_POLL_UPDATE,
  STREAM_PUBLISH_SIGNAL,
  type StreamWireItem,
  TRUNCATED_OFFSET,
  type WorkflowStreamState,
} from '../common/streaming.js';

const publishSignal = defineSignal<[PublishInput]>(STREAM_PUBLISH_SIGNAL);
const pollUpdate = defineUpdate<PollResult, [PollInput]>(STREAM_POLL_UPDATE);
const offsetQuery = defineQuery<number>(STREAM_OFFSET_QUERY);
const readQuery = defineQuery<ReadResult, [PollInput]>(READ_STREAM_QUERY);

/** A poll or read answers at most about this much, so its answer stays far below gRPC's message limit. */
const MAX_READ_BYTES = 1_000_000;
/** Publishers not heard from for this long are forgotten (their batch numbers with them). */
const PUBLISHER_MEMORY_SECONDS = 15 * 60;

export const DEFAULT_MAX_STREAM_ENTRIES = 10_000;
export const DEFAULT_MAX_STREAM_BYTES = 8 * 1024 * 1024;
/** The most a stream's state carries into continueAsNew, so the next run's input stays under Temporal's 2 MB limit. */
export const DEFAULT_MAX_STATE_BYTES = 1024 * 1024;

export interface WorkflowStreamOptions {
  /** What the previous run carried into `continueAsNew` (`stream.state()`): offsets go on from there. */
  priorState?: WorkflowStreamState | undefined;
  /** The log keeps at most this many entries; the oldest go first. Default 10,000. */
  maxEntries?: number;
  /** The log keeps at most about this many bytes of entries (base64 payloads); the oldest go first. Default 8 MiB. */
  maxBytes?: number;
}

interface Entry {
  topic: string;
  data: string;
}

/** Publishes values of one topic; `T` only types what you pass. */
export interface StreamTopic<T> {
  readonly name: string;
  publish(value: T): void;
}

/** The run's stream. Get it with {@link workflowStream}. */
export class WorkflowStream {
  readonly #log: Entry[] = [];
  #baseOffset = 0;
  #bytes = 0;
  #draining = false;
  readonly #carried: boolean;
  readonly #publishers = new Map<string, { sequence: number; lastSeen: number }>();
  readonly #topics = new Map<string, StreamTopic<unknown>>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;

  /** @internal Use {@link workflowStream}: a run has one stream. */
  constructor(options: WorkflowStreamOptions = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_STREAM_ENTRIES;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_STREAM_BYTES;
    const prior = options.priorState;
    this.#carried = prior !== undefined;
    if (prior) {
      this.#baseOffset = prior.base_offset;
      for (const item of prior.log) this.#append({ topic: item.topic, data: item.data });
      for (const [id, sequence] of Object.entries(prior.publisher_sequences)) {
        this.#publishers.set(id, { sequence, lastSeen: prior.publisher_last_seen[id] ?? 0 });
      }
    }
    setHandler(publishSignal, (input) => this.#onPublish(input));
    setHandler(pollUpdate, (input) => this.#onPoll(input), {
      validator: (input) => this.#validatePoll(input),
      // A subscriber waiting when the run ends just hears that the run is over.
      unfinishedPolicy: HandlerUnfinishedPolicy.ABANDON,
    });
    setHandler(offsetQuery, () => this.offset);
    setHandler(readQuery, (input) => ({ ...this.#read(input), carried: this.#carried }));
  }

  /** The offset the next entry gets. */
  get offset(): number {
    return this.#baseOffset + this.#log.length;
  }

  /** The offset of the oldest entry still kept. */
  get baseOffset(): number {
    return this.#baseOffset;
  }

  topic<T = unknown>(name: string): StreamTopic<T> {
    let topic = this.#topics.get(name);
    if (!topic) {
      topic = { name, publish: (value: unknown) => this.publish(name, value) };
      this.#topics.set(name, topic);
    }
    return topic as StreamTopic<T>;
  }

  /** Appends a value (converted to a JSON payload) to the log. */
  publish(topic: string, value: unknown): void {
    this.#append({ topic, data: payloadToWire(defaultPayloadConverter.toPayload(value)) });
  }

  /** Drops the entries before `offset`; readers asking for them get the oldest kept entry instead. */
  truncate(offset: number): void {
    const drop = Math.min(offset - this.#baseOffset, this.#log.length);
    if (drop <= 0) return;
    for (const entry of this.#log.splice(0, drop)) this.#bytes -= entrySize(entry);
    this.#baseOffset += drop;
  }

  /**
   * The state to carry into `continueAsNew`: the newest entries up to `maxBytes` (default 1 MiB), their
   * offsets, and which publisher batches were already taken. Pass it as `priorState` in the next run.
   */
  state(maxBytes = DEFAULT_MAX_STATE_BYTES): WorkflowStreamState {
    let first = this.#log.length;
    let bytes = 0;
    while (first > 0) {
      const size = entrySize(this.#log[first - 1] as Entry);
      if (bytes + size > maxBytes) break;
      bytes += size;
      first--;
    }
    const publisherSequences: Record<string, number> = {};
    const publisherLastSeen: Record<string, number> = {};
    for (const [id, { sequence, lastSeen }] of this.#publishers) {
      publisherSequences[id] = sequence;
      publisherLastSeen[id] = lastSeen;
    }
    return {
      log: this.#log.slice(first).map((entry, index) => ({ ...entry, offset: this.#baseOffset + first + index })),
      base_offset: this.#baseOffset + first,
      publisher_sequences: publisherSequences,
      publisher_last_seen: publisherLastSeen,
    };
  }

  /**
   * Call right before `continueAsNew`: subscribers waiting in a poll are answered and new polls are
   * turned away (their clients retry and reach the next run), then the state is taken.
   */
  async prepareContinueAsNew(maxStateBytes = DEFAULT_MAX_STATE_BYTES): Promise<WorkflowStreamState> {
    this.#draining = true;
    await condition(allHandlersFinished);
    return this.state(maxStateBytes);
  }

  #append(entry: Entry): void {
    this.#log.push(entry);
    this.#bytes += entrySize(entry);
    const excess = Math.max(this.#log.length - this.#maxEntries, 0);
    let drop = excess;
    let bytes = this.#bytes;
    for (let i = 0; i < excess; i++) bytes -= entrySize(this.#log[i] as Entry);
    // Always keep the newest entry, however large.
    while (bytes > this.#maxBytes && drop < this.#log.length - 1) {
      bytes -= entrySize(this.#log[drop] as Entry);
      drop++;
    }
    if (drop > 0) this.truncate(this.#baseOffset + drop);
  }

  #onPublish(input: PublishInput): void {
    if (!isPublishInput(input)) {
      // A malformed Signal must not fail the workflow task (it would be retried forever).
      log.warn('Ignored a stream publish Signal that is not { items, publisher_id, sequence }');
      return;
    }
    const now = Date.now() / 1000;
    if (input.publisher_id) {
      const known = this.#publishers.get(input.publisher_id);
      if (known && input.sequence <= known.sequence) return; // a batch sent again after a lost reply
      this.#publishers.set(input.publisher_id, { sequence: input.sequence, lastSeen: now });
      for (const [id, { lastSeen }] of this.#publishers) {
        if (now - lastSeen > PUBLISHER_MEMORY_SECONDS) this.#publishers.delete(id);
      }
    }
    for (const item of input.items) this.#append({ topic: item.topic, data: item.data });
  }

  #validatePoll(input: PollInput): void {
    if (this.#draining) {
      throw ApplicationFailure.create({
        message: 'The run is about to continue as new: poll again to read from the next run.',
        type: STREAM_DRAINING,
        nonRetryable: true,
      });
    }
    if (!Number.isInteger(input?.from_offset) || input.from_offset < 0 || !Array.isArray(input.topics)) {
      throw ApplicationFailure.nonRetryable(
        `A stream poll needs { topics: string[], from_offset: integer >= 0 }, got ${JSON.stringify(input)}`,
        FailureTypes.configuration,
      );
    }
  }

  async #onPoll(input: PollInput): Promise<PollResult> {
    const truncated = () => input.from_offset > 0 && input.from_offset < this.#baseOffset;
    await condition(() => this.#draining || truncated() || this.offset > input.from_offset);
    if (truncated()) {
      throw ApplicationFailure.create({
        message: `Offset ${input.from_offset} was dropped from the stream; the oldest kept is ${this.#baseOffset}.`,
        type: TRUNCATED_OFFSET,
        nonRetryable: true,
      });
    }
    return this.#read(input);
  }

  /** Entries from the offset (or the oldest kept, if it was dropped), up to about 1 MB. */
  #read(input: PollInput): PollResult {
    const topics = input.topics.length > 0 ? new Set(input.topics) : undefined;
    const items: StreamWireItem[] = [];
    let bytes = 0;
    let index = Math.max(input.from_offset - this.#baseOffset, 0);
    for (; index < this.#log.length; index++) {
      const entry = this.#log[index] as Entry;
      if (topics && !topics.has(entry.topic)) continue;
      const size = entrySize(entry);
      if (items.length > 0 && bytes + size > MAX_READ_BYTES) {
        return { items, next_offset: this.#baseOffset + index, more_ready: true };
      }
      bytes += size;
      items.push({ topic: entry.topic, data: entry.data, offset: this.#baseOffset + index });
    }
    return { items, next_offset: Math.max(this.offset, input.from_offset), more_ready: false };
  }
}

function entrySize(entry: Entry): number {
  return entry.data.length + entry.topic.length;
}

function isPublishInput(input: unknown): input is PublishInput {
  if (input === null || typeof input !== 'object') return false;
  const { items, publisher_id, sequence } = input as Partial<PublishInput>;
  return (
    Array.isArray(items) &&
    items.every((item) => typeof item?.topic === 'string' && typeof item?.data === 'string') &&
    typeof publisher_id === 'string' &&
    typeof sequence === 'number'
  );
}

let runStream: WorkflowStream | undefined;

/**
 * This run's stream, made (and its Signal, Update and Query handlers registered) on the first call.
 * Call it at the top of the workflow, with the state the previous run carried if it continued as
 * new, so subscribers can read from the start. A streamed model call makes it if the workflow has not.
 */
export function workflowStream(options?: WorkflowStreamOptions): WorkflowStream {
  if (!runStream) {
    runStream = new WorkflowStream(options);
    return runStream;
  }
  if (options) {
    throw ApplicationFailure.nonRetryable(
      'workflowStream(options) was called after this run’s stream was made (by an earlier call, or by a streamed ' +
        'model call). Call workflowStream(options) first, at the top of the workflow.',
      FailureTypes.configuration,
    );
  }
  return runStream;
}
