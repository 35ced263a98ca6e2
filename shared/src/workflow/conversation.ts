/**
 * Conversations held by reference, with the plugin as the store, for any model provider. agents-core
 * already knows conversations kept on a server: given `previousResponseId`, its runner hands the model
 * only the items the server has not seen, and takes the response's id as the next call's
 * `previousResponseId`. A plugin conversation id names one model call of a workflow run; the model
 * activity (on the worker) rebuilds the whole input from that call's input and output, from its cache
 * or, on a miss, from that run's history. So each turn's run() gets only the new message: the
 * workflow's work per turn stays flat however long the conversation is, and the id, a short string,
 * carries the conversation through continue-as-new.
 */
import type { ConversationBase } from '../common/wire.js';

const PREFIX = 'openai-agents-temporal:conversation:';

/**
 * Pass as `previousResponseId` to the first run() of a conversation to keep it in the plugin; then
 * pass each result's `lastResponseId` to the next run(), in this run or (through continueAsNew) in
 * the next. Each run() takes only what is new: `run(agent, message, { previousResponseId })`.
 */
export const NEW_CONVERSATION_ID = `${PREFIX}new`;

/** The plugin conversation id of a model call: its whole input, then its output. */
export function conversationIdOf(base: ConversationBase): string {
  return `${PREFIX}${base.run}#${base.call}`;
}

/** What a `previousResponseId` refers to: a new plugin conversation, a call's, or (undefined) not the plugin's. */
export function parseConversationId(id: string | undefined): ConversationBase | 'new' | undefined {
  if (id === undefined || !id.startsWith(PREFIX)) return undefined;
  const rest = id.slice(PREFIX.length);
  if (rest === 'new') return 'new';
  const hash = rest.lastIndexOf('#');
  const call = Number(rest.slice(hash + 1));
  if (hash <= 0 || !Number.isSafeInteger(call) || call < 0) {
    throw new TypeError(
      `"${id}" is not a plugin conversation id. Pass NEW_CONVERSATION_ID to start one, and a result's ` +
        'lastResponseId to go on with it.',
    );
  }
  return { run: rest.slice(0, hash), call };
}
