/**
 * Reads a workflow's stream from outside (a launcher, a web server): every entry from an offset on, as
 * it comes, across continue-as-new, until the workflow ends. See workflow/streaming.ts for the stream.
 *
 * It asks with a Query (`OpenAIAgents.readStream`) once per poll interval, and again at once when an
 * answer was cut short (about 1 MB). A Query adds nothing to the history, unlike the protocol's polling
 * Update, and it still answers once the run has closed, so the last entries are read after the end.
 */
import { type Client, QueryNotRegisteredError, type WorkflowClient } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { type PollInput, payloadFromWire, READ_STREAM_QUERY, type ReadResult } from '../common/streaming.js';

const MIN_POLL_INTERVAL_MS = 10;
const MAX_POLL_INTERVAL_MS = 10_000;
/** A read that takes longer is asked again: the worker may be gone, or busy with a long replay. */
const READ_DEADLINE_MS = 30_000;
/** Tries at reading a closed run's last entries (a Query on a closed run needs a worker to replay it). */
const CLOSED_RUN_READ_ATTEMPTS = 3;

export interface SubscribeOptions {
  /** The first offset to read. Default 0: everything the stream still keeps. */
  fromOffset?: number;
  /** Only these topics. Default: all. */
  topics?: string[];
  /** The wait between reads while nothing is new, between 10 ms and 10 s. Default 100 ms. */
  pollInterval?: Duration;
  /** Start at this run instead of the workflow's latest. */
  runId?: string;
  /** Stops the subscription; the iterator then ends. */
  signal?: AbortSignal;
}

/**
 * One entry of the stream. Offsets grow by one per entry of the whole stream (all topics), so a filtered
 * reader sees gaps; a larger jump means the log dropped entries before they were read, and an offset
 * lower than the one before means a run continued as new without carrying the stream's state (its
 * stream starts again at 0).
 */
export interface StreamEntry<T> {
  offset: number;
  topic: string;
  data: T;
  /** The run that served the entry. */
  runId: string;
}

/**
 * The workflow's stream entries, in order, as they come; the iterator ends when the workflow ends
 * (after its last entries) or when `signal` aborts. `T` types the entries' data (e.g. `ModelStreamItem`).
 */
export async function* subscribeToWorkflowStream<T = unknown>(
  client: Client | WorkflowClient,
  workflowId: string,
  options: SubscribeOptions = {},
): AsyncGenerator<StreamEntry<T>, void, undefined> {
  const { signal, topics = [] } = options;
  const workflows = 'workflow' in client ? client.workflow : client;
  const intervalMs = Math.min(
    Math.max(msToNumber(options.pollInterval ?? '100ms'), MIN_POLL_INTERVAL_MS),
    MAX_POLL_INTERVAL_MS,
  );
  const converter = workflows.options.loadedDataConverter.payloadConverter;
  let runId = options.runId ?? (await workflows.getHandle(workflowId).describe()).runId;
  let offset = options.fromOffset ?? 0;
  /** Set on moving to the next run, until that run's stream answered. */
  let followed = false;
  /** How the current run ended, once it has; its last entries are read after that. */
  let ended: string | undefined;
  let failedReadsAfterEnd = 0;

  while (!signal?.aborted) {
    const read = await readOnce(workflows, workflowId, runId, { topics, from_offset: offset });
    if (read.result) {
      if (followed && !read.result.carried && offset > 0) {
        // The run continued as new without the stream's state: its stream starts again at 0.
        followed = false;
        offset = 0;
        continue;
      }
      followed = false;
      const { items, next_offset, more_ready } = read.result;
      for (const item of items) {
        const data = converter.fromPayload<T>(payloadFromWire(item.data));
        yield { offset: item.offset, topic: item.topic, data, runId };
      }
      offset = next_offset;
      if (more_ready) continue;
      if (!ended && items.length > 0) {
        await sleep(intervalMs, signal);
        continue;
      }
    } else if (ended && !(read.error instanceof QueryNotRegisteredError)) {
      if (++failedReadsAfterEnd < CLOSED_RUN_READ_ATTEMPTS) continue;
      throw new Error(
        `Workflow ${workflowId} run ${runId} ended (${ended}) and its last stream entries could not be read. ` +
          `A Query on a closed run needs a worker on its task queue: ${describeError(read.error)}`,
        { cause: read.error },
      );
    }
    if (!ended) {
      const { status } = await workflows.getHandle(workflowId, runId).describe();
      if (status.name === 'RUNNING' || status.name === 'PAUSED') await sleep(intervalMs, signal);
      // Over: one more read takes what came after the last one.
      else ended = status.name;
      continue;
    }
    // Everything the run published is read.
    if (ended !== 'CONTINUED_AS_NEW') return;
    const next = await workflows.getHandle(workflowId).describe();
    if (next.runId === runId) {
      await sleep(intervalMs, signal);
      continue;
    }
    runId = next.runId;
    followed = true;
    ended = undefined;
    failedReadsAfterEnd = 0;
  }
}

async function readOnce(
  workflows: WorkflowClient,
  workflowId: string,
  runId: string,
  input: PollInput,
): Promise<{ result?: ReadResult; error?: unknown }> {
  try {
    const result = await workflows.withDeadline(Date.now() + READ_DEADLINE_MS, () =>
      workflows.getHandle(workflowId, runId).query<ReadResult, [PollInput]>(READ_STREAM_QUERY, input),
    );
    return { result };
  } catch (error) {
    // Not hosted yet (or never, in this run), no worker at the moment, a deadline: the caller looks at the run.
    return { error };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
