/**
 * Sandboxes in workflow code. `temporalSandboxClient(name)` is an agents-core `SandboxClient` for
 * `run(sandboxAgent, input, { sandbox: { client } })`: every operation of it and of its sessions is an
 * activity of the worker's `SandboxClientProvider` with the same name, with a summary that says what it
 * does. The session's state (what the provider's client serialised) lives in the workflow, so a run
 * goes on after a worker crash and replays exactly.
 *
 * Retries: operations that change nothing (read, list, exists, view an image, resume) are retried;
 * operations with side effects (exec, edits, manifest changes, start, close) run at most once. When such
 * an activity fails or its worker is lost while it runs, the command is not run again: the model is
 * told its outcome is unknown, and other callers get `SandboxOutcomeUnknown`.
 */
import type { ApplyPatchOperation, ApplyPatchResult, Editor, Tool, ToolOutputImage } from '@openai/agents-core';
import {
  type Capability,
  compaction,
  type ExecCommandArgs,
  filesystem,
  type ListDirectoryArgs,
  Manifest,
  type ManifestInit,
  type MaterializeEntryArgs,
  normalizeSandboxClientCreateArgs,
  type ReadFileArgs,
  type SandboxClient,
  type SandboxClientCreateArgs,
  type SandboxClientOptions,
  type SandboxDirectoryEntry,
  type SandboxExecResult,
  type SandboxSession,
  type SandboxSessionLifecycleOptions,
  type SandboxSessionState,
  shell,
  type ViewImageArgs,
  type WorkspaceArchiveData,
  type WorkspaceArchiveOptions,
} from '@openai/agents-core/sandbox';
import {
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  isCancellation,
  proxyActivities,
  TimeoutFailure,
  uuid4,
} from '@temporalio/workflow';
import { base64ToBytes, bytesToBase64 } from '../common/base64.js';
import { failureTypeAmong } from '../common/failure-type.js';
import {
  type EncodedBytes,
  FATAL_SANDBOX_FAILURES,
  manifestJson,
  plainJson,
  RETRIED_SANDBOX_OPERATIONS,
  type SandboxCreateInput,
  SandboxFailureTypes,
  type SandboxOperation,
  type SandboxOperationResult,
  type SandboxSessionRecord,
  sandboxActivityName,
} from '../common/sandbox.js';

export interface TemporalSandboxClientOptions {
  /**
   * Options of every sandbox activity. Default: 5 minutes start-to-close, 30 seconds heartbeat timeout.
   * `retry` applies to the operations that change nothing (default 3 attempts); operations with side
   * effects always get one attempt, whatever is set here.
   */
  activityOptions?: ActivityOptions;
}

/** The workflow-side session state: agents-core's fields, plus the record the provider resumes the session from. */
export interface TemporalSandboxSessionState extends SandboxSessionState {
  temporalSandbox: SandboxSessionRecord;
}

const DEFAULT_ACTIVITY_OPTIONS: ActivityOptions = { startToCloseTimeout: '5 minutes', heartbeatTimeout: '30 seconds' };
const DEFAULT_RETRY = { maximumAttempts: 3, nonRetryableErrorTypes: ['NotFoundError'] };

/**
 * The fatal sandbox failures of this workflow run, in order (module state is per workflow run), for
 * `failRunOnSandboxLoss`: a tool call fails with the first one that happened while it ran.
 */
const fatalFailures: ApplicationFailure[] = [];

/**
 * The workflow side of a `SandboxClientProvider` with the same name, for `RunConfig.sandbox.client`.
 * Sessions it creates are `TemporalSandboxSession`s.
 */
export class TemporalSandboxClient implements SandboxClient<SandboxClientOptions, TemporalSandboxSessionState> {
  readonly backendId: string;
  readonly #activityOptions: ActivityOptions;

  constructor(
    readonly providerName: string,
    options: TemporalSandboxClientOptions = {},
  ) {
    this.backendId = `temporal:${providerName}`;
    this.#activityOptions = { ...DEFAULT_ACTIVITY_OPTIONS, ...options.activityOptions };
  }

