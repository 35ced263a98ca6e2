/**
 * MCP servers on the worker. A provider owns a factory for one named MCP server (any agents-core
 * `MCPServer`: MCPServerStdio, MCPServerSSE, MCPServerStreamableHttp or your own) and registers the
 * activities through which workflows use it; the workflow side is `statelessMcpServer` /
 * `statefulMcpServer` from `openai-agents-temporal/workflow`.
 *
 *   - StatelessMCPServerProvider: every operation is one activity. By default the worker keeps one
 *     connection per factory argument open between calls (see mcp-pool.ts); with `pool: false` each
 *     call builds the server, connects, does the one call and closes. Any worker can serve any call.
 *   - StatefulMCPServerProvider: one connection per workflow run, for servers that keep state per
 *     connection. A session activity connects and runs a dedicated worker on the run's own task queue
 *     (`<name>-stateful@<runId>`); the run's operations go to that queue, so they all reach the same
 *     connection. The session heartbeats; when it or its connection dies, operations fail with
 *     `DedicatedWorkerFailure`.
 */
import type { CallToolResult, MCPServer } from '@openai/agents-core';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, type DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { type MCPPromptSession, mcpPromptSessionOf } from '../common/agents-core-adapter.js';
import {
  type MCPCallToolInput,
  type MCPFactoryInput,
  MCPFailureTypes,
  type MCPGetPromptInput,
  type MCPGetPromptResult,
  type MCPListPromptsResult,
  type MCPOperationActivities,
  type MCPSessionInput,
  type MCPTool,
  mcpActivityName,
  statefulServerName,
  statefulTaskQueue,
  statelessServerName,
} from '../common/mcp.js';
import { MCPConnectionPool, type MCPConnectionPoolOptions } from './mcp-pool.js';

/** Builds the server; `factoryArgument` is what the workflow passed (undefined when it passed none). */
export type MCPServerFactory<TArgument = unknown> = (factoryArgument: TArgument) => MCPServer | Promise<MCPServer>;

type ActivityFunction = (input: never) => Promise<unknown>;

/** What the plugin needs from a provider. */
export interface MCPServerProvider {
  /** `<name>-stateless` or `<name>-stateful`: unique per worker. */
  readonly serverName: string;
  /** The activities to register on the worker. */
  readonly activities: Record<string, ActivityFunction>;
  /** Closes what the provider keeps open; the plugin calls it when the worker stops. */
  close?(): Promise<void>;
}

export interface StatelessMCPServerProviderOptions {
  /**
   * Keep connections open between calls: one per factory argument, closed after `idleTimeoutMs`
   * (default 5 minutes) without a call, pinged before reuse, replaced when broken, and closed when the
   * worker stops. Default: on. `false`: a new connection for every call.
   */
  pool?: MCPConnectionPoolOptions | false;
}

/** Temporal settings for the dedicated workers; by default, those of the worker the session activity runs on. */
export interface MCPWorkerSettings {
  connection?: NativeConnection | undefined;
  namespace?: string | undefined;
  dataConverter?: DataConverter | undefined;
}

/**
 * A stateless MCP server: each operation (list tools, call a tool, list prompts, get a prompt) runs as
 * its own activity, on a pooled connection of this worker (or, with `pool: false`, a fresh one that
 * closes when the call is done). Use it for servers that keep no state between calls. The workflow
 * side: `statelessMcpServer(name)`.
 */
export class StatelessMCPServerProvider<TArgument = unknown> implements MCPServerProvider {
  readonly serverName: string;
  readonly activities: Record<string, ActivityFunction>;
  readonly #pool: MCPConnectionPool | undefined;

  constructor(
    readonly name: string,
    factory: MCPServerFactory<TArgument>,
    options: StatelessMCPServerProviderOptions = {},
  ) {
    this.serverName = statelessServerName(name);
    const serverName = this.serverName;
    const pool = options.pool === false ? undefined : new MCPConnectionPool(options.pool);
    this.#pool = pool;
    const withServer = async <T>(input: MCPFactoryInput, use: (server: MCPServer) => Promise<T>): Promise<T> => {
      const start = () => startServer(serverName, () => factory(input.factoryArgument as TArgument));
      // One connection per factory argument: servers built from different arguments differ.
      if (pool) return pool.use(JSON.stringify(input.factoryArgument) ?? '', start, use, isConnectionLost);
      const server = await start();
      try {
        return await use(server);
      } finally {
        await closeQuietly(server);
      }
    };
    const operations: MCPOperationActivities = {
      listTools: (input) => withServer(input, (server) => listTools(serverName, server)),
      callTool: (input) => withServer(input, (server) => callTool(serverName, server, input)),
      listPrompts: (input) => withServer(input, (server) => listPrompts(serverName, server)),
      getPrompt: (input) => withServer(input, (server) => getPrompt(serverName, server, input)),
    };
    this.activities = operationActivities(serverName, operations);
  }

