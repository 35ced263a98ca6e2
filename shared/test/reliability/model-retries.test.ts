// Retry classification through the real `openai` client, against a local OpenAI-compatible server the
// test scripts. Temporal's retry policy is the only retry layer: HTTP requests == activity attempts.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ModelActivityParameters } from '../../src/common/model-params.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import {
  type HttpReplier,
  openAIErrorBody,
  responsesApiText,
  type ScriptedHttpReply,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from '../../src/testing/index.js';

const workflowsPath = fileURLToPath(new URL('../workflows/agents.ts', import.meta.url));
const API_KEY = 'sk-reliability-test-key-7f3a9c2e51';
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const keptHistories: string[] = [];

// Short intervals, so a delay that is honoured can only come from the server's retry-after.
const modelParams: ModelActivityParameters = {
  startToCloseTimeout: '2s',
  retry: { initialInterval: '100ms', backoffCoefficient: 1, maximumAttempts: 5 },
};

/** Replies in order; the last one repeats. */
const inOrder =
  (...replies: ScriptedHttpReply[]): HttpReplier =>
  (_request, index) =>
    replies[Math.min(index, replies.length - 1)] ?? {};

const ok = (text = 'ok'): ScriptedHttpReply => ({ json: responsesApiText(text) });

async function runAgainst(replier: HttpReplier) {
  return withFakeOpenAIServer(
    replier,
    async (server) => {
      const workflowId = `retries-${Math.random().toString(36).slice(2)}`;
      const outcome = await testEnv()
        .withWorker({ workflowsPath, modelParams }, (taskQueue) =>
          testEnv().client.workflow.execute('namedModel', { taskQueue, workflowId, args: ['Hi'] }),
        )
        .then(
          (result) => ({ result: result as string, error: undefined }),
          (error: unknown) => ({ result: undefined, error }),
        );
      const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId, modelParams);
      keptHistories.push(JSON.stringify(history));
      const started = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
      const attempts = started.reduce((sum, e) => sum + (e.activityTaskStartedEventAttributes?.attempt ?? 0), 0);
      return { ...outcome, requests: server.requests, attempts, history };
    },
    API_KEY,
  );
}

function modelFailure(error: unknown): ApplicationFailure {
  assert.ok(error instanceof WorkflowFailedError, `expected a failed workflow, got ${error}`);
  assert.ok(error.cause instanceof ActivityFailure);
  assert.equal(error.cause.activityType, INVOKE_MODEL_ACTIVITY);
  assert.ok(error.cause.cause instanceof ApplicationFailure);
  return error.cause.cause;
}

describe('retryable model errors are retried by Temporal, and only by Temporal', () => {
  it('429 with retry-after waits that long before the next attempt', async () => {
    const run = await runAgainst(inOrder({ status: 429, headers: { 'retry-after': '2' } }, ok('after 429')));
    assert.equal(run.result, 'after 429');
    assert.equal(run.requests.length, 2);
    assert.equal(run.attempts, 2);
    const gap = (run.requests[1]?.receivedAt ?? 0) - (run.requests[0]?.receivedAt ?? 0);
    assert.ok(gap >= 1900, `the retry came ${gap} ms after the 429; retry-after asked for 2000 ms`);
  });

  it('retry-after-ms wins over retry-after', async () => {
    const run = await runAgainst(
      inOrder({ status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '30' } }, ok('after ms')),
    );
    assert.equal(run.result, 'after ms');
    const gap = (run.requests[1]?.receivedAt ?? 0) - (run.requests[0]?.receivedAt ?? 0);
    assert.ok(gap >= 1400 && gap < 30_000, `gap ${gap} ms`);
  });

  it('500, 502 and 503 are retried', async () => {
    const run = await runAgainst(
      inOrder(
        { status: 500, json: openAIErrorBody('boom', 'server_error') },
        { status: 502, raw: 'bad gateway' },
        { status: 503, json: openAIErrorBody('overloaded', 'server_error') },
        ok('after 5xx'),
      ),
    );
    assert.equal(run.result, 'after 5xx');
    assert.equal(run.requests.length, 4);
    assert.equal(run.attempts, 4);
  });

  it('a dropped connection is retried', async () => {
    const run = await runAgainst(inOrder({ dropConnection: true }, ok('after drop')));
    assert.equal(run.result, 'after drop');
    assert.equal(run.requests.length, 2);
    assert.equal(run.attempts, 2);
  });

  it('a response slower than the activity timeout is retried', async () => {
    const run = await runAgainst(inOrder({ delayMs: 3500, json: responsesApiText('too late') }, ok('in time')));
    assert.equal(run.result, 'in time');
    assert.equal(run.requests.length, 2);
    assert.equal(run.attempts, 2);
  });
});

describe('non-retryable model errors fail at once with a typed failure that says what to fix', () => {
  const cases = [
    [400, FailureTypes.badRequest, /invalid/i],
    [401, FailureTypes.authentication, /OPENAI_API_KEY/],
    [403, FailureTypes.permissionDenied, /permission/i],
    [404, FailureTypes.badRequest, /model name/],
    [422, FailureTypes.badRequest, /tool schemas/],
  ] as const;
  for (const [status, type, advice] of cases) {
    it(`${status}`, async () => {
      const run = await runAgainst(inOrder({ status, json: openAIErrorBody(`status ${status} from the server`) }));
      const failure = modelFailure(run.error);
      assert.equal(failure.type, type);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, advice);
      assert.match(failure.message, new RegExp(`status ${status} from the server`));
      assert.equal(run.requests.length, 1, 'no layer retried');
      assert.equal(run.attempts, 1);
    });
  }

  it('an unknown model name', async () => {
    const run = await runAgainst(
      inOrder({
        status: 404,
        json: openAIErrorBody('The model `gpt-named-model` does not exist', 'invalid_request_error', 'model_not_found'),
      }),
    );
    const failure = modelFailure(run.error);
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /gpt-named-model/);
    assert.equal(run.requests.length, 1);
  });

  it('x-should-retry: false on a 500 is not retried', async () => {
    const run = await runAgainst(
      inOrder({ status: 500, headers: { 'x-should-retry': 'false' }, json: openAIErrorBody('no', 'server_error') }),
    );
    const failure = modelFailure(run.error);
    assert.equal(failure.nonRetryable, true);
    assert.equal(run.requests.length, 1);
  });

  it('a malformed JSON body gives a clear error', async () => {
    const run = await runAgainst(inOrder({ status: 200, raw: '{"id": "resp_1", "output": [' }));
    const failure = modelFailure(run.error);
    assert.equal(failure.type, FailureTypes.invalidResponse);
    assert.match(failure.message, /not valid JSON/);
    assert.equal(run.requests.length, run.attempts, 'each attempt made exactly one request');
  });
});

describe('credentials', () => {
  it('the API key reaches the server but never a workflow history, even when the server echoes it', async () => {
    const run = await runAgainst(
      inOrder({ status: 401, json: openAIErrorBody(`Incorrect API key provided: ${API_KEY}`) }),
    );
    assert.equal(run.requests[0]?.headers.authorization, `Bearer ${API_KEY}`);
    modelFailure(run.error);
    assert.ok(keptHistories.length > 5);
    for (const history of keptHistories) assert.ok(!history.includes(API_KEY), 'the API key is in a history');
  });
});
