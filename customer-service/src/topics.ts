/**
 * The conversation's stream, as the workflow publishes it and the web chat reads it (the page
 * imports only the types, so nothing of the workflow reaches the browser).
 */
import type { ChatLine } from './workflows/customer-service';

/** A line of the conversation as the turn makes it, then the turn's end: published by the workflow. */
export const CHAT_TOPIC = 'chat';

/** The model's events as it writes (`ModelStreamItem`): published by the model activity while the model answers. */
export const TOKENS_TOPIC = 'tokens';

/** What the chat topic carries: each line as it comes, then how the turn ended. */
export type ChatEvent =
  | ChatLine
  | { kind: 'turn_done' }
  /** The turn failed: nothing of it stays in the conversation, and `text` can be sent again. */
  | { kind: 'turn_failed'; text: string; message: string };
