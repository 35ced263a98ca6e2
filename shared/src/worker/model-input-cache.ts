/**
 * Rebuilds a model call's whole input when the workflow sent only what is new since an earlier call
 * of the run (`inputBase`, see workflow/model-call-chain.ts). Recent inputs are kept in memory; on a
 * miss (another worker ran the earlier call, or this one restarted) the run's own history has every
 * model call's input, so the chain is rebuilt from it. Items are shared between entries, not copied.
 */
import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
import type { InvokeModelInput, SerializedModelRequest } from '../common/wire.js';

type WireInput = SerializedModelRequest['input'];
type WireItems = Exclude<WireInput, string>;

/** Inputs kept in memory, across runs; the oldest go first. */
const DEFAULT_MAX_ENTRIES = 2_000;

export class ModelInputCache {
  readonly #inputs = new Map<string, WireInput>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** The call's whole input (as on the wire), remembered for the calls that will continue it. */
  async resolve(input: InvokeModelInput, context: Context): Promise<WireInput> {
    const run = runKey(context);
    let whole = input.request.input;
    if (run === undefined) {
      if (input.inputBase) throw new TypeError('A model call that continues an earlier one must run in a workflow.');
      return whole;
    }
    if (input.inputBase) {
      const { call, items } = input.inputBase;
      const base = this.#get(run, call) ?? (await this.#rebuildFromHistory(run, call, context));
      if (typeof base === 'string' || base.length < items) {
        throw ApplicationFailure.nonRetryable(
          `Model call ${input.call} continues the first ${items} input items of call ${call}, which had ` +
            `${typeof base === 'string' ? 'a string input' : `${base.length} items`}. The workflow history is not ` +
            'what this worker expects: is the worker on an older version of openai-agents-temporal than the workflow?',
          FailureTypes.configuration,
        );
      }
      whole = [...base.slice(0, items), ...(whole as WireItems)];
    }
    if (input.call !== undefined) this.#set(run, input.call, whole);
    return whole;
  }

  #get(run: string, call: number): WireInput | undefined {
    const key = `${run}#${call}`;
    const found = this.#inputs.get(key);
    if (found !== undefined) {
      // Most recently used goes last, so it is evicted last.
      this.#inputs.delete(key);
      this.#inputs.set(key, found);
    }
    return found;
  }

  #set(run: string, call: number, whole: WireInput): void {
    this.#inputs.set(`${run}#${call}`, whole);
    while (this.#inputs.size > this.maxEntries) {
      const oldest = this.#inputs.keys().next().value;
      if (oldest === undefined) break;
      this.#inputs.delete(oldest);
    }
  }

  /** Reads the run's model calls from its history, in order, and rebuilds each input up to `call`. */
  async #rebuildFromHistory(run: string, call: number, context: Context): Promise<WireInput> {
    const slash = run.lastIndexOf('/');
    const workflowId = run.slice(0, slash);
    const runId = run.slice(slash + 1);
    const client = context.client;
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== INVOKE_MODEL_ACTIVITY) continue;
      const earlier = await decodeFromPayloadsAtIndex<InvokeModelInput>(
        client.options.loadedDataConverter,
        0,
        scheduled.input?.payloads,
      );
      if (earlier.call === undefined) continue;
      if (earlier.call > call) break;
      // Resolving in history order fills the cache with each call's whole input.
      await this.resolve(earlier, context);
    }
    const rebuilt = this.#get(run, call);
    if (rebuilt === undefined) {
      throw ApplicationFailure.nonRetryable(
        `Model call ${call} of workflow ${workflowId} (run ${runId}) is not in the run's history, so the input ` +
          'that continues it cannot be rebuilt.',
        FailureTypes.configuration,
      );
    }
    return rebuilt;
  }
}

/** The run's key, `workflowId/runId` (a run id never holds a slash); undefined outside a workflow. */
function runKey(context: Context): string | undefined {
  const execution = context.info.workflowExecution;
  return execution ? `${execution.workflowId}/${execution.runId}` : undefined;
}
