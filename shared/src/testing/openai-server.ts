/**
 * A local OpenAI-compatible HTTP server on 127.0.0.1 that a test controls: the real `openai`
 * client talks to it, so its HTTP path, error mapping and retries run for real.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedHttpRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** When the request arrived (ms since the epoch). */
  receivedAt: number;
  /** When the exchange ended: the reply was sent, or the connection closed first. Unset while it runs. */
  finishedAt?: number;
  /** The client closed the connection before the reply was sent (an aborted request). */
  abortedByClient?: boolean;
}

/** What the server does with one request. */
export interface ScriptedHttpReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (for malformed bodies). */
  raw?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Close the socket without answering. */
  dropConnection?: boolean;
  /**
   * A streamed reply: these server-sent events (each a whole `event:`/`data:` block), written one at a
   * time with `eventIntervalMs` between them, as `text/event-stream`. See responsesApiEvents and
   * chatCompletionEvents.
   */
  events?: string[];
  /** Wait this long before each event. Default 0. */
  eventIntervalMs?: number;
  /**
   * What happens after the events: `end` finishes the reply (default); `drop` closes the socket with
   * the body unfinished (a connection cut mid-stream); `stall` keeps the connection open and sends
   * nothing more (a stream that stalls), until the client gives up or the server closes.
   */
  afterEvents?: 'end' | 'drop' | 'stall';
}

export type HttpReplier = (request: RecordedHttpRequest, index: number) => ScriptedHttpReply;

export interface FakeOpenAIServer {
  /** Base URL for the `openai` client (OPENAI_BASE_URL), ending in /v1. */
  baseURL: string;
  requests: RecordedHttpRequest[];
  close(): Promise<void>;
}

export async function startFakeOpenAIServer(reply: HttpReplier): Promise<FakeOpenAIServer> {
  const requests: RecordedHttpRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedHttpRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: text ? safeJson(text) : undefined,
      receivedAt,
    };
    requests.push(recorded);
    res.on('close', () => {
      recorded.finishedAt = Date.now();
      recorded.abortedByClient = !res.writableFinished;
    });
    const scripted = reply(recorded, requests.length - 1);
    if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (res.destroyed) return;
    if (scripted.dropConnection) {
      req.socket.destroy();
      return;
    }
    if (scripted.events) await sendEvents(res, scripted);
    else send(res, scripted);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Runs `body` with the worker's OpenAI settings (OPENAI_API_KEY, OPENAI_BASE_URL) pointing at a fresh
 * local server, then restores them and closes the server. The default provider reads them on first use,
 * so create the worker inside `body`.
 */
export async function withFakeOpenAIServer<T>(
  reply: HttpReplier,
  body: (server: FakeOpenAIServer) => Promise<T>,
  apiKey = 'sk-test-local-server',
): Promise<T> {
  const server = await startFakeOpenAIServer(reply);
  const saved = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };
  process.env.OPENAI_API_KEY = apiKey;
  process.env.OPENAI_BASE_URL = server.baseURL;
  try {
    return await body(server);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await server.close();
  }
}

/** Replies in the order given; the last one repeats. */
export function repliesInOrder(...replies: ScriptedHttpReply[]): HttpReplier {
  return (_request, index) => replies[Math.min(index, replies.length - 1)] ?? {};
}

/** Pairs of requests that were in flight at the same time (by index), e.g. a retry sent before the last attempt ended. */
export function overlappingRequests(requests: readonly RecordedHttpRequest[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (const [i, earlier] of requests.entries()) {
    for (const [j, later] of requests.entries()) {
      if (j <= i) continue;
      const earlierEnd = earlier.finishedAt ?? Number.POSITIVE_INFINITY;
      const laterEnd = later.finishedAt ?? Number.POSITIVE_INFINITY;
      if (later.receivedAt < earlierEnd && earlier.receivedAt < laterEnd) pairs.push([i, j]);
    }
  }
  return pairs;
}

function send(res: ServerResponse, reply: ScriptedHttpReply): void {
  const body = reply.raw ?? JSON.stringify(reply.json ?? {});
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
  res.end(body);
}

async function sendEvents(res: ServerResponse, reply: ScriptedHttpReply): Promise<void> {
  res.writeHead(reply.status ?? 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...reply.headers,
  });
  for (const event of reply.events ?? []) {
    if (reply.eventIntervalMs) await new Promise((resolve) => setTimeout(resolve, reply.eventIntervalMs));
    if (res.destroyed) return;
    // Flushed before the next step, so a `drop` cuts the body after these events, not before them.
    await new Promise<void>((resolve) => res.write(event, () => resolve()));
  }
  if (reply.afterEvents === 'drop') res.socket?.destroy();
  else if (reply.afterEvents !== 'stall') res.end();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A Responses API body whose output is one assistant message. */
export function responsesApiText(text: string, id = `resp_${Math.random().toString(36).slice(2)}`): unknown {
  return {
    id,
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    model: 'gpt-test',
    output: [
      {
        type: 'message',
        id: `msg_${id}`,
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: {
      input_tokens: 12,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 19,
    },
  };
}

/** An OpenAI-style error body. */
export function openAIErrorBody(message: string, type = 'invalid_request_error', code: string | null = null): unknown {
  return { error: { message, type, param: null, code } };
}

/**
 * A Responses API stream of the same answer as responsesApiText, as the OpenAI API sends it: one
 * server-sent event per item (created, item added, a delta per word, text done, completed).
 */
export function responsesApiEvents(text: string, id = `resp_${Math.random().toString(36).slice(2)}`): string[] {
  const itemId = `msg_${id}`;
  const done = responsesApiText(text, id) as Record<string, unknown>;
  const words = text.match(/\S+\s*/g) ?? [];
  const events: Record<string, unknown>[] = [
    { type: 'response.created', response: { ...done, status: 'in_progress', output: [], usage: null } },
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    },
    ...words.map((delta) => ({
      type: 'response.output_text.delta',
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta,
      logprobs: [],
    })),
    { type: 'response.output_text.done', item_id: itemId, output_index: 0, content_index: 0, text, logprobs: [] },
    { type: 'response.completed', response: done },
  ];
  return events.map(
    (event, index) => `event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: index })}\n\n`,
  );
}
