/**
 * Secrets by reference. Workflow code names a worker environment variable instead of holding its
 * value; the history records the name, and the worker puts the value in place just before the
 * activity (an MCP server's factory, an activity tool) runs, if the plugin's allow-list has the name.
 * Sandbox-safe: plain data and type guards only.
 */

/** The one key of a reference object. Only places workflow code fills are resolved (see the plugin README). */
export const WORKER_ENV_REF_KEY = '$workerEnvRef';

/** A reference to the worker's environment variable `name`; plain JSON, so it crosses history as it is. */
export interface WorkerEnvRef {
  readonly [WORKER_ENV_REF_KEY]: string;
}

/**
 * The value of the worker's environment variable `name`, by reference: put it in an MCP server's
 * `factoryArgument` or an activity tool's `boundArguments`. The worker resolves it only when the name
 * is in the plugin's `workerEnvAllowList`.
 */
export function workerEnvRef(name: string): WorkerEnvRef {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError('workerEnvRef: pass the name of an environment variable on the worker, e.g. "GITHUB_TOKEN".');
  }
  return { [WORKER_ENV_REF_KEY]: name };
}

export function isWorkerEnvRef(value: unknown): value is WorkerEnvRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === WORKER_ENV_REF_KEY &&
    typeof (value as WorkerEnvRef)[WORKER_ENV_REF_KEY] === 'string'
  );
}

/** Whether a reference sits anywhere in `value` (arrays and plain objects are walked). */
export function containsWorkerEnvRef(value: unknown): boolean {
  if (isWorkerEnvRef(value)) return true;
  if (Array.isArray(value)) return value.some(containsWorkerEnvRef);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsWorkerEnvRef);
  return false;
}

/**
 * The key under which an activity tool sends its bound arguments, apart from the model's: the worker
 * resolves references there and merges the result into the activity's argument.
 */
export const BOUND_ARGUMENTS_KEY = '$boundArguments';
