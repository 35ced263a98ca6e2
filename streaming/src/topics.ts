/** The stream topics the workflows publish to and the launchers read: shared, so both sides agree. */

/** stream-text: the model's events, published by the model activity while the model answers. */
export const TOKENS_TOPIC = 'tokens';

/** stream-items: a play-by-play of the run, published by the workflow as each item comes. */
export const ITEMS_TOPIC = 'items';

/** One line of the stream-items play-by-play. */
export interface ItemEvent {
  kind: 'agent' | 'tool_call' | 'tool_output' | 'message';
  detail: string;
}