  /** Creates a session on the worker (one activity); the session id is chosen here, deterministically. */
  async create(
    args?: SandboxClientCreateArgs | Manifest,
    manifestOptions?: SandboxClientOptions,
  ): Promise<TemporalSandboxSession> {
    const normalized = normalizeSandboxClientCreateArgs(args, manifestOptions);
    const input: SandboxCreateInput = { sessionId: uuid4(), manifest: manifestJson(normalized.manifest) };
    if (normalized.snapshot) input.snapshot = plainJson(normalized.snapshot) as Record<string, unknown>;
    if (normalized.options) input.options = plainJson(normalized.options);
    if (normalized.concurrencyLimits) input.concurrencyLimits = plainJson(normalized.concurrencyLimits);
    if (normalized.archiveLimits !== undefined) {
      input.archiveLimits = plainJson(normalized.archiveLimits) as Record<string, unknown> | null;
    }
    const record = (await this.run('create', input, 'create a sandbox session')) as SandboxSessionRecord;
    return new TemporalSandboxSession(this, record);
  }

  /** Makes the provider hold the session again (resuming it from its record when the worker lost it). */
  async resume(state: TemporalSandboxSessionState): Promise<TemporalSandboxSession> {
    const result = (await this.run(
      'resume',
      { session: state.temporalSandbox, args: {} },
      'resume the sandbox session',
    )) as SandboxOperationResult;
    return new TemporalSandboxSession(this, result.session ?? state.temporalSandbox, state);
  }

  /** The record kept in the workflow; no activity. */
  async serializeSessionState(state: TemporalSandboxSessionState): Promise<Record<string, unknown>> {
    return { temporalSandbox: plainJson(state.temporalSandbox) };
  }

  async deserializeSessionState(state: Record<string, unknown>): Promise<TemporalSandboxSessionState> {
    const record = state.temporalSandbox as SandboxSessionRecord | undefined;
    if (!record || record.providerName !== this.providerName) {
      throw ApplicationFailure.nonRetryable(
        `This sandbox session state is not one of temporalSandboxClient("${this.providerName}")'s sessions.`,
        SandboxFailureTypes.sessionLost,
      );
    }
    return stateFromRecord(record);
  }

  async delete(state: TemporalSandboxSessionState): Promise<void> {
    await this.run('close', { session: state.temporalSandbox, args: {} }, 'close the sandbox session');
  }

  /** Schedules one operation's activity; failures come back typed (`SandboxFailureTypes`). */
  async run(operation: SandboxOperation, input: unknown, what: string): Promise<unknown> {
    const retried = RETRIED_SANDBOX_OPERATIONS.has(operation);
    const options: ActivityOptions = {
      ...this.#activityOptions,
      summary: `${this.providerName}: ${what}`,
      retry: retried ? { ...DEFAULT_RETRY, ...this.#activityOptions.retry } : { maximumAttempts: 1 },
    };
    const name = sandboxActivityName(this.providerName, operation);
    const activity = proxyActivities<Record<string, (input: unknown) => Promise<unknown>>>(options)[name];
    if (!activity) throw new TypeError(`no activity proxy for ${name}`);
    try {
      return await activity(input);
    } catch (error) {
      const typed = typedFailure(error, this.providerName, operation, retried);
      if (typed instanceof ApplicationFailure && typed.type && FATAL_SANDBOX_FAILURES.includes(typed.type)) {
        fatalFailures.push(typed);
      }
      throw typed;
    }
  }
}

/**
 * One sandbox session in the workflow. Each method is one activity on the provider's worker; the
 * state (`state.temporalSandbox`) is what any worker resumes the session from. Interactive processes
 * (`writeStdin`, PTYs) are not offered: a running process lives in one worker's memory, which a crash loses.
 */
export class TemporalSandboxSession implements SandboxSession<TemporalSandboxSessionState> {
  state: TemporalSandboxSessionState;

