/**
 * Sandboxes on the worker. A `SandboxClientProvider` owns a real agents-core `SandboxClient` (the
 * local Unix client, Docker, or any other) under a name, and registers one activity per sandbox
 * operation, `sandbox-<name>-<operation>`. The workflow side is `temporalSandboxClient(name)` from
 * `openai-agents-temporal/workflow`: a `SandboxClient` that `SandboxAgent` uses unchanged.
 *
 * The provider keeps the live sessions of this process by the id the workflow chose. An operation for
 * a session this process does not hold (the worker restarted, another worker took over) resumes it
 * from the state the workflow sent along (what the client's `serializeSessionState` gave at create);
 * when the client cannot resume it, the operation fails with `SandboxSessionLost`.
 */
import type { ToolOutputImage } from '@openai/agents-core';
import {
  type ListDirectoryArgs,
  Manifest,
  type ManifestInit,
  type MaterializeEntryArgs,
  type ReadFileArgs,
  type SandboxClient,
  type SandboxExecResult,
  type SandboxSessionLike,
  type SandboxSessionState,
  type SnapshotSpec,
  type ViewImageArgs,
  type WorkspaceArchiveOptions,
  type WriteStdinArgs,
} from '@openai/agents-core/sandbox';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { base64ToBytes, bytesToBase64 } from '../common/base64.js';
import {
  cutOutputNote,
  type EncodedBytes,
  type ManifestJson,
  manifestJson,
  plainJson,
  type SandboxCreateInput,
  type SandboxEditArgs,
  SandboxFailureTypes,
  type SandboxOperation,
  type SandboxOperationInput,
  type SandboxOperationResult,
  type SandboxSessionRecord,
  sandboxActivityName,
} from '../common/sandbox.js';

type ActivityFunction = (input: never) => Promise<unknown>;

/** Says why a command is refused, or undefined to let it run. `root` is the workspace root the commands see. */
export type SandboxCommandGuard = (command: string, context: { root: string }) => string | undefined;

export interface SandboxClientProviderOptions {
  /**
   * The most text (a command's output) one activity result carries, in bytes. Longer output is cut,
   * and a note at its end tells the model how much was cut. Default 256 KiB.
   */
  maxOutputBytes?: number;
  /**
   * The most bytes (a file, an image, a workspace archive) one activity result carries. More fails with
   * `SandboxResultTooLarge` (bytes cannot be cut without breaking them). Default 1.5 MiB: with base64
   * that stays under Temporal's 2 MB payload limit.
   */
  maxResultBytes?: number;
  /** Screens every command (exec, and stdin written to a running one) before it runs; see `confineCommandsToWorkspace`. */
  commandGuard?: SandboxCommandGuard;
}

const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;
const DEFAULT_MAX_RESULT_BYTES = 1.5 * 1024 * 1024;

/**
 * A sandbox client on the worker under a name; register it with `OpenAIAgentsPlugin({ sandboxClientProviders })`.
 * Workflows reach it through `temporalSandboxClient(name)`.
 */
export class SandboxClientProvider {
  readonly activities: Record<string, ActivityFunction>;
  readonly #sessions = new Map<string, SandboxSessionLike>();
  readonly #maxOutputBytes: number;
  readonly #maxResultBytes: number;
  readonly #commandGuard: SandboxCommandGuard | undefined;