  /** Open pooled connections. */
  get pooledConnections(): number {
    return this.#pool?.size ?? 0;
  }

  /** Closes the pooled connections; the plugin calls it when the worker stops. */
  async close(): Promise<void> {
    await this.#pool?.close();
  }
}

export interface StatefulMCPServerProviderOptions {
  /** The connection, namespace and data converter of the dedicated workers. Default: the session activity's worker's. */
  worker?: MCPWorkerSettings;
}

/** The dedicated worker of one run, and how to end it. */
interface Session {
  end(reason?: ApplicationFailure): void;
}

/**
 * A stateful MCP server: one connection per workflow run, kept open between calls, for servers that
 * keep state per connection (a memory server, a browser session). The workflow side:
 * `statefulMcpServer(name)` or `withStatefulMcpServer(name, ...)`.
 *
 * It registers one activity, `<name>-stateful-server-session`. Started by the workflow, it builds the
 * server, connects, and runs a dedicated worker on the task queue `<name>-stateful@<runId>` that serves
 * that run's operations on that connection, until the workflow closes the server (or cancels the
 * session). The session heartbeats, so a dead worker is noticed; the workflow then gets
 * `DedicatedWorkerFailure` and the server's state is gone.
 */
export class StatefulMCPServerProvider<TArgument = unknown> implements MCPServerProvider {
  readonly serverName: string;
  readonly activities: Record<string, ActivityFunction>;
  readonly #sessions = new Map<string, Session>();
  readonly #worker: MCPWorkerSettings;

  constructor(
    readonly name: string,
    private readonly factory: MCPServerFactory<TArgument>,
    options: StatefulMCPServerProviderOptions = {},
  ) {
    this.serverName = statefulServerName(name);
    this.#worker = { ...options.worker };
    this.activities = {
      [mcpActivityName(this.serverName, 'server-session')]: (input: MCPSessionInput) => this.#runSession(input),
    };
  }

  async #runSession(input: MCPSessionInput): Promise<void> {
    const context = Context.current();
    const { info } = context;
    const runId = info.workflowExecution?.runId;
    if (!runId) {
      throw ApplicationFailure.nonRetryable(`${this.serverName}: the session activity must be started by a workflow.`);
    }
    if (this.#sessions.has(runId)) {
      throw ApplicationFailure.nonRetryable(
        `The stateful MCP server "${this.name}" is already connected for this workflow run. Use a distinct name ` +
          'for each server a workflow keeps open at the same time.',
      );
    }
    const serverName = this.serverName;
    const server = await startServer(serverName, () => this.factory(input.factoryArgument as TArgument));

    let endSession: (reason?: ApplicationFailure) => void = () => {};
    const ended = new Promise<void>((resolve, reject) => {
      endSession = (reason) => (reason ? reject(reason) : resolve());
    });
    this.#sessions.set(runId, { end: endSession });
    // A connection that drops loses the server's state: end the session, so the run learns it at once.
    const onConnection = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (error) {
        if (isConnectionLost(error)) {
          const failure = ApplicationFailure.create({
            message:
              `The connection to stateful MCP server "${this.name}" closed (${errorMessage(error)}). Its state ` +
              'for this run is lost.',
            type: MCPFailureTypes.dedicatedWorkerFailure,
            nonRetryable: true,
          });
          endSession(failure);
          throw failure;
        }
        throw error;
      }
    };
    const operations: MCPOperationActivities = {
      listTools: () => onConnection(() => listTools(serverName, server)),
      callTool: (call) => onConnection(() => callTool(serverName, server, call)),
      listPrompts: () => onConnection(() => listPrompts(serverName, server)),
      getPrompt: (call) => onConnection(() => getPrompt(serverName, server, call)),
    };
    const activities = {
      ...operationActivities(serverName, operations),
      [mcpActivityName(serverName, 'close')]: async () => endSession(),
    };

    // Heartbeats tell Temporal the session is alive, and bring its cancellation to this process.
    const heartbeatEveryMs = Math.min((info.heartbeatTimeoutMs ?? 30_000) / 3, 10_000);
    const heartbeats = setInterval(() => context.heartbeat(), heartbeatEveryMs);
    try {
      // The worker's own client carries its NativeConnection: the dedicated worker shares it.
      const workerClient = context.client;
      const connection = this.#worker.connection ?? workerClient.connection;
      if (!(connection instanceof NativeConnection)) {
        throw ApplicationFailure.nonRetryable(
          `${serverName}: no NativeConnection for the dedicated worker. Pass one in ` +
            'new StatefulMCPServerProvider(name, factory, { worker: { connection } }).',
        );
      }
      const workerOptions: WorkerOptions = {
        connection,
        namespace: this.#worker.namespace ?? info.workflowNamespace,
        taskQueue: statefulTaskQueue(this.name, runId),
        activities,
      };
      const dataConverter = this.#worker.dataConverter ?? workerClient.options.dataConverter;
      if (dataConverter) workerOptions.dataConverter = dataConverter;
      const worker = await Worker.create(workerOptions);
      await worker.runUntil(Promise.race([ended, context.cancelled]));
    } finally {
      clearInterval(heartbeats);
      this.#sessions.delete(runId);
      await closeQuietly(server);
    }
  }
}

