/**
 * What the workflow side and the worker side of sandbox support share: activity names, activity
 * inputs and results (plain JSON, bytes as base64), failure types, and which operations may be retried.
 * Sandbox-safe: types, strings and pure functions only.
 */
import type { ApplyPatchOperation } from '@openai/agents-core';
import type { Manifest } from '@openai/agents-core/sandbox';

/** Failure types of sandbox activities and of the workflow-side sandbox client; `ApplicationFailure.type` carries them. */
export const SandboxFailureTypes = {
  /** No worker has a `SandboxClientProvider` by this name (its activities are not registered). */
  unknownProvider: 'OpenAIAgents.SandboxUnknownProvider',
  /**
   * The session's sandbox is gone: the worker that held it cannot reach it and the provider's client
   * could not resume it from the state kept in the workflow (a local workspace on a machine that died,
   * a remote sandbox that expired). Catch this type in workflow code to start over with a new sandbox.
   */
  sessionLost: 'OpenAIAgents.SandboxSessionLost',
  /**
   * An operation with side effects (a command, an edit) may or may not have run: its activity failed
   * or its worker was lost while it ran. It is never run again by itself.
   */
  outcomeUnknown: 'OpenAIAgents.SandboxOutcomeUnknown',
  /** The provider's command guard refused a command before it ran (e.g. it names a path outside the workspace). */
  commandRefused: 'OpenAIAgents.SandboxCommandRefused',
  /** A result is over the provider's size limit for one activity result and cannot be cut (a file's bytes, an image). */
  resultTooLarge: 'OpenAIAgents.SandboxResultTooLarge',
  /** The provider's client or session has no such operation. */
  operationUnsupported: 'OpenAIAgents.SandboxOperationUnsupported',
  /** The sandbox operation itself failed (a path not found, a bad patch); its message says why. */
  operationFailed: 'OpenAIAgents.SandboxOperationFailed',
} as const;

/** Failures that end what the workflow is doing with the sandbox, rather than being told to the model. */
export const FATAL_SANDBOX_FAILURES: readonly string[] = [
  SandboxFailureTypes.unknownProvider,
  SandboxFailureTypes.sessionLost,
];

export type SandboxOperation =
  | 'create'
  | 'resume'
  | 'start'
  | 'running'
  | 'exec'
  | 'exec-command'
  | 'write-stdin'
  | 'read-file'
  | 'list-dir'
  | 'path-exists'
  | 'directory-exists'
  | 'view-image'
  | 'edit'
  | 'materialize-entry'
  | 'apply-manifest'
  | 'persist-workspace'
  | 'hydrate-workspace'
  | 'close';

export const SANDBOX_OPERATIONS: readonly SandboxOperation[] = [
  'create',
  'resume',
  'start',
  'running',
  'exec',
  'exec-command',
  'write-stdin',
  'read-file',
  'list-dir',
  'path-exists',
  'directory-exists',
  'view-image',
  'edit',
  'materialize-entry',
  'apply-manifest',
  'persist-workspace',
  'hydrate-workspace',
  'close',
];

/**
 * Operations that change nothing in the sandbox, so running one twice is harmless: their activities
 * are retried. Every other operation is scheduled at most once (see the README's retry policy).
 * `create` is retried too: a retry may leave an unused empty workspace behind, never a second run of work.
 */
export const RETRIED_SANDBOX_OPERATIONS: ReadonlySet<SandboxOperation> = new Set<SandboxOperation>([
  'create',
  'resume',
  'running',
  'read-file',
  'list-dir',
  'path-exists',
  'directory-exists',
  'view-image',
  'persist-workspace',
]);

/** `sandbox-<name>-<operation>`: the name prefixes every activity, so several providers can share a worker. */
export function sandboxActivityName(providerName: string, operation: SandboxOperation): string {
  return `sandbox-${providerName}-${operation}`;
}

/** A manifest as plain JSON: the fields of agents-core's `ManifestInit`. */
export type ManifestJson = Record<string, unknown>;

/** The session state the workflow keeps: enough for any worker to resume the session. */
export interface SandboxSessionRecord {
  /** The provider's name. */
  providerName: string;
  /** Chosen by the workflow (deterministic), so a retried create in one worker finds the session it made. */
  sessionId: string;
  /** What the provider's client serialised (`serializeSessionState`), as JSON: the client resumes from it. */
  providerState: Record<string, unknown>;
  manifest: ManifestJson;
  environment: Record<string, string>;
  workspaceReady?: boolean;
  /** Whether the worker's session has start() and running(): the runner calls them only when they exist. */
  lifecycle?: { start: boolean; running: boolean };
}

export interface SandboxCreateInput {
  sessionId: string;
  manifest?: ManifestJson;
  snapshot?: Record<string, unknown>;
  options?: Record<string, unknown>;
  concurrencyLimits?: Record<string, unknown>;
  archiveLimits?: Record<string, unknown> | null;
}

/** Every operation on a session carries the session's record and the operation's arguments. */
export interface SandboxOperationInput<TArgs = object> {
  session: SandboxSessionRecord;
  args: TArgs;
}

/** Bytes cross the activity boundary as base64 in JSON (the default converter would turn them into an object of numbers). */
export interface EncodedBytes {
  base64: string;
}

/** An operation's result, and the session's state when the operation changed it. */
export interface SandboxOperationResult<T = unknown> {
  value: T;
  session?: SandboxSessionRecord;
}

/** What `edit` does: one of the editor's three operations, as agents-core's `ApplyPatchOperation`. */
export interface SandboxEditArgs {
  runAs?: string;
  operation: ApplyPatchOperation;
}

/** The note added to a command's output that was cut to fit one activity result. */
export function cutOutputNote(keptBytes: number, totalBytes: number): string {
  return (
    `\n[output cut: showing the first ${keptBytes} of ${totalBytes} bytes to stay under Temporal's payload ` +
    'limit; narrow the command (head, grep, wc) to see the rest]'
  );
}

/** A manifest's public fields as plain JSON, which `new Manifest(json)` turns back into the manifest (resolver functions stay behind). */
export function manifestJson(manifest: Manifest): ManifestJson {
  return {
    version: manifest.version,
    root: manifest.root,
    entries: plainJson(manifest.entries),
    environment: Object.fromEntries(
      Object.entries(manifest.environment).map(([key, value]) => [key, plainJson(value.init())]),
    ),
    users: plainJson(manifest.users),
    groups: plainJson(manifest.groups),
    extraPathGrants: plainJson(manifest.extraPathGrants),
    remoteMountCommandAllowlist: [...manifest.remoteMountCommandAllowlist],
  };
}

/** A value as the JSON payload converter will carry it. */
export function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
