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

class ModelCallChain {
  #nextCall = 0;
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
      return { call, agentTurn, input, inputBytes: utf8Bytes(JSON.stringify(input)) };
    }
    // By content, every call: workflow code may change a conversation item in place between runs, so
    // neither the item objects nor a cache keyed by them can tell that an item is still the same.
    const itemKeys = input.map((item) => JSON.stringify(item));
    const previous = this.#previous;
    this.#previous = chain ? { call, itemKeys } : undefined;

    let shared = 0;
    if (chain && previous) {
      const limit = Math.min(previous.itemKeys.length, itemKeys.length);
      while (shared < limit && previous.itemKeys[shared] === itemKeys[shared]) shared++;
    }
    if (!previous || shared < MIN_SHARED_ITEMS) {
      return { call, agentTurn, input, inputBytes: sizeOf(itemKeys) };
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