/** All activities of the given providers, for the plugin; names must be unique. */
export function mcpProviderActivities(providers: readonly MCPServerProvider[]): Record<string, ActivityFunction> {
  const seen = new Set<string>();
  const activities: Record<string, ActivityFunction> = {};
  for (const provider of providers) {
    if (seen.has(provider.serverName)) {
      throw new TypeError(
        `OpenAIAgentsPlugin: more than one MCP server provider is named "${provider.serverName}". Give each ` +
          'provider a unique name.',
      );
    }
    seen.add(provider.serverName);
    Object.assign(activities, provider.activities);
  }
  return activities;
}

function operationActivities(serverName: string, operations: MCPOperationActivities) {
  return {
    [mcpActivityName(serverName, 'list-tools')]: operations.listTools,
    [mcpActivityName(serverName, 'call-tool')]: operations.callTool,
    [mcpActivityName(serverName, 'list-prompts')]: operations.listPrompts,
    [mcpActivityName(serverName, 'get-prompt')]: operations.getPrompt,
  } as Record<string, ActivityFunction>;
}

async function startServer(serverName: string, create: () => MCPServer | Promise<MCPServer>): Promise<MCPServer> {
  let server: MCPServer | undefined;
  try {
    server = await create();
    await server.connect();
    return server;
  } catch (error) {
    if (server) await closeQuietly(server);
    throw ApplicationFailure.create({
      message:
        `MCP server "${serverName}" failed to start: ${errorMessage(error)}. Check its provider's factory on the ` +
        'worker (command and arguments, or URL), and that the server runs.',
      type: MCPFailureTypes.serverStartFailed,
      cause: error instanceof Error ? error : undefined,
    });
  }
}

async function closeQuietly(server: MCPServer): Promise<void> {
  try {
    await server.close();
  } catch {
    // The call's own result or failure is what matters; a server that fails to close is already gone.
  }
}

async function listTools(serverName: string, server: MCPServer): Promise<MCPTool[]> {
  try {
    return await server.listTools();
  } catch (error) {
    throw mcpFailure(serverName, 'listing its tools', error);
  }
}

async function callTool(serverName: string, server: MCPServer, input: MCPCallToolInput): Promise<CallToolResult> {
  const { toolName } = input;
  const options = { signal: Context.current().cancellationSignal };
  let result: CallToolResult;
  try {
    result = server.callToolResult
      ? await server.callToolResult(toolName, input.arguments, input.meta, options)
      : { content: await server.callTool(toolName, input.arguments, input.meta, options) };
  } catch (error) {
    if (isProtocolError(error)) await assertToolExists(serverName, server, toolName);
    throw mcpFailure(serverName, `calling tool "${toolName}"`, error);
  }
  // Servers report an unknown tool as an error result or as a protocol error; tell the two cases apart.
  if (result.isError) await assertToolExists(serverName, server, toolName);
  return plainCallToolResult(result);
}

async function assertToolExists(serverName: string, server: MCPServer, toolName: string): Promise<void> {
  const tools = await listTools(serverName, server);
  if (tools.some((tool) => tool.name === toolName)) return;
  throw ApplicationFailure.create({
    message:
      `MCP server "${serverName}" has no tool named "${toolName}". Its tools: ` +
      `${tools.map((tool) => tool.name).join(', ') || '(none)'}.`,
    type: MCPFailureTypes.toolNotFound,
    nonRetryable: true,
  });
}

