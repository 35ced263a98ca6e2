/**
 * The model calls of one workflow run, in order. Each call gets an index, its agent's turn, and, when
 * its input starts with input items an earlier call of the run already sent, a reference to that call
 * instead of those items: the model activity's input then holds only what is new, so history grows
 * with the conversation instead of with its square. The worker rebuilds the whole input from its
 * cache or, on a miss, from this run's history (see worker/model-input-cache.ts).
 *
 * Module state is per workflow run in Temporal's sandbox, so every model provider of a run (the
 * plugin's default and any made in workflow code) shares this one chain.
 */
import type { InputBase, SerializedModelRequest } from '../common/wire.js';

type WireInput = SerializedModelRequest['input'];

/** A shared run shorter than this is sent whole: a reference would save almost nothing. */
const MIN_SHARED_ITEMS = 2;

export interface ChainedInput {
  /** This call's index among the run's model calls (0 for the first). */
  call: number;
  /** How many model calls this agent made before in this run. */
  agentTurn: number;
  /** The items to send: all of them, or those after `inputBase.items`. */
  input: WireInput;
  inputBase?: InputBase;
  /** The serialized size of `input`, for the payload check. */
  inputBytes: number;
}

/**
 * What a replay of the run will redo, in units of about a byte of input item. Every model call of the
 * run costs a fixed amount (its activity, its workflow tasks, the runner's turn, its spans), and the
 * runner (agents-core) copies and keys every item of the call's input, so replaying the run costs
 * about a sum over its model calls of a constant plus their inputs' bytes plus a constant per item.
 * A chat that passes its whole conversation to each turn's run() makes this grow with the square of
 * its turns, while its history grows linearly. The weights come from the replay CPU of 2 KB chats
 * and of one run() looping through tool calls (bench/src/replay-work-fit.ts; the package README,
 * "Long conversations", says how well they hold).
 */
export interface ReplayWork {
  /** Model calls so far in this run. */
  modelCalls: number;
  /** Input items handed to those calls, summed over the calls. */
  inputItems: number;
  /** The bytes of those inputs (as JSON), summed over the calls. */
  inputBytes: number;
  /**
   * `REPLAY_WORK_PER_MODEL_CALL * modelCalls + REPLAY_WORK_PER_ITEM * inputItems + inputBytes`: what
   * replay budgets are compared with.
   */
  units: number;
}

/** The fixed replay cost of one model call, in replay work units. */
export const REPLAY_WORK_PER_MODEL_CALL = 200_000;
/** The replay cost of one input item beyond its bytes (copying and keying it), in replay work units. */
export const REPLAY_WORK_PER_ITEM = 500;

class ModelCallChain {
  #nextCall = 0;
  #inputItems = 0;
  #inputBytes = 0;
  #previous: { call: number; itemKeys: string[] } | undefined;
  readonly #turns = new Map<string, number>();

  /** Registers one model call. Pass `chain: false` for calls whose input the history will not hold (local activities). */
  next(agentName: string | undefined, input: WireInput, chain: boolean): ChainedInput {
    const call = this.#nextCall++;
    const agentKey = agentName ?? '';
    const agentTurn = this.#turns.get(agentKey) ?? 0;
    this.#turns.set(agentKey, agentTurn + 1);

    if (typeof input === 'string') {
      this.#previous = undefined;
      const inputBytes = utf8Bytes(JSON.stringify(input));
      this.#count(1, inputBytes);
      return { call, agentTurn, input, inputBytes };
    }
    // By content, every call: workflow code may change a conversation item in place between runs, so
    // neither the item objects nor a cache keyed by them can tell that an item is still the same.
    const itemKeys = input.map((item) => JSON.stringify(item));
    const wholeBytes = sizeOf(itemKeys);
    this.#count(itemKeys.length, wholeBytes);
    const previous = this.#previous;
    this.#previous = chain ? { call, itemKeys } : undefined;

    let shared = 0;
    if (chain && previous) {
      const limit = Math.min(previous.itemKeys.length, itemKeys.length);
      while (shared < limit && previous.itemKeys[shared] === itemKeys[shared]) shared++;
    }
    if (!previous || shared < MIN_SHARED_ITEMS) {
      return { call, agentTurn, input, inputBytes: wholeBytes };
    }
    const rest = itemKeys.slice(shared);
    return {
      call,
      agentTurn,
      input: input.slice(shared),
      inputBase: { call: previous.call, items: shared },
      inputBytes: sizeOf(rest),
    };
  }

  /** The replay work the run's model calls have added up to so far: the same on replay, as the calls are. */
  replayWork(): ReplayWork {
    return {
      modelCalls: this.#nextCall,
      inputItems: this.#inputItems,
      inputBytes: this.#inputBytes,
      units: REPLAY_WORK_PER_MODEL_CALL * this.#nextCall + REPLAY_WORK_PER_ITEM * this.#inputItems + this.#inputBytes,
    };
  }

  #count(items: number, bytes: number): void {
    this.#inputItems += items;
    this.#inputBytes += bytes;
  }
}

const encoder = new TextEncoder();
const utf8Bytes = (text: string) => encoder.encode(text).length;

/** The bytes of the items as a JSON array: only the items that are sent are measured. */
function sizeOf(itemKeys: string[]): number {
  let bytes = 2 + Math.max(0, itemKeys.length - 1); // brackets and commas
  for (const key of itemKeys) bytes += utf8Bytes(key);
  return bytes;
}

export const modelCallChain = new ModelCallChain();
