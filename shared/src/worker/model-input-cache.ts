/**
 * Rebuilds a model call's whole input when the workflow sent only what is new: since an earlier call
 * of the run (`inputBase`, see workflow/model-call-chain.ts), or since the whole conversation of an
 * earlier call, perhaps of an earlier run (`conversationBase`, see workflow/conversation.ts). Recent
 * inputs and outputs are kept in memory; on a miss (another worker ran the earlier call, or this one
 * restarted) the run's own history has every model call's input and output, so the chain is rebuilt
 * from it, and from the histories of the runs it continues. Items are shared between entries, not copied.
 */
import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
import type { InvokeModelInput, SerializedModelRequest, SerializedModelResponse } from '../common/wire.js';

type WireInput = SerializedModelRequest['input'];
type WireItems = Exclude<WireInput, string>;

/** Calls kept in memory, across runs; the least recently used go first. */
const DEFAULT_MAX_ENTRIES = 2_000;

interface CachedCall {
  /** The call's whole input, as on the wire. */
  input: WireInput;
  /** Its output, once the call has answered. */
  output?: SerializedModelResponse['output'];
}

export class ModelInputCache {
  readonly #calls = new Map<string, CachedCall>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** The call's whole input (as on the wire), remembered for the calls that will continue it. */
  async resolve(input: InvokeModelInput, context: Context): Promise<WireInput> {
    const run = runKey(context);
    if (run === undefined) {
      if (input.inputBase || input.conversationBase) {
        throw new TypeError('A model call that continues an earlier one must run in a workflow.');
      }
      return input.request.input;
    }
    return this.#resolveIn(run, input, context);
  }

  /** Remembers what the call answered, for the calls of its conversation that follow. */
  rememberOutput(input: InvokeModelInput, context: Context, output: SerializedModelResponse['output']): void {
    const run = runKey(context);
    if (run === undefined || input.call === undefined) return;
    const cached = this.#calls.get(`${run}#${input.call}`);
    if (cached) cached.output = output;
  }

  async #resolveIn(run: string, input: InvokeModelInput, context: Context): Promise<WireInput> {
    let whole = input.request.input;
    if (input.inputBase) {
      const { call, items } = input.inputBase;
      const base = (await this.#call(run, call, context, false)).input;
      if (typeof base === 'string' || base.length < items) {
        throw ApplicationFailure.nonRetryable(
          `Model call ${input.call} continues the first ${items} input items of call ${call}, which had ` +
            `${typeof base === 'string' ? 'a string input' : `${base.length} items`}. The workflow history is not ` +
            'what this worker expects: is the worker on an older version of openai-agents-temporal than the workflow?',
          FailureTypes.configuration,
        );
      }
      whole = [...base.slice(0, items), ...asItems(whole)];
    } else if (input.conversationBase) {
      const { run: baseRun, call } = input.conversationBase;
      const base = await this.#call(baseRun, call, context, true);
      whole = [...asItems(base.input), ...(base.output ?? []), ...asItems(whole)];
    }
    if (input.call !== undefined) this.#set(run, input.call, { input: whole });
    return whole;
  }

  /** A call of a run, from memory or else from the run's history; `withOutput` when its answer is needed too. */
  async #call(run: string, call: number, context: Context, withOutput: boolean): Promise<CachedCall> {
    const key = `${run}#${call}`;
    const found = this.#calls.get(key);
    if (found !== undefined && (!withOutput || found.output !== undefined)) {
      // Most recently used goes last, so it is evicted last.
      this.#calls.delete(key);
      this.#calls.set(key, found);
      return found;
    }
    return this.#rebuildFromHistory(run, call, context, withOutput);
  }

  #set(run: string, call: number, entry: CachedCall): void {
    this.#calls.set(`${run}#${call}`, entry);
    while (this.#calls.size > this.maxEntries) {
      const oldest = this.#calls.keys().next().value;
      if (oldest === undefined) break;
      this.#calls.delete(oldest);
    }
  }

  /** Reads the run's model calls from its history, in order, and rebuilds each input (and output) up to `call`. */
  async #rebuildFromHistory(run: string, call: number, context: Context, withOutput: boolean): Promise<CachedCall> {
    const slash = run.lastIndexOf('/');
    const workflowId = run.slice(0, slash);
    const runId = run.slice(slash + 1);
    const client = context.client;
    const converter = client.options.loadedDataConverter;
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const callsByScheduledEvent = new Map<string, number>();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name === INVOKE_MODEL_ACTIVITY) {
        const earlier = await decodeFromPayloadsAtIndex<InvokeModelInput>(converter, 0, scheduled.input?.payloads);
        if (earlier.call === undefined || earlier.call > call) continue;
        // Resolving in history order fills the cache with each call's whole input.
        await this.#resolveIn(run, earlier, context);
        callsByScheduledEvent.set(String(event.eventId), earlier.call);
        if (earlier.call === call && !withOutput) break;
        continue;
      }
      const completed = event.activityTaskCompletedEventAttributes;
      const completedCall = completed ? callsByScheduledEvent.get(String(completed.scheduledEventId)) : undefined;
      if (completed && completedCall !== undefined) {
        const response = await decodeFromPayloadsAtIndex<SerializedModelResponse>(
          converter,
          0,
          completed.result?.payloads,
        );
        const cached = this.#calls.get(`${run}#${completedCall}`);
        if (cached) cached.output = response.output;
        if (completedCall === call) break;
      }
    }
    const rebuilt = this.#calls.get(`${run}#${call}`);
    if (rebuilt === undefined || (withOutput && rebuilt.output === undefined)) {
      throw ApplicationFailure.nonRetryable(
        `Model call ${call} of workflow ${workflowId} (run ${runId}) is not in the run's history${
          rebuilt ? ' as a finished call' : ''
        }, so the input that continues it cannot be rebuilt. Has the run's history passed the namespace's retention?`,
        FailureTypes.configuration,
      );
    }
    return rebuilt;
  }
}

function asItems(input: WireInput): WireItems {
  // A string input is one user message, as agents-core reads it.
  return typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : input;
}

/** The run's key, `workflowId/runId` (a run id never holds a slash); undefined outside a workflow. */
function runKey(context: Context): string | undefined {
  const execution = context.info.workflowExecution;
  return execution ? `${execution.workflowId}/${execution.runId}` : undefined;
}
