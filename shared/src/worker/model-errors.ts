/**
 * Classifies a failed model call for Temporal's retry policy, the same way Python's plugin does:
 * 408/409/429/5xx and connection failures retry; other statuses fail at once; `x-should-retry`
 * wins over the status; `retry-after-ms` / `retry-after` set the next retry delay (a zero or past
 * value leaves it to the policy; a long one is capped). An answer that cannot be read is retried a
 * few times, then fails for good. Status errors are recognised by shape (`status` + `headers`), not
 * by the `openai` classes, so any provider that throws OpenAI-style errors is classified.
 */
import { ModelBehaviorError, UserError } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { DEFAULT_MAX_SERVER_RETRY_DELAY } from '../common/model-params.js';
import { FailureTypes } from '../common/names.js';

/** Attempts a model call gets when the server's answer cannot be read, before failing for good. */
export const MAX_UNREADABLE_RESPONSE_ATTEMPTS = 3;

/** What the activity knows about the failed attempt. */
export interface ModelErrorContext {
  /** The activity attempt that failed: 1 for the first. Default 1. */
  attempt?: number;
  /** The longest server-requested retry delay to honour, in ms. Default: DEFAULT_MAX_SERVER_RETRY_DELAY. */
  maxServerRetryDelayMs?: number;
}

interface StatusError extends Error {
  status: number;
  headers?: Headers | Record<string, string | null | undefined> | null;
}

function isStatusError(error: unknown): error is StatusError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

function header(error: StatusError, name: string): string | undefined {
  const headers = error.headers;
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | null | undefined>)[name];
  return value ?? undefined;
}

/** Milliseconds the server asked us to wait, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryDelayMs(error: StatusError, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(header(error, 'retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const retryAfter = header(error, 'retry-after');
  if (retryAfter === undefined) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

const STATUS_TYPES: Record<number, string> = {
  400: FailureTypes.badRequest,
  401: FailureTypes.authentication,
  403: FailureTypes.permissionDenied,
  404: FailureTypes.badRequest,
  408: FailureTypes.timeout,
  409: FailureTypes.conflict,
  422: FailureTypes.badRequest,
  429: FailureTypes.rateLimit,
};

const STATUS_ADVICE: Record<number, string> = {
  400: 'The model rejected the request as invalid; check the model settings, tools and input.',
  401: "The model provider rejected the API key: set a valid key in the worker's environment (OPENAI_API_KEY for OpenAI, or your provider's) and restart the worker.",
  403: 'The API key is not allowed to use this model or resource: check the key’s project and permissions.',
  404: 'The model or resource was not found: check the model name and the base URL.',
  422: 'The model could not process the request: check the input and the tool schemas.',
};

function describe(error: Error): string {
  return redactSecrets(error.message || error.name);
}

/** Values of the worker's credential variables (…_API_KEY, …_TOKEN, …_SECRET): they must never reach a history. */
function workerSecrets(): string[] {
  return Object.entries(process.env)
    .filter(([name, value]) => /(API_KEY|TOKEN|SECRET)$/i.test(name) && value !== undefined && value.length >= 8)
    .map(([, value]) => value as string);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of workerSecrets()) out = out.split(secret).join('[redacted]');
  return out;
}

/** The error as the failure's cause, with any credential removed from its message and stack. */
function redactedCause(error: Error): Error {
  const copy = new Error(redactSecrets(error.message));
  copy.name = error.name;
  copy.stack = redactSecrets(error.stack ?? '');
  return copy;
}

/**
 * A body that is not JSON (SyntaxError), or JSON of a shape the model's converter cannot read (a
 * TypeError such as `items.map is not a function`). Network failures from fetch are TypeErrors too,
 * but they carry the socket error as `cause`, and they stay ordinary retryable errors.
 */
function isUnreadableResponse(error: unknown): error is Error {
  if (error instanceof SyntaxError) return true;
  return (error instanceof TypeError || error instanceof RangeError) && error.cause === undefined;
}

/**
 * A proxy's error page answered once is transient; the same unreadable answer on every attempt is
 * not, so the retries stop after a few attempts (counted with the activity's attempt number).
 */
function unreadableResponseFailure(error: Error, attempt: number): ApplicationFailure {
  const what =
    error instanceof SyntaxError
      ? `a body that is not valid JSON (${describe(error)})`
      : `a body this model cannot read (${error.name}: ${describe(error)}), such as an empty body or JSON that is not a model response`;
  const last = attempt >= MAX_UNREADABLE_RESPONSE_ATTEMPTS;
  const outcome = last
    ? `Giving up after ${attempt} attempts: an answer that cannot be read rarely changes on retry.`
    : `Retrying (attempt ${attempt} of at most ${MAX_UNREADABLE_RESPONSE_ATTEMPTS} for unreadable answers).`;
  return ApplicationFailure.create({
    message:
      `The model server answered with ${what}. ${outcome} ` +
      'Check that the base URL points at an OpenAI-compatible API and that the model server is healthy.',
    type: FailureTypes.invalidResponse,
    nonRetryable: last,
    cause: redactedCause(error),
  });
}

