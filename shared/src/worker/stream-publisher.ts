/**
 * Sends values from an activity to a workflow's stream (see workflow/streaming.ts), in batches: one
 * Signal per batch interval, in order, one at a time. Each batch has a number, so a batch sent again
 * after a lost reply is kept once.
 *
 * Live delivery is best effort: a batch that cannot be sent after a few tries is dropped with a
 * warning, and nothing here fails the activity. The streamed model call returns every event anyway.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type PayloadConverter, WorkflowNotFoundError } from '@temporalio/common';
import { type PublishEntry, type PublishInput, payloadToWire, STREAM_PUBLISH_SIGNAL } from '../common/streaming.js';

/** A batch stays well under Temporal's 2 MB payload limit. */
const MAX_BATCH_BYTES = 256 * 1024;
const SEND_ATTEMPTS = 4;
const RETRY_DELAY_MS = 250;

export interface StreamPublisherOptions {
  client: Client;
  workflowId: string;
  runId?: string | undefined;
  batchIntervalMs: number;
  /** Called after each batch the workflow took, e.g. to heartbeat. */
  onSent?: (published: number) => void;
  warn?: (message: string) => void;
}

export class StreamPublisher {
  readonly #id = randomUUID();
  readonly #options: StreamPublisherOptions;
  readonly #converter: PayloadConverter;
  #buffer: PublishEntry[] = [];
  #bufferBytes = 0;
  #sequence = 0;
  #published = 0;
  #timer: NodeJS.Timeout | undefined;
  #sending: Promise<void> = Promise.resolve();
  /** Set once the workflow is gone: there is no one left to send to. */
  #closed = false;

  constructor(options: StreamPublisherOptions) {
    this.#options = options;
    this.#converter = options.client.options.loadedDataConverter.payloadConverter;
  }

  /** How many values the workflow has taken so far. */
  get published(): number {
    return this.#published;
  }

  publish(topic: string, value: unknown): void {
    if (this.#closed) return;
    const entry = { topic, data: payloadToWire(this.#converter.toPayload(value)) };
    this.#buffer.push(entry);
    this.#bufferBytes += entry.data.length + topic.length;
    if (this.#bufferBytes >= MAX_BATCH_BYTES) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), this.#options.batchIntervalMs);
  }

  /** Sends what is left and waits until every batch was taken (or given up on). */
  async close(): Promise<void> {
    this.#flush();
    await this.#sending;
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#buffer.length === 0) return;
    const batch = this.#buffer;
    this.#buffer = [];
    this.#bufferBytes = 0;
    const input: PublishInput = { items: batch, publisher_id: this.#id, sequence: ++this.#sequence };
    this.#sending = this.#sending.then(() => this.#send(input));
  }

  async #send(input: PublishInput): Promise<void> {
    if (this.#closed) return;
    const { client, workflowId, runId } = this.#options;
    for (let attempt = 1; ; attempt++) {
      try {
        await client.workflow.getHandle(workflowId, runId).signal(STREAM_PUBLISH_SIGNAL, input);
        this.#published += input.items.length;
        this.#options.onSent?.(this.#published);
        return;
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) {
          this.#closed = true;
          this.#options.warn?.(`Stream publishing stopped: workflow ${workflowId} is closed or gone.`);
          return;
        }
        if (attempt >= SEND_ATTEMPTS) {
          this.#options.warn?.(
            `A batch of ${input.items.length} stream entries for workflow ${workflowId} was dropped after ` +
              `${attempt} tries: ${error instanceof Error ? error.message : String(error)}`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
    }
  }
}
