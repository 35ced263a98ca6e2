import assert from 'node:assert/strict';
import { ModelBehaviorError, UserError } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { msOptionalToNumber } from '@temporalio/common/lib/time.js';
import OpenAI from 'openai';
import { describe, it } from 'vitest';
import { FailureTypes } from '../../src/common/names.js';
import { classifyModelError, MAX_UNREADABLE_RESPONSE_ATTEMPTS, retryDelayMs } from '../../src/worker/model-errors.js';

type HeaderInit = Record<string, string>;

/** An OpenAI-style status error, recognised by shape. */
function statusError(status: number, headers: HeaderInit = {}, message = 'boom'): Error & { status: number } {
  return Object.assign(new Error(message), { status, headers: new Headers(headers) });
}

/** A real error from the `openai` package, as the SDK would throw it. */
function openaiError(status: number, headers: HeaderInit = {}, message = 'boom'): InstanceType<typeof OpenAI.APIError> {
  const body = { error: { message, type: 'test_error' } };
  return OpenAI.APIError.generate(status, body, undefined, new Headers(headers));
}

function classify(error: unknown): ApplicationFailure {
  const result = classifyModelError(error);
  assert.ok(result instanceof ApplicationFailure, `expected an ApplicationFailure, got ${String(result)}`);
  return result;
}

/** ApplicationFailure.nextRetryDelay is a Temporal `Duration` (ms number or string); normalise to ms. */
function delayOf(failure: ApplicationFailure): number | undefined {
  return msOptionalToNumber(failure.nextRetryDelay ?? undefined);
}

const RETRYABLE: Array<[number, string]> = [
  [408, FailureTypes.timeout],
  [409, FailureTypes.conflict],
  [429, FailureTypes.rateLimit],
  [500, FailureTypes.serverError],
  [502, FailureTypes.serverError],
  [503, FailureTypes.serverError],
];

const NON_RETRYABLE: Array<[number, string, RegExp]> = [
  [400, FailureTypes.badRequest, /check the model settings, tools and input/],
  [401, FailureTypes.authentication, /OPENAI_API_KEY/],
  [403, FailureTypes.permissionDenied, /permissions/],
  [404, FailureTypes.badRequest, /check the model name and the base URL/],
  [422, FailureTypes.badRequest, /check the input and the tool schemas/],
];

const MAKERS = [
  ['a shape-only error', statusError],
  ['a real openai APIError', openaiError],
] as const;

for (const [label, make] of MAKERS) {
  describe(`classifyModelError with ${label}`, () => {
    for (const [status, type] of RETRYABLE) {
      it(`${status} is retryable with type ${type}`, () => {
        const error = make(status, {}, 'upstream trouble');
        const failure = classify(error);
        assert.equal(failure.nonRetryable, false);
        assert.equal(failure.type, type);
        assert.match(failure.message, new RegExp(`^Retryable model error ${status}: .*upstream trouble`));
        assertCauseMirrors(failure.cause, error);
        assert.equal(delayOf(failure), undefined);
      });
    }

    for (const [status, type, advice] of NON_RETRYABLE) {
      it(`${status} is non-retryable with type ${type} and says what to fix`, () => {
        const error = make(status, {}, 'rejected');
        const failure = classify(error);
        assert.equal(failure.nonRetryable, true);
        assert.equal(failure.type, type);
        assert.match(failure.message, new RegExp(`^Non-retryable model error ${status}: .*rejected`));
        assert.match(failure.message, advice);
        assertCauseMirrors(failure.cause, error);
      });
    }

    it('uses retry-after (seconds) as the next retry delay', () => {
      const failure = classify(make(429, { 'retry-after': '2' }));
      assert.equal(failure.nonRetryable, false);
      assert.equal(delayOf(failure), 2000);
    });

    it('prefers retry-after-ms over retry-after', () => {
      const failure = classify(make(429, { 'retry-after-ms': '150', 'retry-after': '2' }));
      assert.equal(delayOf(failure), 150);
    });

    for (const [label, headers] of [
      ['retry-after: 0', { 'retry-after': '0' }],
      ['retry-after-ms: 0', { 'retry-after-ms': '0' }],
      ['a retry-after date in the past', { 'retry-after': 'Wed, 01 May 2024 11:59:00 GMT' }],
    ] as const) {
      it(`${label} leaves the delay to the retry policy, so Temporal retries`, () => {
        const failure = classify(make(429, headers));
        assert.equal(failure.nonRetryable, false);
        assert.equal(failure.nextRetryDelay, undefined, 'a nextRetryDelay of 0 would stop the retries');
      });
    }

    it('caps a long retry-after at 60 s by default and says so', () => {
      const failure = classify(make(429, { 'retry-after': '86400' }));
      assert.equal(failure.nonRetryable, false);
      assert.equal(delayOf(failure), 60_000);
      assert.match(failure.message, /asked to wait 86400 s before retrying; waiting 60 s instead/);
      assert.match(failure.message, /maxServerRetryDelay/);
    });

    it('caps retry-after-ms at the configured maximum', () => {
      const failure = classifyModelError(make(503, { 'retry-after-ms': '5000' }), { maxServerRetryDelayMs: 1500 });
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(delayOf(failure), 1500);
      assert.match(failure.message, /asked to wait 5 s before retrying; waiting 1\.5 s instead/);
    });

    it('a delay under the cap is used as is, with nothing added to the message', () => {
      const failure = classifyModelError(make(429, { 'retry-after': '2' }), { maxServerRetryDelayMs: 2000 });
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(delayOf(failure), 2000);
      assert.doesNotMatch(failure.message, /asked to wait/);
    });

    it('x-should-retry: false makes a 500 non-retryable', () => {
      const failure = classify(make(500, { 'x-should-retry': 'false' }));
      assert.equal(failure.nonRetryable, true);
      assert.equal(failure.type, FailureTypes.serverError);
      assert.match(failure.message, /^Non-retryable model error 500/);
    });

    it('x-should-retry: true makes a 400 retryable', () => {
      const failure = classify(make(400, { 'x-should-retry': 'true' }));
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.type, FailureTypes.badRequest);
      assert.match(failure.message, /^Retryable model error 400/);
    });
  });
}

