/**
 * Classifies a failed model call for Temporal's retry policy, the same way Python's plugin does:
 * 408/409/429/5xx and connection failures retry; other statuses fail at once; `x-should-retry`
 * wins over the status; `retry-after-ms` / `retry-after` set the next retry delay.
 * Status errors are recognised by shape (`status` + `headers`), not by the `openai` classes,
 * so any provider that throws OpenAI-style errors is classified.
 */
import { ModelBehaviorError, UserError } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { FailureTypes } from '../common/names.js';

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
  401: 'The model provider rejected the API key: set a valid OPENAI_API_KEY on the worker and restart it.',
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

/** Returns the error to throw from the model activity. */
export function classifyModelError(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof UserError || error instanceof ModelBehaviorError) {
    return ApplicationFailure.create({
      message: describe(error),
      type: error.constructor.name,
      nonRetryable: true,
      cause: redactedCause(error),
    });
  }
  if (error instanceof SyntaxError) {
    return ApplicationFailure.create({
      message: `The model server answered with a body that is not valid JSON (${error.message}). Check that the base URL points at an OpenAI-compatible API.`,
      type: FailureTypes.invalidResponse,
      nonRetryable: false,
      cause: redactedCause(error),
    });
  }
  if (!isStatusError(error)) {
    // Connection failures, timeouts and anything unknown: let Temporal's retry policy retry.
    const text = error instanceof Error ? `${error.message}${error.stack}` : '';
    if (error instanceof Error && redactSecrets(text) !== text) return redactedCause(error);
    return error;
  }
  const { status } = error;
  const delay = retryDelayMs(error);
  const shouldRetryHeader = header(error, 'x-should-retry');
  let retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  if (shouldRetryHeader === 'true') retryable = true;
  if (shouldRetryHeader === 'false') retryable = false;
  const type = STATUS_TYPES[status] ?? (status >= 500 ? FailureTypes.serverError : FailureTypes.nonRetryableStatus);
  const advice = STATUS_ADVICE[status];
  return ApplicationFailure.create({
    message: `${retryable ? 'Retryable' : 'Non-retryable'} model error ${status}: ${describe(error)}${advice ? ` — ${advice}` : ''}`,
    type,
    nonRetryable: !retryable,
    nextRetryDelay: delay,
    cause: redactedCause(error),
  });
}