  constructor(
    private readonly client: TemporalSandboxClient,
    record: SandboxSessionRecord,
    state?: TemporalSandboxSessionState,
  ) {
    this.state = state ? Object.assign(state, { temporalSandbox: record }) : stateFromRecord(record);
    // Offered only when the worker's session has them: each call is an activity.
    if (record.lifecycle?.start) {
      this.start = async (options?: SandboxSessionLifecycleOptions) => {
        await this.#operation('start', { options: plainJson(options ?? {}) }, 'start the sandbox session');
      };
    }
    if (record.lifecycle?.running) {
      this.running = async () => (await this.#operation('running', {}, 'check the sandbox session runs')) as boolean;
    }
  }

  start?: (options?: SandboxSessionLifecycleOptions) => Promise<void>;
  running?: () => Promise<boolean>;

  async exec(args: ExecCommandArgs): Promise<SandboxExecResult> {
    try {
      return (await this.#operation('exec', plainJson(args), `exec ${quoted(args.cmd)}`)) as SandboxExecResult;
    } catch (error) {
      const message = toldToModel(error, args.cmd);
      return { output: message, stdout: '', stderr: message, exitCode: null, wallTimeSeconds: 0 };
    }
  }

  async execCommand(args: ExecCommandArgs): Promise<string> {
    try {
      return (await this.#operation('exec-command', plainJson(args), `exec ${quoted(args.cmd)}`)) as string;
    } catch (error) {
      return toldToModel(error, args.cmd);
    }
  }

  supportsPty(): boolean {
    return false;
  }

  async readFile(args: ReadFileArgs): Promise<string | Uint8Array> {
    const content = (await this.#operation('read-file', plainJson(args), `read ${args.path}`)) as
      | { text: string }
      | EncodedBytes;
    return 'text' in content ? content.text : base64ToBytes(content.base64);
  }

  async listDir(args: ListDirectoryArgs): Promise<SandboxDirectoryEntry[]> {
    return (await this.#operation('list-dir', plainJson(args), `list ${args.path}`)) as SandboxDirectoryEntry[];
  }

  async pathExists(path: string, runAs?: string): Promise<boolean> {
    return (await this.#operation('path-exists', { path, runAs }, `check ${path} exists`)) as boolean;
  }

  async directoryExists(path: string, runAs?: string): Promise<boolean> {
    return (await this.#operation('directory-exists', { path, runAs }, `check folder ${path} exists`)) as boolean;
  }

  async viewImage(args: ViewImageArgs): Promise<ToolOutputImage> {
    return (await this.#operation('view-image', plainJson(args), `view image ${args.path}`)) as ToolOutputImage;
  }

  createEditor(runAs?: string): Editor {
    const edit = async (operation: ApplyPatchOperation, what: string): Promise<ApplyPatchResult> =>
      (await this.#operation('edit', { runAs, operation: plainJson(operation) }, what)) as ApplyPatchResult;
    return {
      createFile: (operation) => edit(operation, `create file ${operation.path}`),
      updateFile: (operation) =>
        edit(operation, `update file ${operation.path}${operation.moveTo ? ` (move to ${operation.moveTo})` : ''}`),
      deleteFile: (operation) => edit(operation, `delete file ${operation.path}`),
    };
  }

  async materializeEntry(args: MaterializeEntryArgs): Promise<void> {
    await this.#operation('materialize-entry', plainJson(args), `add ${args.path} to the workspace`);
  }

  async applyManifest(manifest: Manifest, runAs?: string): Promise<void> {
    await this.#operation('apply-manifest', { manifest: manifestJson(manifest), runAs }, 'apply a manifest');
  }

  async persistWorkspace(): Promise<Uint8Array> {
    const archive = (await this.#operation('persist-workspace', {}, 'archive the workspace')) as EncodedBytes;
    return base64ToBytes(archive.base64);
  }

  async hydrateWorkspace(data: WorkspaceArchiveData, options?: WorkspaceArchiveOptions): Promise<void> {
    const bytes =
      typeof data === 'string'
        ? new TextEncoder().encode(data)
        : data instanceof Uint8Array
          ? data
          : new Uint8Array(data);
    const args: { data: EncodedBytes; options?: WorkspaceArchiveOptions } = { data: { base64: bytesToBase64(bytes) } };
    if (options) args.options = plainJson(options);
    await this.#operation('hydrate-workspace', args, 'restore the workspace from an archive');
  }

  /** Ends the session on the worker (stop, shutdown, delete: what its client does to clean up). */
  async close(): Promise<void> {
    await this.#operation('close', {}, 'close the sandbox session');
  }

  async #operation(operation: SandboxOperation, args: object, what: string): Promise<unknown> {
    const result = (await this.client.run(
      operation,
      { session: this.state.temporalSandbox, args },
      what,
    )) as SandboxOperationResult;
    if (result.session) {
      this.state.temporalSandbox = result.session;
      if (result.session.workspaceReady !== undefined) this.state.workspaceReady = result.session.workspaceReady;
    }
    return result.value;
  }
}

/**
 * The workflow side of the worker's `SandboxClientProvider` named `name`:
 * `run(agent, input, { sandbox: { client: temporalSandboxClient('local') } })`.
 */
export function temporalSandboxClient(name: string, options: TemporalSandboxClientOptions = {}): TemporalSandboxClient {
  return new TemporalSandboxClient(name, options);
}

/**
 * A `configureTools` hook for sandbox capabilities: a tool call that met a fatal sandbox failure
 * (`SandboxSessionLost`, `SandboxUnknownProvider`) fails the run with it, instead of the model being
 * told that the tool failed. Then workflow code can catch it and start over. A wrapped tool parses its
 * own arguments, as agents-core's tools do when the runner has not parsed them first (the runner's
 * parse is keyed on the original `invoke`); bad arguments still reach the model as a tool error.
 */
export function failRunOnSandboxLoss(tools: Tool[]): Tool[] {
  return tools.map((tool) => {
    if (tool.type !== 'function') return tool;
    const invoke = tool.invoke.bind(tool);
    return {
      ...tool,
      invoke: async (...args: Parameters<typeof invoke>) => {
        const before = fatalFailures.length;
        const output = await invoke(...args);
        const failure = fatalFailures[before];
        if (failure) throw failure;
        return output;
      },
    };
  });
}

/** agents-core's default sandbox capabilities (filesystem, shell, compaction), with `failRunOnSandboxLoss` on their tools. */
export function temporalSandboxCapabilities(): Capability[] {
  return [
    filesystem({ configureTools: failRunOnSandboxLoss }),
    shell({ configureTools: failRunOnSandboxLoss }),
    compaction(),
  ];
}

const SANDBOX_FAILURE_TYPES: ReadonlySet<string> = new Set(Object.values(SandboxFailureTypes));

/** The sandbox failure type of an error (`SandboxFailureTypes`), looking through causes and the runner's ToolCallError; undefined otherwise. */
export function sandboxFailureType(error: unknown): string | undefined {
  return failureTypeAmong(error, SANDBOX_FAILURE_TYPES);
}

function stateFromRecord(record: SandboxSessionRecord): TemporalSandboxSessionState {
  const state: TemporalSandboxSessionState = {
    manifest: new Manifest(record.manifest as ManifestInit),
    environment: { ...record.environment },
    temporalSandbox: record,
  };
  if (record.workspaceReady !== undefined) state.workspaceReady = record.workspaceReady;
  return state;
}

/** What the model is told when a command did not give a result: fatal failures and cancellation end the run instead. */
function toldToModel(error: unknown, command: string): string {
  const type = sandboxFailureType(error);
  if (isCancellation(error) || (type && FATAL_SANDBOX_FAILURES.includes(type))) throw error;
  const message = ownMessage(error);
  if (type === SandboxFailureTypes.commandRefused) return message;
  if (type === SandboxFailureTypes.outcomeUnknown) {
    return `${message} Check the workspace before running the command again: ${command}`;
  }
  return `The command was not run: ${message}`;
}

function quoted(command: string): string {
  const line = command.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);
}

function ownMessage(error: unknown): string {
  let current = error;
  while ((current instanceof ActivityFailure || current instanceof ApplicationFailure) && current.cause) {
    if (current instanceof ApplicationFailure && current.type) break;
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}

/**
 * Failures in the vocabulary of `SandboxFailureTypes`: a worker without the provider, the provider's own
 * typed failures, and a side-effecting operation whose activity failed without saying why (its worker
 * died, it timed out): that one may have run, and is reported as `SandboxOutcomeUnknown`.
 */
function typedFailure(error: unknown, providerName: string, operation: SandboxOperation, retried: boolean): unknown {
  if (!(error instanceof ActivityFailure) || isCancellation(error)) return error;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.type === 'NotFoundError') {
    return ApplicationFailure.create({
      type: SandboxFailureTypes.unknownProvider,
      message:
        `No worker has a sandbox client named "${providerName}" (activity ${error.activityType} is not registered). ` +
        `Register new SandboxClientProvider('${providerName}', client) in OpenAIAgentsPlugin({ sandboxClientProviders }) ` +
        'on the worker, with the same name as in the workflow.',
      nonRetryable: true,
      cause: error,
    });
  }
  if (cause instanceof ApplicationFailure && cause.type && sandboxFailureType(cause)) {
    return ApplicationFailure.create({ type: cause.type, message: cause.message, nonRetryable: true, cause: error });
  }
  if (!retried) {
    const reason = cause instanceof TimeoutFailure ? `${cause.timeoutType} timeout` : ownMessage(error);
    return ApplicationFailure.create({
      type: SandboxFailureTypes.outcomeUnknown,
      message:
        `Sandbox "${providerName}" ${operation} may or may not have run: its activity failed (${reason}), and it ` +
        'is not run again by itself.',
      nonRetryable: true,
      cause: error,
    });
  }
  return error;
}