/** The failure keeps the original error's name and message as its cause (a copy, with secrets redacted). */
function assertCauseMirrors(cause: unknown, original: Error): void {
  assert.ok(cause instanceof Error);
  assert.equal(cause.name, original.name);
  assert.equal(cause.message, original.message);
}

describe('real openai errors', () => {
  it('are the SDK subclasses the classifier must handle by shape', () => {
    assert.ok(openaiError(401) instanceof OpenAI.AuthenticationError);
    assert.ok(openaiError(429) instanceof OpenAI.RateLimitError);
    assert.ok(openaiError(503) instanceof OpenAI.InternalServerError);
    assert.equal(openaiError(429, { 'retry-after': '2' }).headers?.get('retry-after'), '2');
  });
});

describe('classifyModelError: other statuses', () => {
  it('an unlisted 4xx is non-retryable with the generic type', () => {
    const failure = classify(statusError(418));
    assert.equal(failure.nonRetryable, true);
    assert.equal(failure.type, FailureTypes.nonRetryableStatus);
  });

  it('an unlisted 5xx is retryable as a server error', () => {
    const failure = classify(statusError(529));
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.type, FailureTypes.serverError);
  });

  it('reads headers given as a plain record', () => {
    const error = Object.assign(new Error('slow down'), {
      status: 429,
      headers: { 'retry-after-ms': '250', 'x-should-retry': null },
    });
    const failure = classify(error);
    assert.equal(failure.nonRetryable, false);
    assert.equal(delayOf(failure), 250);
  });

  it('handles a status error without headers', () => {
    const failure = classify(Object.assign(new Error('no headers'), { status: 503 }));
    assert.equal(failure.nonRetryable, false);
    assert.equal(delayOf(failure), undefined);
  });

  it('uses the error name when the message is empty', () => {
    const error = Object.assign(new TypeError(''), { status: 400, headers: new Headers() });
    assert.match(classify(error).message, /^Non-retryable model error 400: TypeError/);
  });
});