  constructor(
    readonly name: string,
    readonly client: SandboxClient,
    options: SandboxClientProviderOptions = {},
  ) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
      throw new TypeError(
        `SandboxClientProvider: "${name}" is not a usable name; use letters, digits, "_", "." and "-" (it prefixes activity names).`,
      );
    }
    this.#maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    this.#maxResultBytes = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
    this.#commandGuard = options.commandGuard;
    const operations: Record<SandboxOperation, (input: never) => Promise<unknown>> = {
      create: (input: SandboxCreateInput) => this.#create(input),
      resume: (input: SandboxOperationInput) => this.#on(input, 'resume', async () => undefined, true),
      start: (input: SandboxOperationInput<{ options?: Record<string, unknown> }>) =>
        this.#on(input, 'start', (session) => session.start?.(input.args.options), true),
      running: (input: SandboxOperationInput) =>
        this.#on(input, 'running', async (session) => (session.running ? session.running() : true)),
      exec: (input: SandboxOperationInput<Parameters<NonNullable<SandboxSessionLike['exec']>>[0]>) =>
        this.#on(input, 'exec', async (session) => {
          this.#screen(session, input.args.cmd);
          return this.#cutExecResult(await required(this.name, session, 'exec').call(session, input.args));
        }),
      'exec-command': (input: SandboxOperationInput<Parameters<NonNullable<SandboxSessionLike['execCommand']>>[0]>) =>
        this.#on(input, 'exec-command', async (session) => {
          this.#screen(session, input.args.cmd);
          return this.#cutText(await required(this.name, session, 'execCommand').call(session, input.args));
        }),
      'write-stdin': (input: SandboxOperationInput<WriteStdinArgs>) =>
        this.#on(input, 'write-stdin', async (session) => {
          if (input.args.chars) this.#screen(session, input.args.chars);
          return this.#cutText(await required(this.name, session, 'writeStdin').call(session, input.args));
        }),
      'read-file': (input: SandboxOperationInput<ReadFileArgs>) =>
        this.#on(input, 'read-file', async (session) => {
          const content = await required(this.name, session, 'readFile').call(session, input.args);
          return typeof content === 'string'
            ? { text: this.#checkedText(content, `file ${input.args.path}`) }
            : this.#encode(content, `file ${input.args.path}`);
        }),
      'list-dir': (input: SandboxOperationInput<ListDirectoryArgs>) =>
        this.#on(input, 'list-dir', async (session) => {
          const entries = await required(this.name, session, 'listDir').call(session, input.args);
          this.#checkedText(JSON.stringify(entries), `the listing of ${input.args.path}`);
          return entries;
        }),
      'path-exists': (input: SandboxOperationInput<{ path: string; runAs?: string }>) =>
        this.#on(input, 'path-exists', (session) =>
          required(this.name, session, 'pathExists').call(session, input.args.path, input.args.runAs),
        ),
      'directory-exists': (input: SandboxOperationInput<{ path: string; runAs?: string }>) =>
        this.#on(input, 'directory-exists', (session) =>
          required(this.name, session, 'directoryExists').call(session, input.args.path, input.args.runAs),
        ),
      'view-image': (input: SandboxOperationInput<ViewImageArgs>) =>
        this.#on(input, 'view-image', async (session) =>
          this.#plainImage(await required(this.name, session, 'viewImage').call(session, input.args), input.args.path),
        ),
      edit: (input: SandboxOperationInput<SandboxEditArgs>) =>
        this.#on(input, 'edit', async (session) => {
          const editor = required(this.name, session, 'createEditor').call(session, input.args.runAs);
          const { operation } = input.args;
          const result =
            operation.type === 'create_file'
              ? await editor.createFile(operation)
              : operation.type === 'update_file'
                ? await editor.updateFile(operation)
                : await editor.deleteFile(operation);
          return result ?? {};
        }),
      'materialize-entry': (input: SandboxOperationInput<MaterializeEntryArgs>) =>
        this.#on(
          input,
          'materialize-entry',
          (session) => required(this.name, session, 'materializeEntry').call(session, input.args),
          true,
        ),
      'apply-manifest': (input: SandboxOperationInput<{ manifest: ManifestJson; runAs?: string }>) =>
        this.#on(
          input,
          'apply-manifest',
          (session) =>
            required(this.name, session, 'applyManifest').call(
              session,
              new Manifest(input.args.manifest as ManifestInit),
              input.args.runAs,
            ),
          true,
        ),
      'persist-workspace': (input: SandboxOperationInput) =>
        this.#on(input, 'persist-workspace', async (session) =>
          this.#encode(await required(this.name, session, 'persistWorkspace').call(session), 'the workspace archive'),
        ),
      'hydrate-workspace': (input: SandboxOperationInput<{ data: EncodedBytes; options?: WorkspaceArchiveOptions }>) =>
        this.#on(
          input,
          'hydrate-workspace',
          (session) =>
            required(this.name, session, 'hydrateWorkspace').call(
              session,
              base64ToBytes(input.args.data.base64),
              input.args.options,
            ),
          true,
        ),
      close: (input: SandboxOperationInput) => this.#close(input.session),
    };
    this.activities = Object.fromEntries(
      Object.entries(operations).map(([operation, run]) => [
        sandboxActivityName(name, operation as SandboxOperation),
        withHeartbeats(run),
      ]),
    );
  }

  async #create(input: SandboxCreateInput): Promise<SandboxSessionRecord> {
    const existing = this.#sessions.get(input.sessionId);
    if (existing) return this.#record(input.sessionId, existing);
    if (!this.client.create) {
      throw failure(SandboxFailureTypes.operationUnsupported, `Sandbox client "${this.name}" cannot create sessions.`);
    }
    let session: SandboxSessionLike;
    try {
      session = await this.client.create({
        ...(input.manifest ? { manifest: new Manifest(input.manifest as ManifestInit) } : {}),
        ...(input.snapshot ? { snapshot: input.snapshot as SnapshotSpec } : {}),
        ...(input.options ? { options: input.options } : {}),
        ...(input.concurrencyLimits ? { concurrencyLimits: input.concurrencyLimits } : {}),
        ...(input.archiveLimits !== undefined ? { archiveLimits: input.archiveLimits } : {}),
      });
    } catch (error) {
      throw operationFailure(this.name, 'create', error);
    }
    this.#sessions.set(input.sessionId, session);
    return this.#record(input.sessionId, session);
  }

  /** Runs one operation on the session, resuming it first when this process does not hold it. */
  async #on<T>(
    input: SandboxOperationInput,
    operation: SandboxOperation,
    use: (session: SandboxSessionLike) => Promise<T> | T,
    returnsState = false,
  ): Promise<SandboxOperationResult<T>> {
    const session = await this.#live(input.session);
    let value: T;
    try {
      value = await use(session);
    } catch (error) {
      throw operationFailure(this.name, operation, error);
    }
    const result: SandboxOperationResult<T> = { value };
    if (returnsState) result.session = await this.#record(input.session.sessionId, session);
    return result;
  }

  async #live(record: SandboxSessionRecord): Promise<SandboxSessionLike> {
    const live = this.#sessions.get(record.sessionId);
    if (live) return live;
    if (!this.client.resume) {
      throw failure(
        SandboxFailureTypes.sessionLost,
        `Sandbox session ${record.sessionId} of "${this.name}" is not held by this worker, and its client cannot ` +
          'resume sessions: the sandbox is gone for this run.',
      );
    }
    let session: SandboxSessionLike;
    try {
      const state = this.client.deserializeSessionState
        ? await this.client.deserializeSessionState(record.providerState)
        : (record.providerState as unknown as SandboxSessionState);
      session = await this.client.resume(state);
    } catch (error) {
      throw failure(
        SandboxFailureTypes.sessionLost,
        `Sandbox session ${record.sessionId} of "${this.name}" could not be resumed on this worker ` +
          `(${errorMessage(error)}): its sandbox is gone (the worker or machine that held it stopped, or it ` +
          'was removed). Start over with a new sandbox.',
        error,
      );
    }
    this.#sessions.set(record.sessionId, session);
    return session;
  }

  /** Closes the session however it was made; a session this worker cannot reach any more is already closed. */
  async #close(record: SandboxSessionRecord): Promise<SandboxOperationResult<'closed' | 'gone'>> {
    let session: SandboxSessionLike;
    try {
      session = await this.#live(record);
    } catch {
      return { value: 'gone' };
    }
    try {
      // The order of agents-core's own cleanup: pre-stop hooks, then stop / shutdown / delete, else close.
      await session.runPreStopHooks?.();
      await session.preStop?.({ reason: 'cleanup' });
      const lifecycle = [session.stop, session.shutdown, session.delete].filter((step) => step !== undefined);
      for (const step of lifecycle) await step.call(session, { reason: 'cleanup' });
      if (lifecycle.length === 0) await session.close?.();
    } catch (error) {
      throw operationFailure(this.name, 'close', error);
    } finally {
      this.#sessions.delete(record.sessionId);
    }
    return { value: 'closed' };
  }

  async #record(sessionId: string, session: SandboxSessionLike): Promise<SandboxSessionRecord> {
    const providerState = this.client.serializeSessionState
      ? await this.client.serializeSessionState(session.state)
      : { ...session.state };
    const record: SandboxSessionRecord = {
      providerName: this.name,
      sessionId,
      providerState: plainJson(providerState),
      manifest: manifestJson(session.state.manifest),
      environment: { ...session.state.environment },
      lifecycle: { start: typeof session.start === 'function', running: typeof session.running === 'function' },
    };
    if (session.state.workspaceReady !== undefined) record.workspaceReady = session.state.workspaceReady;
    return record;
  }

  #screen(session: SandboxSessionLike, command: string): void {
    const reason = this.#commandGuard?.(command, { root: session.state.manifest.root });
    if (reason) {
      throw failure(SandboxFailureTypes.commandRefused, `Command refused and not run: ${reason}.`);
    }
  }

  #cutText(text: string): string {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length <= this.#maxOutputBytes) return text;
    const kept = new TextDecoder().decode(bytes.subarray(0, this.#maxOutputBytes)).replace(/\uFFFD$/, '');
    return kept + cutOutputNote(new TextEncoder().encode(kept).length, bytes.length);
  }

  #cutExecResult(result: SandboxExecResult): SandboxExecResult {
    return {
      ...result,
      output: this.#cutText(result.output),
      stdout: this.#cutText(result.stdout),
      stderr: this.#cutText(result.stderr),
    };
  }

  #checkedText(text: string, what: string): string {
    const size = new TextEncoder().encode(text).length;
    if (size > this.#maxResultBytes) throw tooLarge(this.name, what, size, this.#maxResultBytes);
    return text;
  }

  #encode(bytes: Uint8Array, what: string): EncodedBytes {
    if (bytes.length > this.#maxResultBytes) throw tooLarge(this.name, what, bytes.length, this.#maxResultBytes);
    return { base64: bytesToBase64(bytes) };
  }

  /** Images as plain JSON: bytes become a base64 string, which agents-core reads as inline image data. */
  #plainImage(image: ToolOutputImage, path: string): ToolOutputImage {
    const inner = image.image;
    if (inner && typeof inner === 'object' && 'data' in inner && inner.data instanceof Uint8Array) {
      return { ...image, image: { ...inner, data: this.#encode(inner.data, `image ${path}`).base64 } };
    }
    return image;
  }
}