async function listPrompts(serverName: string, server: MCPServer): Promise<MCPListPromptsResult> {
  try {
    return plainJson((await promptSession(serverName, server).listPrompts()) as MCPListPromptsResult);
  } catch (error) {
    throw mcpFailure(serverName, 'listing its prompts', error);
  }
}

async function getPrompt(serverName: string, server: MCPServer, input: MCPGetPromptInput): Promise<MCPGetPromptResult> {
  const session = promptSession(serverName, server);
  try {
    const params = input.arguments ? { name: input.name, arguments: input.arguments } : { name: input.name };
    return plainJson((await session.getPrompt(params)) as MCPGetPromptResult);
  } catch (error) {
    if (isProtocolError(error)) {
      const { prompts } = await listPrompts(serverName, server);
      if (!prompts.some((prompt) => prompt.name === input.name)) {
        throw ApplicationFailure.create({
          message:
            `MCP server "${serverName}" has no prompt named "${input.name}". Its prompts: ` +
            `${prompts.map((prompt) => prompt.name).join(', ') || '(none)'}.`,
          type: MCPFailureTypes.promptNotFound,
          nonRetryable: true,
        });
      }
    }
    throw mcpFailure(serverName, `getting prompt "${input.name}"`, error);
  }
}

/** Prompts: a server with its own `listPrompts`/`getPrompt`, or the MCP client session of agents-core's classes. */
function promptSession(serverName: string, server: MCPServer): MCPPromptSession {
  const own = server as MCPServer & Partial<MCPPromptSession>;
  if (typeof own.listPrompts === 'function' && typeof own.getPrompt === 'function') {
    return { listPrompts: own.listPrompts.bind(server), getPrompt: own.getPrompt.bind(server) };
  }
  const session = mcpPromptSessionOf(server);
  if (session) return session;
  throw ApplicationFailure.create({
    message:
      `MCP server "${serverName}" gives no access to MCP prompts: its class has no listPrompts/getPrompt and no ` +
      'MCP client session. Use MCPServerStdio, MCPServerSSE or MCPServerStreamableHttp, or add both methods.',
    type: MCPFailureTypes.promptsUnsupported,
    nonRetryable: true,
  });
}

/** agents-core attaches metadata to the content array as hidden properties; keep the result as plain JSON. */
function plainCallToolResult(result: CallToolResult): CallToolResult {
  const plain: CallToolResult = { ...plainJson(result), content: plainJson([...result.content]) };
  for (const key of ['structuredContent', 'isError', '_meta'] as const) {
    const value = result[key] ?? (result.content as unknown as Record<string, unknown>)[key];
    if (value !== undefined) (plain as Record<string, unknown>)[key] = value;
  }
  return plain;
}

function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The MCP SDK's error codes: `SdkErrorCode` strings for client-side failures, JSON-RPC numbers from the server. */
function errorCode(error: unknown): string | number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

function isProtocolError(error: unknown): boolean {
  return typeof errorCode(error) === 'number';
}

/**
 * The connection is gone: the SDK's codes, or the plain `Error('Not connected')` its request path
 * throws, without a code, once the transport has closed (the server process died between calls).
 */
function isConnectionLost(error: unknown): boolean {
  const code = errorCode(error);
  if (code === 'CONNECTION_CLOSED' || code === 'NOT_CONNECTED' || code === 'SEND_FAILED') return true;
  return code === undefined && error instanceof Error && error.message === 'Not connected';
}

/** JSON-RPC errors that say the request itself is wrong: retrying sends the same request. */
const REJECTED_REQUEST_CODES = new Set([-32700, -32600, -32601, -32602]);

/** A typed failure for what the MCP client threw; anything unrecognised stays as it is (and is retried). */
function mcpFailure(serverName: string, doing: string, error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  const code = errorCode(error);
  const cause = error instanceof Error ? error : undefined;
  if (code === 'REQUEST_TIMEOUT') {
    return ApplicationFailure.create({
      message:
        `MCP server "${serverName}" did not answer in time while ${doing} (${errorMessage(error)}). Raise the ` +
        'request timeout in the provider’s factory (`timeout` for tool calls, `clientSessionTimeoutSeconds` ' +
        'for the rest), or check the server.',
      type: MCPFailureTypes.timeout,
      nonRetryable: true,
      cause,
    });
  }
  if (typeof code === 'number' && REJECTED_REQUEST_CODES.has(code)) {
    return ApplicationFailure.create({
      message: `MCP server "${serverName}" rejected the request while ${doing}: ${errorMessage(error)}`,
      nonRetryable: true,
      cause,
    });
  }
  return error;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