describe('classifyModelError: errors without a status', () => {
  it('returns a plain Error (connection failure) unchanged', () => {
    const error = new Error('connect ECONNREFUSED 127.0.0.1:443');
    assert.equal(classifyModelError(error), error);
  });

  it('types an openai APIConnectionError as a retryable Connection failure naming its cause', () => {
    const error = new OpenAI.APIConnectionError({ cause: new Error('socket hang up') });
    const failure = classifyModelError(error);
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.type, FailureTypes.connection);
    assert.equal(failure.nonRetryable, false);
    assert.match(failure.message, /socket hang up/);
    assert.match(failure.message, /OPENAI_BASE_URL/);
  });

  it('types the openai client’s own timeout as a retryable Timeout failure', () => {
    const failure = classifyModelError(new OpenAI.APIConnectionTimeoutError());
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.type, FailureTypes.timeout);
    assert.equal(failure.nonRetryable, false);
  });

  it('returns a non-Error value unchanged', () => {
    const thrown = { status: 500 };
    assert.equal(classifyModelError(thrown), thrown);
  });

  it('turns a SyntaxError into a retryable invalid-response failure', () => {
    const error = new SyntaxError('Unexpected token < in JSON at position 0');
    const failure = classify(error);
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.type, FailureTypes.invalidResponse);
    assert.match(failure.message, /not valid JSON/);
    assert.match(failure.message, /Unexpected token </);
    assertCauseMirrors(failure.cause, error);
  });

  it('an unreadable answer stops being retried at the last allowed attempt', () => {
    assert.equal(MAX_UNREADABLE_RESPONSE_ATTEMPTS, 3);
    const error = new SyntaxError('Unexpected end of JSON input');
    for (const attempt of [1, 2]) {
      const failure = classifyModelError(error, { attempt });
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(failure.nonRetryable, false, `attempt ${attempt}`);
      assert.match(failure.message, new RegExp(`attempt ${attempt} of at most 3`));
    }
    const last = classifyModelError(error, { attempt: 3 });
    assert.ok(last instanceof ApplicationFailure);
    assert.equal(last.nonRetryable, true);
    assert.equal(last.type, FailureTypes.invalidResponse);
    assert.match(last.message, /Giving up after 3 attempts/);
  });

  it('a TypeError from reading an answer of the wrong shape is an invalid response', () => {
    const error = new TypeError('items.map is not a function');
    const failure = classify(error);
    assert.equal(failure.type, FailureTypes.invalidResponse);
    assert.equal(failure.nonRetryable, false);
    assert.match(failure.message, /TypeError: items\.map is not a function/);
    assert.equal(classify(classifyModelError(error, { attempt: 3 })).nonRetryable, true);
  });

  it('a fetch TypeError with a socket cause stays an ordinary retryable error', () => {
    const error = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    assert.equal(classifyModelError(error, { attempt: 10 }), error);
  });

  it('returns an existing ApplicationFailure unchanged', () => {
    const existing = ApplicationFailure.create({ message: 'already classified', type: 'Custom', nonRetryable: true });
    assert.equal(classifyModelError(existing), existing);
  });

  it('makes a UserError non-retryable', () => {
    const error = new UserError('Agent is misconfigured');
    const failure = classify(error);
    assert.equal(failure.nonRetryable, true);
    assert.equal(failure.type, 'UserError');
    assert.equal(failure.message, 'Agent is misconfigured');
    assertCauseMirrors(failure.cause, error);
  });

  it('makes a ModelBehaviorError non-retryable', () => {
    const error = new ModelBehaviorError('Model produced invalid tool call');
    const failure = classify(error);
    assert.equal(failure.nonRetryable, true);
    assert.equal(failure.type, 'ModelBehaviorError');
    assert.equal(failure.message, 'Model produced invalid tool call');
  });
});

describe('retryDelayMs', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('returns undefined without retry headers', () => {
    assert.equal(retryDelayMs(statusError(429), now), undefined);
  });

  it('reads fractional seconds', () => {
    assert.equal(retryDelayMs(statusError(429, { 'retry-after': '1.5' }), now), 1500);
  });

  it('reads retry-after-ms', () => {
    assert.equal(retryDelayMs(statusError(429, { 'retry-after-ms': '150' }), now), 150);
  });

  it('falls back to retry-after when retry-after-ms is not a number', () => {
    assert.equal(retryDelayMs(statusError(429, { 'retry-after-ms': 'soon', 'retry-after': '3' }), now), 3000);
  });

  it('ignores a negative retry-after-ms', () => {
    assert.equal(retryDelayMs(statusError(429, { 'retry-after-ms': '-5', 'retry-after': '1' }), now), 1000);
  });

  it('reads an HTTP-date relative to now', () => {
    const error = statusError(503, { 'retry-after': 'Wed, 01 May 2024 12:00:30 GMT' });
    assert.equal(retryDelayMs(error, now), 30_000);
  });

  it('clamps an HTTP-date in the past to zero', () => {
    const error = statusError(503, { 'retry-after': 'Wed, 01 May 2024 11:59:00 GMT' });
    assert.equal(retryDelayMs(error, now), 0);
  });

  it('returns undefined for an unparseable retry-after', () => {
    assert.equal(retryDelayMs(statusError(503, { 'retry-after': 'later, maybe' }), now), undefined);
  });
});

describe('credentials never reach a failure', () => {
  it('the worker’s API key is redacted from the message and the cause', () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-unit-test-secret-0123456789';
    try {
      const error = Object.assign(new Error('Incorrect API key provided: sk-unit-test-secret-0123456789'), {
        status: 401,
        headers: new Headers(),
      });
      const failure = classifyModelError(error);
      assert.ok(failure instanceof ApplicationFailure);
      const everything = `${failure.message} ${(failure.cause as Error).message} ${(failure.cause as Error).stack}`;
      assert.doesNotMatch(everything, /sk-unit-test-secret-0123456789/);
      assert.match(failure.message, /\[redacted\]/);

      const connection = classifyModelError(new Error('could not reach https://x?key=sk-unit-test-secret-0123456789'));
      assert.ok(connection instanceof Error);
      assert.doesNotMatch(`${connection.message}${connection.stack}`, /sk-unit-test-secret-0123456789/);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });
});
