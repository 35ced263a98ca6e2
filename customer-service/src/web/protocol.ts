/**
 * What the web server and the page say to each other. Types and names only: the page bundles this
 * file, and nothing of the workflow or of Node comes with it.
 */
import type { ModelStreamItem } from 'openai-agents-temporal';
import type { ChatEvent } from '../topics';
import type { ChatView } from '../workflows/customer-service';

/** `POST /api/conversations/:id`: starts the conversation or attaches to it. */
export type OpenReply = ChatView | { error: string };

/** `POST /api/conversations/:id/messages` with {@link SendRequest}. */
export interface SendRequest {
  text: string;
  /** The message's own id, used as the Update's id: the same message sent twice is taken once. */
  id?: string;
}

/** 202 `accepted`: the stream shows the answer; 422 `refused`: the workflow's validator said why; else `error`. */
export type SendReply = { accepted: true } | { refused: string } | { error: string };

/**
 * `GET /api/conversations/:id/events?from=N`: Server-Sent Events, each one stream entry. The event's
 * `id` is the entry's offset, so a browser that reconnects sends the last one it saw (Last-Event-ID)
 * and the stream goes on after it.
 */
export interface PageEvents {
  /** A line of the conversation, or how a turn ended. */
  chat: ChatEvent;
  /** A model call starting, its text as it comes, its end (only the parts the page shows). */
  tokens: ModelStreamItem;
  /** The conversation ended: there is nothing more to read. */
  end: Record<string, never>;
  /** The stream could not be read; `message` says why. */
  problem: { message: string };
}