/**
 * The next retry delay the server asked for, as Temporal should use it: a zero or past value means
 * "retry now", which is the policy's own interval (a `nextRetryDelay` of 0 would stop the retries);
 * a value over the cap is shortened to the cap, and `note` says so.
 */
export function serverRetryDelay(
  requestedMs: number | undefined,
  capMs: number | undefined,
): { delayMs: number | undefined; note: string } {
  if (requestedMs === undefined || requestedMs <= 0) return { delayMs: undefined, note: '' };
  const delayMs = Math.ceil(requestedMs);
  if (capMs === undefined || delayMs <= capMs) return { delayMs, note: '' };
  return {
    delayMs: capMs,
    note: ` — the server asked to wait ${seconds(delayMs)} before retrying; waiting ${seconds(capMs)} instead (modelParams.maxServerRetryDelay).`,
  };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Returns the error to throw from the model activity. */
export function classifyModelError(error: unknown, context: ModelErrorContext = {}): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof UserError || error instanceof ModelBehaviorError) {
    return ApplicationFailure.create({
      message: describe(error),
      type: error.constructor.name,
      nonRetryable: true,
      cause: redactedCause(error),
    });
  }
  const connection = connectionFailure(error);
  if (connection) return connection;
  if (isUnreadableResponse(error) && !isStatusError(error))
    return unreadableResponseFailure(error, context.attempt ?? 1);
  if (!isStatusError(error)) {
    // Anything unknown: let Temporal's retry policy retry.
    const text = error instanceof Error ? `${error.message}${error.stack}` : '';
    if (error instanceof Error && redactSecrets(text) !== text) return redactedCause(error);
    return error;
  }
  const { status } = error;
  const delay = serverRetryDelay(
    retryDelayMs(error),
    context.maxServerRetryDelayMs ?? msToNumber(DEFAULT_MAX_SERVER_RETRY_DELAY),
  );
  const shouldRetryHeader = header(error, 'x-should-retry');
  let retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  if (shouldRetryHeader === 'true') retryable = true;
  if (shouldRetryHeader === 'false') retryable = false;
  const type = STATUS_TYPES[status] ?? (status >= 500 ? FailureTypes.serverError : FailureTypes.nonRetryableStatus);
  const advice = STATUS_ADVICE[status];
  return ApplicationFailure.create({
    message: `${retryable ? 'Retryable' : 'Non-retryable'} model error ${status}: ${describe(error)}${advice ? ` — ${advice}` : ''}${retryable ? delay.note : ''}`,
    type,
    nonRetryable: !retryable,
    nextRetryDelay: retryable ? delay.delayMs : undefined,
    cause: redactedCause(error),
  });
}

/** Socket error codes that mean the connection closed under a request that had started. */
const DROPPED_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/**
 * A body cut off after the answer began (a streamed answer, mid-way): fetch fails reading it with
 * `TypeError: terminated`, its cause undici's socket error. The `openai` client does not wrap it.
 */
function droppedMidBody(error: Error): boolean {
  if (!(error instanceof TypeError)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return error.message === 'terminated' || (typeof code === 'string' && DROPPED_SOCKET_CODES.has(code));
}

/** The `openai` client's connection errors (refused, reset, dropped, its own timeout), as typed retryable failures. */
function connectionFailure(error: unknown): ApplicationFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  if (droppedMidBody(error)) {
    const cause = error.cause instanceof Error ? `: ${redactSecrets(error.cause.message)}` : '';
    return ApplicationFailure.create({
      message:
        `The connection to the model server closed in the middle of its answer (${describe(error)}${cause}). ` +
        'Retried; if it persists, check OPENAI_BASE_URL, any proxy in between, and the network from the worker.',
      type: FailureTypes.connection,
      nonRetryable: false,
      cause: redactedCause(error),
    });
  }
  const kind = error.constructor.name;
  if (kind !== 'APIConnectionError' && kind !== 'APIConnectionTimeoutError') return undefined;
  const timedOut = kind === 'APIConnectionTimeoutError';
  const cause = error.cause instanceof Error ? `: ${redactSecrets(error.cause.message)}` : '';
  return ApplicationFailure.create({
    message:
      `${timedOut ? 'The model request timed out' : 'Could not reach the model server'} (${describe(error)}${cause}). ` +
      'Retried; if it persists, check OPENAI_BASE_URL and the network from the worker.',
    type: timedOut ? FailureTypes.timeout : FailureTypes.connection,
    nonRetryable: false,
    cause: redactedCause(error),
  });
}
