/**
 * The customer service chat in a browser: a small server, on Node's own http, between the page and
 * the conversation's workflow. It holds no state of its own: the conversation lives in Temporal.
 *
 *   pnpm --filter customer-service run web                 http://127.0.0.1:3000/
 *   pnpm --filter customer-service run web --port 8080     (--port 0 takes any free port)
 *
 *   POST /api/conversations/:id            start the conversation, or attach to it: its history, and
 *                                          the stream offset to read from
 *   POST /api/conversations/:id/messages   send a message by the workflow's Update: 202 once the
 *                                          validator took it, 422 with the validator's reason if not
 *   GET  /api/conversations/:id/events     the workflow's stream as Server-Sent Events, from ?from=N,
 *                                          or after the Last-Event-ID a reconnecting browser sends
 *
 * The page (index.html, style.css, and chat.ts bundled by esbuild when the server starts) is at /.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import {
  Client,
  type WorkflowClientInterceptor,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import { build } from 'esbuild';
import { type ModelStreamItem, subscribeToWorkflowStream } from 'openai-agents-temporal';
import { connectClient, SampleSetupError, temporalConnectConfig, workerCommand } from 'sample-kit';
import { startOrAttach } from '../conversation';
import { TASK_QUEUE } from '../task-queue';
import { CHAT_TOPIC, TOKENS_TOPIC } from '../topics';
import { chatViewQuery, type customerService, sendMessageUpdate } from '../workflows/customer-service';
import type { OpenReply, PageEvents, SendReply, SendRequest } from './protocol';

/** How long opening a conversation waits for a worker to answer its Query. */
const OPEN_DEADLINE_MS = 15_000;
/** A message is at most 1,000 characters (the workflow's limit); a body this large is not a message. */
const MAX_BODY_BYTES = 64 * 1024;
/** A comment line now and then, so proxies and browsers keep a quiet stream open. */
const KEEP_ALIVE_MS = 15_000;
const CONVERSATION_ID = /^[\w.-]{1,128}$/;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

/** Bad input from the page: answered with this status and message, never retried. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: OpenReply | SendReply): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY_BYTES) throw new RequestError(413, `The request is over ${MAX_BODY_BYTES} bytes.`);
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new RequestError(400, 'The request is not JSON. Send {"text": "your message"}.');
  }
}

function isSendRequest(body: unknown): body is SendRequest {
  if (typeof body !== 'object' || body === null) return false;
  const { text, id } = body as Partial<SendRequest>;
  return typeof text === 'string' && (id === undefined || (typeof id === 'string' && CONVERSATION_ID.test(id)));
}

/**
 * `startUpdate` hands back an update whose validator refused it as it does an accepted one (it does not
 * throw); the refused one's outcome came with it. This notes those, so the server can tell a refusal at
 * once without waiting for the answer.
 */
const settledAtStart = new Set<string>();
const notesSettledUpdates: WorkflowClientInterceptor = {
  async startUpdate(input, next) {
    const output = await next(input);
    if (output.outcome) settledAtStart.add(output.updateId);
    return output;
  },
};

