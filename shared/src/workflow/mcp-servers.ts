/**
 * MCP servers in workflow code. Each is an agents-core `MCPServer`, so it goes in
 * `new Agent({ mcpServers: [...] })`; each operation runs as an activity of the worker's provider with
 * the same name (StatelessMCPServerProvider / StatefulMCPServerProvider). They also have
 * `listPrompts()` and `getPrompt()`, which agents-core's MCPServer interface lacks.
 */
import {
  type CallToolResult,
  type CallToolResultContent,
  invalidateServerToolsCache,
  type MCPCallToolOptions,
  type MCPServer,
  type MCPToolErrorFunction,
} from '@openai/agents-core';
import {
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import { failureTypeAmong } from '../common/failure-type.js';
import {
  type MCPCallToolInput,
  type MCPFactoryInput,
  MCPFailureTypes,
  type MCPGetPromptInput,
  type MCPGetPromptResult,
  type MCPListPromptsResult,
  type MCPOperation,
  type MCPTool,
  mcpActivityName,
  statefulServerName,
  statefulTaskQueue,
  statelessServerName,
} from '../common/mcp.js';

type MCPToolFields = Pick<
  MCPServer,
  | 'toolFilter'
  | 'toolMetaResolver'
  | 'customDataExtractor'
  | 'toolInputGuardrails'
  | 'toolOutputGuardrails'
  | 'useStructuredContent'
>;

/** Options both kinds of server take. */
export interface MCPServerReferenceOptions extends MCPToolFields {
  /**
   * Passed to the provider's factory on the worker with every call. It is an activity argument, so it
   * is recorded in the workflow history: put a secret in it by reference only, `workerEnvRef(name)`,
   * which the worker resolves against its `workerEnvAllowList`.
   */
  factoryArgument?: unknown;
  /**
   * Keep the tool list for the rest of the run after the first listing (default false: list before
   * every model call, as agents-core does).
   */
  cacheToolsList?: boolean;
  /**
   * What the model is told when a tool call fails. The default tells it the failure's message;
   * a cancellation or a lost stateful server (`DedicatedWorkerFailure`) fails the run instead.
   * `null` fails the run on every tool failure.
   */
  errorFunction?: MCPToolErrorFunction | null;
}

export interface StatelessMcpServerOptions extends MCPServerReferenceOptions {
  /**
   * Options of every operation's activity. Default: 1 minute start-to-close, 3 attempts, and a worker
   * without this provider fails at once (no retries of `NotFoundError`).
   */
  activityOptions?: ActivityOptions;
}

export interface StatefulMcpServerOptions extends MCPServerReferenceOptions {
  /**
   * Options of each operation's activity on the run's dedicated task queue (the task queue itself is
   * set for you). Default: 1 minute start-to-close, 30 seconds schedule-to-start (how long an operation
   * waits for a dedicated worker before it is declared gone), 3 attempts.
   */
  activityOptions?: Omit<ActivityOptions, 'taskQueue'>;
  /**
   * Options of the session activity that holds the connection. Default: 1 hour start-to-close,
   * 30 seconds heartbeat timeout, 1 attempt (a new attempt would be a new connection with none of the
   * server's state: the workflow decides what to do instead).
   */
  sessionOptions?: ActivityOptions;
}

const DEFAULT_RETRY = { maximumAttempts: 3, nonRetryableErrorTypes: ['NotFoundError'] };

/** What one server needs from its activities. */
type OperationInput = MCPFactoryInput | MCPCallToolInput | MCPGetPromptInput;
type Operation = (input: OperationInput) => Promise<unknown>;

abstract class ActivityBackedMCPServer implements MCPServer {
  cacheToolsList: boolean;
  toolFilter?: MCPServer['toolFilter'];
  toolMetaResolver?: MCPServer['toolMetaResolver'];
  customDataExtractor?: MCPServer['customDataExtractor'];
  toolInputGuardrails?: MCPServer['toolInputGuardrails'];
  toolOutputGuardrails?: MCPServer['toolOutputGuardrails'];
  useStructuredContent?: boolean;
  errorFunction?: MCPToolErrorFunction | null;
  #cachedTools: MCPTool[] | undefined;

  constructor(
    readonly name: string,
    protected readonly options: MCPServerReferenceOptions,
  ) {
    const { factoryArgument: _, cacheToolsList, errorFunction, ...toolFields } = options;
    Object.assign(this, toolFields);
    this.cacheToolsList = cacheToolsList ?? false;
    this.errorFunction = errorFunction === undefined ? defaultErrorFunction(name) : errorFunction;
  }

  protected abstract runOperation(operation: MCPOperation, input: OperationInput): Promise<unknown>;

  abstract connect(): Promise<void>;
  abstract close(): Promise<void>;

  /** The input of an operation's activity: stateless servers add the factory argument to each one. */
  protected operationInput<T extends object>(input: T): T & MCPFactoryInput {
    return input;
  }

  protected withFactoryArgument<T extends object>(input: T): T & MCPFactoryInput {
    const { factoryArgument } = this.options;
    return factoryArgument === undefined ? input : { ...input, factoryArgument };
  }

  async listTools(): Promise<MCPTool[]> {
    if (this.cacheToolsList && this.#cachedTools) return structuredClone(this.#cachedTools);
    const tools = (await this.runOperation('list-tools', this.operationInput({}))) as MCPTool[];
    if (this.cacheToolsList) this.#cachedTools = structuredClone(tools);
    return tools;
  }

  async callTool(
    toolName: string,
    args: Record<string, unknown> | null,
    meta?: Record<string, unknown> | null,
    options?: MCPCallToolOptions,
  ): Promise<CallToolResultContent> {
    const result = await this.callToolResult(toolName, args, meta, options);
    return withResultMetadata(result);
  }

  async callToolResult(
    toolName: string,
    args: Record<string, unknown> | null,
    meta?: Record<string, unknown> | null,
    options?: MCPCallToolOptions,
  ): Promise<CallToolResult> {
    const input: MCPCallToolInput = { toolName, arguments: args };
    if (meta != null) input.meta = meta;
    const call = () => this.runOperation('call-tool', this.operationInput(input)) as Promise<CallToolResult>;
    const signal = options?.signal;
    if (!signal) return call();
    // The runner aborts a tool call's signal on a guardrail tripwire or a run-level abort: cancel the activity too.
    const scope = new CancellationScope();
    const cancel = () => scope.cancel();
    signal.addEventListener('abort', cancel);
    try {
      return await scope.run(call);
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  /** The server's prompts (MCP `prompts/list`). */
  async listPrompts(): Promise<MCPListPromptsResult> {
    return (await this.runOperation('list-prompts', this.operationInput({}))) as MCPListPromptsResult;
  }

  /** One prompt, filled in with `args` (MCP `prompts/get`). */
  async getPrompt(name: string, args?: Record<string, string>): Promise<MCPGetPromptResult> {
    const input: MCPGetPromptInput = args ? { name, arguments: args } : { name };
    return (await this.runOperation('get-prompt', this.operationInput(input))) as MCPGetPromptResult;
  }

  async invalidateToolsCache(): Promise<void> {
    this.#cachedTools = undefined;
    await invalidateServerToolsCache(this.name);
  }
}

/**
 * The workflow side of a `StatelessMCPServerProvider` with the same name: every operation is one
 * activity. `connect()` and `close()` do nothing, so it can go straight into an agent's `mcpServers`.
 */
export class StatelessMCPServer extends ActivityBackedMCPServer {
  readonly #activityOptions: ActivityOptions;

  constructor(
    readonly providerName: string,
    options: StatelessMcpServerOptions = {},
  ) {
    super(statelessServerName(providerName), options);
    this.#activityOptions = { startToCloseTimeout: '1 minute', retry: DEFAULT_RETRY, ...options.activityOptions };
  }

  async connect(): Promise<void> {}
  async close(): Promise<void> {}

  protected override operationInput<T extends object>(input: T): T & MCPFactoryInput {
    return this.withFactoryArgument(input);
  }

  protected async runOperation(operation: MCPOperation, input: OperationInput): Promise<unknown> {
    const activity = operationActivity(this.name, operation, input, this.providerName, this.#activityOptions);
    try {
      return await activity(input);
    } catch (error) {
      throw typedFailure(error, { serverName: this.name, providerName: this.providerName, kind: 'stateless' });
    }
  }
}

/** The activity of one operation, with a summary that says what it does (shown in the Temporal UI). */
function operationActivity(
  serverName: string,
  operation: MCPOperation,
  input: OperationInput,
  providerName: string,
  options: ActivityOptions,
): Operation {
  const what =
    'toolName' in input ? input.toolName : 'name' in input ? `prompt ${input.name}` : operation.replace('-', ' ');
  const activityName = mcpActivityName(serverName, operation);
  const activity = proxyActivities<Record<string, Operation>>({ summary: `${providerName}: ${what}`, ...options })[
    activityName
  ];
  if (!activity) throw new TypeError(`no activity proxy for ${activityName}`);
  return activity;
}

/** Stateful server names connected in this run (module state is per workflow run). */
const connectedStatefulServers = new Set<string>();

/**
 * The workflow side of a `StatefulMCPServerProvider` with the same name: one connection for this run,
 * from `connect()` until `close()`, held by a dedicated worker. Prefer `withStatefulMcpServer`, which
 * closes it for you. Operations before `connect()` or after `close()` fail with `MCPNotConnected`; a
 * lost connection or worker fails them with `DedicatedWorkerFailure`.
 */
export class StatefulMCPServer extends ActivityBackedMCPServer {
  readonly #activityOptions: ActivityOptions;
  readonly #sessionOptions: ActivityOptions;
  #session: { scope: CancellationScope; done: Promise<void>; taskQueue: string } | undefined;
  /** Why the session is over (closed, failed, lost); set once it is. */
  #ended: Error | undefined;
  readonly #endedListeners = new Set<(reason: Error) => void>();

  constructor(
    readonly providerName: string,
    options: StatefulMcpServerOptions = {},
  ) {
    super(statefulServerName(providerName), options);
    this.#activityOptions = {
      startToCloseTimeout: '1 minute',
      scheduleToStartTimeout: '30 seconds',
      retry: DEFAULT_RETRY,
      ...options.activityOptions,
    };
    this.#sessionOptions = {
      startToCloseTimeout: '1 hour',
      heartbeatTimeout: '30 seconds',
      retry: { maximumAttempts: 1 },
      ...options.sessionOptions,
    };
  }

  /** Starts the session activity: the worker connects and serves this run's operations from then on. */
  async connect(): Promise<void> {
    if (this.#session) return;
    if (connectedStatefulServers.has(this.name)) {
      throw ApplicationFailure.nonRetryable(
        `The stateful MCP server "${this.providerName}" is already connected in this workflow run. Use one ` +
          'statefulMcpServer per name, or close the first before connecting another.',
        MCPFailureTypes.notConnected,
      );
    }
    connectedStatefulServers.add(this.name);
    this.#ended = undefined;
    const taskQueue = statefulTaskQueue(this.providerName, workflowInfo().runId);
    const sessionActivity = proxyActivities<Record<string, Operation>>({
      summary: `${this.providerName}: connection for this run`,
      ...this.#sessionOptions,
    })[mcpActivityName(this.name, 'server-session')];
    const scope = new CancellationScope();
    const input = this.withFactoryArgument({});
    const done = scope
      .run(() => sessionActivity?.(input) ?? Promise.resolve())
      .then(
        () => this.#end(this.#closedError()),
        (error: unknown) =>
          this.#end(
            isCancellation(error)
              ? this.#closedError()
              : typedFailure(error, { serverName: this.name, providerName: this.providerName, kind: 'session' }),
          ),
      );
    this.#session = { scope, done, taskQueue };
  }

  /** Ends this run's connection: the worker closes it and stops the dedicated worker. */
  async close(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    if (!this.#ended) {
      try {
        const closeActivity = proxyActivities<Record<string, Operation>>({
          summary: `${this.providerName}: close the connection`,
          ...this.#activityOptions,
          taskQueue: session.taskQueue,
          retry: { maximumAttempts: 1 },
        })[mcpActivityName(this.name, 'close')];
        await this.#raceSession(() => closeActivity?.({}) ?? Promise.resolve());
      } catch {
        // The dedicated worker is gone already; cancelling the session below is all that is left to do.
      }
      if (!this.#ended) session.scope.cancel();
    }
    await session.done;
    this.#session = undefined;
    connectedStatefulServers.delete(this.name);
  }

  protected async runOperation(operation: MCPOperation, input: OperationInput): Promise<unknown> {
    const session = this.#session;
    if (!session) {
      throw ApplicationFailure.nonRetryable(
        `The stateful MCP server "${this.providerName}" is not connected: call connect() first, or use ` +
          'withStatefulMcpServer(...).',
        MCPFailureTypes.notConnected,
      );
    }
    if (this.#ended) throw this.#ended;
    const activity = operationActivity(this.name, operation, input, this.providerName, {
      ...this.#activityOptions,
      taskQueue: session.taskQueue,
    });
    try {
      return await this.#raceSession(() => activity(input));
    } catch (error) {
      throw typedFailure(error, { serverName: this.name, providerName: this.providerName, kind: 'stateful' });
    }
  }

  /** Runs an operation, but fails it as soon as the session ends (its dedicated worker is then gone). */
  async #raceSession<T>(operation: () => Promise<T>): Promise<T> {
    const scope = new CancellationScope();
    const result = scope.run(operation);
    let onEnded: ((reason: Error) => void) | undefined;
    const ended = new Promise<never>((_, reject) => {
      onEnded = (reason) => {
        scope.cancel();
        reject(reason);
      };
      this.#endedListeners.add(onEnded);
    });
    try {
      return await Promise.race([result, ended]);
    } finally {
      if (onEnded) this.#endedListeners.delete(onEnded);
      // Whichever lost the race must not reject unhandled.
      result.catch(() => undefined);
      ended.catch(() => undefined);
    }
  }

  #end(reason: unknown): void {
    if (!this.#ended) this.#ended = reason instanceof Error ? reason : new Error(String(reason));
    for (const listener of [...this.#endedListeners]) listener(this.#ended);
  }

  #closedError(): Error {
    return ApplicationFailure.nonRetryable(
      `The stateful MCP server "${this.providerName}" is closed for this run; its connection and state are gone.`,
      MCPFailureTypes.notConnected,
    );
  }
}

/** A stateless MCP server for `Agent({ mcpServers })`; the worker needs `StatelessMCPServerProvider(name, ...)`. */
export function statelessMcpServer(name: string, options: StatelessMcpServerOptions = {}): StatelessMCPServer {
  return new StatelessMCPServer(name, options);
}

/**
 * A stateful MCP server for `Agent({ mcpServers })`; the worker needs `StatefulMCPServerProvider(name, ...)`.
 * Call `connect()` before use and `close()` after, or use `withStatefulMcpServer`.
 */
export function statefulMcpServer(name: string, options: StatefulMcpServerOptions = {}): StatefulMCPServer {
  return new StatefulMCPServer(name, options);
}

/** Connects a stateful MCP server for the length of `body`, and closes it however `body` ends. */
export async function withStatefulMcpServer<T>(
  name: string,
  options: StatefulMcpServerOptions,
  body: (server: StatefulMCPServer) => Promise<T>,
): Promise<T> {
  const server = statefulMcpServer(name, options);
  await server.connect();
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

const MCP_FAILURE_TYPES: ReadonlySet<string> = new Set(Object.values(MCPFailureTypes));

/**
 * The MCP failure type of an error from an MCP server or from an agent run that used one
 * (`MCPFailureTypes`), looking through causes and the runner's ToolCallError; undefined when it is not
 * an MCP failure.
 */
export function mcpFailureType(error: unknown): string | undefined {
  return failureTypeAmong(error, MCP_FAILURE_TYPES);
}

/** agents-core's CallToolResultContent: the content array, with the result's metadata as hidden properties. */
function withResultMetadata(result: CallToolResult): CallToolResultContent {
  const content = [...result.content] as CallToolResultContent;
  for (const key of ['_meta', 'structuredContent', 'isError'] as const) {
    if (result[key] !== undefined) {
      Object.defineProperty(content, key, { value: result[key], enumerable: false, configurable: true });
    }
  }
  return content;
}

/** Tell the model what failed, except for failures the workflow must handle itself. */
function defaultErrorFunction(serverName: string): MCPToolErrorFunction {
  return ({ error }) => {
    if (isCancellation(error) || mcpFailureType(error) === MCPFailureTypes.dedicatedWorkerFailure) throw error;
    return `The MCP server ${serverName} could not run the tool: ${ownMessage(error)}`;
  };
}

/** The failure's own message, rather than the wrapper's "Activity task failed". */
function ownMessage(error: unknown): string {
  let current = error;
  while (current instanceof ActivityFailure && current.cause) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

interface FailureContext {
  serverName: string;
  providerName: string;
  kind: 'stateless' | 'stateful' | 'session';
}

/**
 * Every MCP-typed failure reaches workflow code as an ApplicationFailure of that type (its cause keeps
 * the activity's failure). Failures only the workflow side can recognise get their type here: a worker
 * without the provider, a timed-out activity, a dedicated worker that stopped answering.
 */
function typedFailure(error: unknown, context: FailureContext): unknown {
  if (!(error instanceof ActivityFailure)) return error;
  const cause = error.cause;
  const provider = context.kind === 'stateless' ? 'StatelessMCPServerProvider' : 'StatefulMCPServerProvider';
  if (cause instanceof ApplicationFailure && cause.type === 'NotFoundError') {
    return failure(
      MCPFailureTypes.unknownServer,
      `No worker has an MCP server named "${context.providerName}" (activity ${error.activityType} is not ` +
        `registered). Register new ${provider}('${context.providerName}', factory) in ` +
        'OpenAIAgentsPlugin({ mcpServerProviders }) on the worker, with the same name as in the workflow.',
      error,
    );
  }
  if (cause instanceof ApplicationFailure && cause.type) {
    const types = new Set<string>(Object.values(MCPFailureTypes));
    if (types.has(cause.type)) return failure(cause.type, cause.message, error);
  }
  if (cause instanceof TimeoutFailure) {
    if (context.kind !== 'stateless' && cause.timeoutType === 'SCHEDULE_TO_START') {
      return failure(
        MCPFailureTypes.dedicatedWorkerFailure,
        `No dedicated worker picked up ${error.activityType} for stateful MCP server "${context.providerName}": ` +
          'the worker that held this run’s connection is gone, and the server’s state with it.',
        error,
      );
    }
    if (context.kind === 'session') {
      return failure(
        MCPFailureTypes.dedicatedWorkerFailure,
        `The worker holding stateful MCP server "${context.providerName}" stopped (${cause.timeoutType} ` +
          'timeout of its session): this run’s connection and the server’s state are gone.',
        error,
      );
    }
    return failure(
      MCPFailureTypes.timeout,
      `${error.activityType} of MCP server "${context.providerName}" timed out (${cause.timeoutType}). Raise ` +
        'the activity timeouts in the server’s activityOptions, or check the server.',
      error,
    );
  }
  if (context.kind === 'session') {
    return failure(
      MCPFailureTypes.dedicatedWorkerFailure,
      `The session of stateful MCP server "${context.providerName}" failed: ${ownMessage(error)}. This run’s ` +
        'connection and the server’s state are gone.',
      error,
    );
  }
  return error;
}

function failure(type: string, message: string, cause: Error): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, cause });
}