/** All activities of the given providers, for the plugin; names must be unique. */
export function sandboxProviderActivities(
  providers: readonly SandboxClientProvider[],
): Record<string, ActivityFunction> {
  const seen = new Set<string>();
  const activities: Record<string, ActivityFunction> = {};
  for (const provider of providers) {
    if (seen.has(provider.name)) {
      throw new TypeError(
        `OpenAIAgentsPlugin: more than one sandbox client provider is named "${provider.name}". Give each a unique name.`,
      );
    }
    seen.add(provider.name);
    Object.assign(activities, provider.activities);
  }
  return activities;
}

const ALLOWED_SYSTEM_PATHS = new Set(['/dev/null', '/dev/stdin', '/dev/stdout', '/dev/stderr']);

/**
 * A command guard that refuses commands that name a place outside the workspace: an absolute path
 * other than the workspace root (and /dev/null), `..`, `~`, `$HOME`, a bare `cd` or `cd -`, and
 * command substitution or ANSI-C quoting, which could build such a path unseen. It reads the command's
 * text only: it is a screen against an agent wandering off, not a jail against a hostile one (a
 * program the command runs can still open any path the worker's user can). Run the worker in a
 * container, or use a container sandbox client, where that matters.
 */
export const confineCommandsToWorkspace: SandboxCommandGuard = (command, { root }) => {
  const rules: Array<[RegExp, string]> = [
    [/(^|[^\w.])\.\.($|[/\s'";|&)<>])/, 'it uses ".." to reach a folder above the workspace'],
    [/(^|[\s'"=:(|;&<>])~/, 'it uses "~", the home folder, which is outside the workspace'],
    [/\$\{?(HOME|OLDPWD|CDPATH)\b/, 'it uses $HOME, $OLDPWD or $CDPATH, which point outside the workspace'],
    [/(^|[\s;&|(])(cd|pushd)\s*($|[;&|)])/, 'a bare "cd" goes to the home folder, outside the workspace'],
    [/(^|[\s;&|(])cd\s+-($|[\s;&|)])/, '"cd -" can go back outside the workspace'],
    [/`|\$\(|\$'/, "command substitution and $'...' quoting can build paths this guard cannot check"],
  ];
  for (const [pattern, reason] of rules) if (pattern.test(command)) return reason;
  for (const match of command.matchAll(/(?:^|[\s'"=:<>|;&(])(\/[^\s'"|;&()<>]*)/g)) {
    const path = (match[1] ?? '').replace(/\/+$/, '') || '/';
    if (path === root || path.startsWith(`${root}/`) || ALLOWED_SYSTEM_PATHS.has(path)) continue;
    return `it names ${path}, which is outside the workspace ${root}; use paths relative to the workspace`;
  }
  return undefined;
};

/** Heartbeats while an operation runs, so a worker that dies mid-command is noticed at the heartbeat timeout. */
function withHeartbeats<T>(run: (input: T) => Promise<unknown>): (input: T) => Promise<unknown> {
  return async (input) => {
    const context = Context.current();
    const everyMs = Math.max(Math.min((context.info.heartbeatTimeoutMs ?? 30_000) / 3, 10_000), 100);
    const timer = setInterval(() => context.heartbeat(), everyMs);
    try {
      return await run(input);
    } finally {
      clearInterval(timer);
    }
  };
}

function required<K extends keyof SandboxSessionLike>(
  providerName: string,
  session: SandboxSessionLike,
  method: K,
): NonNullable<SandboxSessionLike[K]> {
  const implementation = session[method];
  if (typeof implementation !== 'function') {
    throw failure(
      SandboxFailureTypes.operationUnsupported,
      `The sessions of sandbox client "${providerName}" have no ${String(method)}().`,
    );
  }
  return implementation as NonNullable<SandboxSessionLike[K]>;
}

function failure(type: string, message: string, cause?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    cause: cause instanceof Error ? cause : undefined,
  });
}

/** The sandbox's own error (a path not found, a bad patch): it would fail the same way again, so it is not retried. */
function operationFailure(providerName: string, operation: SandboxOperation, error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  return failure(
    SandboxFailureTypes.operationFailed,
    `Sandbox "${providerName}" ${operation} failed: ${errorMessage(error)}`,
    error,
  );
}

function tooLarge(providerName: string, what: string, size: number, limit: number): ApplicationFailure {
  return failure(
    SandboxFailureTypes.resultTooLarge,
    `Sandbox "${providerName}": ${what} is ${size} bytes, over the ${limit}-byte limit for one activity result ` +
      '(Temporal payloads stay under 2 MB). Read a smaller part, or raise maxResultBytes on the provider and the ' +
      'server’s payload limit.',
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