/** Starts the conversation, or attaches to the running one, and reads what the page shows first. */
async function openConversation(client: Client, conversationId: string): Promise<OpenReply> {
  const conversation = await startOrAttach(client, conversationId);
  try {
    return await client.workflow.withDeadline(Date.now() + OPEN_DEADLINE_MS, () => conversation.query(chatViewQuery));
  } catch (error) {
    throw new RequestError(
      503,
      `No worker answered for conversation ${conversationId} within ${OPEN_DEADLINE_MS / 1000} s. Is the worker ` +
        `running? Start it with: ${workerCommand()}. (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Sends the message and answers once the workflow's validator took it or refused it; the stream shows the rest. */
async function sendMessage(client: Client, conversationId: string, body: unknown): Promise<SendReply> {
  if (!isSendRequest(body)) {
    throw new RequestError(400, 'Send {"text": "your message"}, with an optional "id" of letters, digits, - _ or .');
  }
  const conversation = client.workflow.getHandle<typeof customerService>(conversationId);
  try {
    const update = await conversation.startUpdate(sendMessageUpdate, {
      args: [body.text, { refuseWhileAnswering: true }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
      ...(body.id ? { updateId: body.id } : {}),
    });
    // Refused by the validator: its result is the refusal, already here.
    if (settledAtStart.delete(update.updateId)) await update.result();
    return { accepted: true };
  } catch (error) {
    // The validator's refusal: the message changed nothing, and the page keeps it to edit.
    if (error instanceof WorkflowUpdateFailedError) return { refused: error.cause?.message ?? error.message };
    throw error;
  }
}

/** The model stream items the page shows: each attempt's start and end, and its text. */
function shownOnPage(item: ModelStreamItem): boolean {
  return item.kind !== 'event' || item.event.type === 'output_text_delta';
}

/** Relays the workflow's stream as Server-Sent Events until the page goes away or the conversation ends. */
async function relayStream(client: Client, conversationId: string, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // A browser reconnecting after a dropped connection says the last offset it saw.
  const lastSeen = req.headers['last-event-id'];
  const fromOffset = lastSeen !== undefined ? Number(lastSeen) + 1 : Number(url.searchParams.get('from') ?? 0);
  if (!Number.isSafeInteger(fromOffset) || fromOffset < 0) {
    throw new RequestError(400, 'The stream offset (?from= or Last-Event-ID) must be a whole number >= 0.');
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // Reconnect within a second when the connection drops.
  res.write('retry: 1000\n\n');
  const send = <E extends keyof PageEvents>(event: E, data: PageEvents[E], id?: number) =>
    res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  const gone = new AbortController();
  res.on('close', () => gone.abort());
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  try {
    for await (const entry of subscribeToWorkflowStream<PageEvents['chat'] | PageEvents['tokens']>(
      client,
      conversationId,
      { fromOffset, topics: [CHAT_TOPIC, TOKENS_TOPIC], signal: gone.signal },
    )) {
      if (entry.topic === CHAT_TOPIC) send('chat', entry.data as PageEvents['chat'], entry.offset);
      else if (shownOnPage(entry.data as ModelStreamItem)) send('tokens', entry.data as ModelStreamItem, entry.offset);
    }
    if (!gone.signal.aborted) send('end', {});
  } catch (error) {
    send('problem', { message: error instanceof Error ? error.message : String(error) });
  } finally {
    clearInterval(keepAlive);
    res.end();
  }
}

/** The page's three files, the script bundled from TypeScript once, when the server starts. */
async function buildPage(): Promise<Map<string, { type: string; body: string }>> {
  const file = (name: string) => new URL(`./page/${name}`, import.meta.url);
  const [html, css, script] = await Promise.all([
    readFile(file('index.html'), 'utf8'),
    readFile(file('style.css'), 'utf8'),
    build({
      entryPoints: [file('chat.ts').pathname],
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      sourcemap: 'inline',
      logLevel: 'silent',
    }),
  ]);
  return new Map([
    ['/', { type: 'text/html; charset=utf-8', body: html }],
    ['/style.css', { type: 'text/css; charset=utf-8', body: css }],
    ['/chat.js', { type: 'text/javascript; charset=utf-8', body: script.outputFiles[0]?.text ?? '' }],
  ]);
}

async function route(
  client: Client,
  page: Awaited<ReturnType<typeof buildPage>>,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const asset = req.method === 'GET' ? page.get(pathname) : undefined;
  if (asset) {
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
    res.end(asset.body);
    return;
  }
  if (pathname === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  const [, id, action = ''] = /^\/api\/conversations\/([^/]+)(\/messages|\/events)?$/.exec(pathname) ?? [];
  if (id === undefined) throw new RequestError(404, `Nothing at ${req.method} ${pathname}.`);
  const conversationId = decodeURIComponent(id);
  if (!CONVERSATION_ID.test(conversationId)) {
    throw new RequestError(400, 'A conversation id is 1 to 128 letters, digits, -, _ or . characters.');
  }
  if (req.method === 'POST' && action === '') sendJson(res, 200, await openConversation(client, conversationId));
  else if (req.method === 'POST' && action === '/messages') {
    const reply = await sendMessage(client, conversationId, await readJson(req));
    sendJson(res, 'accepted' in reply ? 202 : 422, reply);
  } else if (req.method === 'GET' && action === '/events') await relayStream(client, conversationId, req, res);
  else throw new RequestError(405, `${req.method} ${pathname} is not supported.`);
}

let client: Client;
let page: Awaited<ReturnType<typeof buildPage>>;
try {
  const [connected, built] = await Promise.all([connectClient(), buildPage()]);
  client = new Client({
    connection: connected.connection,
    namespace: connected.options.namespace,
    interceptors: { workflow: [notesSettledUpdates] },
  });
  page = built;
} catch (error) {
  console.error(error instanceof SampleSetupError ? error.message : error);
  process.exit(1);
}

const server = createServer((req, res) => {
  route(client, page, req, res).catch((error: unknown) => {
    const status = error instanceof RequestError ? error.status : 500;
    if (status === 500) console.error(`${req.method} ${req.url} failed:`, error);
    if (res.headersSent) res.end();
    else sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
  });
});
server.listen(Number(values.port), values.host, () => {
  const { port } = server.address() as AddressInfo;
  const { address, namespace } = temporalConnectConfig();
  console.log(
    `customer-service web chat: http://${values.host}:${port}/ (Temporal ${address}, namespace ${namespace}, ` +
      `task queue ${TASK_QUEUE}). It needs the worker: ${workerCommand()}. Ctrl-C stops it.`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Open event streams would keep the server from closing.
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
