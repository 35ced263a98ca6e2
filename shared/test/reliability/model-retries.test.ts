// Retry classification through the real `openai` client, against a local OpenAI-compatible server the
// test scripts. Temporal's retry policy is the only retry layer: HTTP requests == activity attempts.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ModelActivityParameters } from '../../src/common/model-params.js';
import { FailureTypes } from '../../src/common/names.js';
import {
  openAIErrorBody,
  responsesApiText,
  type ScriptedHttpReply,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from '../../src/testing/index.js';
import { overlappingRequests, repliesInOrder } from '../../src/testing/openai-server.js';
import type * as workflows from '../workflows/agents.js';
import { attemptsIn, modelFailure } from './model-failures.js';

const workflowsPath = fileURLToPath(new URL('../workflows/agents.ts', import.meta.url));
const API_KEY = 'sk-reliability-test-key-7f3a9c2e51';
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
type NamedModel = typeof workflows.namedModel;

// Short intervals, so a delay that is honoured can only come from the server's retry-after.
const modelParams: ModelActivityParameters = {
  startToCloseTimeout: '2s',
  retry: { initialInterval: '100ms', backoffCoefficient: 1, maximumAttempts: 5 },
};
const worker = { workflowsPath, modelParams };

const ok = (text = 'ok'): ScriptedHttpReply => ({ json: responsesApiText(text) });

describe('retryable model errors are retried by Temporal, and only by Temporal', () => {
  it('429 with retry-after waits that long before the next attempt', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({ status: 429, headers: { 'retry-after': '2' } }, ok('after 429')),
      async (server) => {
        const { result, history } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.equal(result, 'after 429');
        assert.equal(server.requests.length, 2);
        assert.equal(attemptsIn(history), 2);
        const gap = (server.requests[1]?.receivedAt ?? 0) - (server.requests[0]?.receivedAt ?? 0);
        assert.ok(gap >= 1900, `the retry came ${gap} ms after the 429; retry-after asked for 2000 ms`);
      },
      API_KEY,
    );
  });

  it('retry-after-ms wins over retry-after', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({ status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '30' } }, ok('after ms')),
      async (server) => {
        const { result } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.equal(result, 'after ms');
        const gap = (server.requests[1]?.receivedAt ?? 0) - (server.requests[0]?.receivedAt ?? 0);
        assert.ok(gap >= 1400 && gap < 30_000, `gap ${gap} ms`);
      },
      API_KEY,
    );
  });

  for (const [label, status, headers] of [
    ['retry-after: 0', 429, { 'retry-after': '0' }],
    ['retry-after-ms: 0', 429, { 'retry-after-ms': '0' }],
    ['a retry-after date in the past', 503, { 'retry-after': 'Wed, 01 May 2024 11:59:00 GMT' }],
  ] as const) {
    it(`${label} means retry now: the run goes on`, async () => {
      await withFakeOpenAIServer(
        repliesInOrder({ status, headers, json: openAIErrorBody('slow down', 'rate_limit_error') }, ok('retried')),
        async (server) => {
          const { result, history } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
          assert.equal(result, 'retried');
          assert.equal(server.requests.length, 2);
          assert.equal(attemptsIn(history), 2);
        },
        API_KEY,
      );
    });
  }

  it('a retry-after of a day is capped at maxServerRetryDelay, and the failure says so', {
    timeout: 60_000,
  }, async () => {
    const capped = {
      workflowsPath,
      modelParams: { ...modelParams, maxServerRetryDelay: '1s', retry: { ...modelParams.retry, maximumAttempts: 2 } },
    };
    await withFakeOpenAIServer(
      repliesInOrder({ status: 429, headers: { 'retry-after': '86400' }, json: openAIErrorBody('come back tomorrow') }),
      async (server) => {
        const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], capped);
        const failure = modelFailure(error);
        assert.equal(failure.type, FailureTypes.rateLimit);
        assert.equal(failure.nonRetryable, false, 'the retry policy ran out; the error itself stays retryable');
        assert.match(failure.message, /asked to wait 86400 s before retrying; waiting 1 s instead/);
        assert.match(failure.message, /maxServerRetryDelay/);
        assert.equal(server.requests.length, 2);
        assert.equal(attemptsIn(history), 2);
        const gap = (server.requests[1]?.receivedAt ?? 0) - (server.requests[0]?.receivedAt ?? 0);
        assert.ok(gap < 30_000, `the second attempt came ${gap} ms later: the day-long wait was not capped`);
      },
      API_KEY,
    );
  });

  it('500, 502 and 503 are retried', async () => {
    await withFakeOpenAIServer(
      repliesInOrder(
        { status: 500, json: openAIErrorBody('boom', 'server_error') },
        { status: 502, raw: 'bad gateway' },
        { status: 503, json: openAIErrorBody('overloaded', 'server_error') },
        ok('after 5xx'),
      ),
      async (server) => {
        const { result, history } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.equal(result, 'after 5xx');
        assert.equal(server.requests.length, 4);
        assert.equal(attemptsIn(history), 4);
      },
      API_KEY,
    );
  });

  it('a dropped connection is retried', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({ dropConnection: true }, ok('after drop')),
      async (server) => {
        const { result, history } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.equal(result, 'after drop');
        assert.equal(server.requests.length, 2);
        assert.equal(attemptsIn(history), 2);
        const retried = history.events?.find((event) => event.activityTaskStartedEventAttributes?.attempt === 2);
        assert.equal(
          retried?.activityTaskStartedEventAttributes?.lastFailure?.applicationFailureInfo?.type,
          FailureTypes.connection,
        );
      },
      API_KEY,
    );
  });
});

describe('a request that outlives the activity timeout is aborted before the next attempt', () => {
  it('a response slower than the timeout: the slow request is aborted, the retry succeeds', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({ delayMs: 3500, json: responsesApiText('too late') }, ok('in time')),
      async (server) => {
        const { result, history } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.equal(result, 'in time');
        assert.equal(server.requests.length, 2);
        assert.equal(attemptsIn(history), 2);
        assert.equal(server.requests[0]?.abortedByClient, true, 'the slow request was aborted by the worker');
        assert.deepEqual(overlappingRequests(server.requests), [], 'two requests for one call were in flight at once');
      },
      API_KEY,
    );
  });

  it('every attempt too slow: each is aborted in turn, and the run fails with a typed timeout', async () => {
    const threeAttempts = {
      workflowsPath,
      modelParams: { ...modelParams, retry: { ...modelParams.retry, maximumAttempts: 3 } },
    };
    await withFakeOpenAIServer(
      repliesInOrder({ delayMs: 3500, json: responsesApiText('too late') }),
      async (server) => {
        const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], threeAttempts);
        const failure = modelFailure(error);
        assert.equal(failure.type, FailureTypes.timeout);
        assert.match(failure.message, /start-to-close timeout/);
        assert.equal(server.requests.length, 3);
        assert.equal(attemptsIn(history), 3);
        assert.ok(server.requests.every((request) => request.abortedByClient));
        assert.deepEqual(overlappingRequests(server.requests), []);
      },
      API_KEY,
    );
  });
});

describe('a cancelled model call aborts its HTTP request', () => {
  it('the workflow cancels the run mid-call: the worker learns it from a heartbeat and aborts', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({ delayMs: 60_000, json: responsesApiText('far too late') }),
      async (server) => {
        // Read while the worker still runs: stopping it would abort the request anyway.
        const abortedWhileWorkerRan = await testEnv().withWorker({ workflowsPath }, async (taskQueue) => {
          const result = await testEnv().client.workflow.execute<typeof workflows.cancelledRun>('cancelledRun', {
            taskQueue,
            workflowId: `cancelled-run-${randomUUID()}`,
            args: ['Hi'],
          });
          assert.equal(result, 'cancelled');
          // The worker keeps running here: only a heartbeat can tell the activity it was cancelled.
          for (let waited = 0; server.requests[0]?.finishedAt === undefined && waited < 30_000; waited += 100) {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return server.requests[0]?.abortedByClient;
        });
        assert.equal(server.requests.length, 1);
        assert.equal(abortedWhileWorkerRan, true, 'the request ran on after the cancellation');
      },
      API_KEY,
    );
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
      await withFakeOpenAIServer(
        repliesInOrder({ status, json: openAIErrorBody(`status ${status} from the server`) }),
        async (server) => {
          const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], worker);
          const failure = modelFailure(error);
          assert.equal(failure.type, type);
          assert.equal(failure.nonRetryable, true);
          assert.match(failure.message, advice);
          assert.match(failure.message, new RegExp(`status ${status} from the server`));
          assert.equal(server.requests.length, 1, 'no layer retried');
          assert.equal(attemptsIn(history), 1);
        },
        API_KEY,
      );
    });
  }

  it('no API key on the worker: Authentication at once, before any HTTP call', async () => {
    await withFakeOpenAIServer(
      repliesInOrder(ok('never')),
      async (server) => {
        const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        const failure = modelFailure(error);
        assert.equal(failure.type, FailureTypes.authentication);
        assert.equal(failure.nonRetryable, true);
        assert.match(failure.message, /OPENAI_API_KEY is not set/);
        assert.equal(server.requests.length, 0);
        assert.equal(attemptsIn(history), 1);
      },
      '',
    );
  });

  it('an unknown model name', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({
        status: 404,
        json: openAIErrorBody('The model `gpt-named-model` does not exist', 'invalid_request_error', 'model_not_found'),
      }),
      async (server) => {
        const { error } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        const failure = modelFailure(error);
        assert.equal(failure.nonRetryable, true);
        assert.match(failure.message, /gpt-named-model/);
        assert.equal(server.requests.length, 1);
      },
      API_KEY,
    );
  });

  it('x-should-retry: false on a 500 is not retried', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({
        status: 500,
        headers: { 'x-should-retry': 'false' },
        json: openAIErrorBody('no', 'server_error'),
      }),
      async (server) => {
        const { error } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.equal(modelFailure(error).nonRetryable, true);
        assert.equal(server.requests.length, 1);
      },
      API_KEY,
    );
  });
});

describe('credentials', () => {
  it('the API key reaches the server but never a workflow history, even when the server echoes it', async () => {
    const echo = `Incorrect API key provided: ${API_KEY}`;
    const histories: string[] = [];
    const twoAttempts = {
      workflowsPath,
      modelParams: { ...modelParams, retry: { ...modelParams.retry, maximumAttempts: 2 } },
    };
    await withFakeOpenAIServer(
      repliesInOrder({ status: 500, json: openAIErrorBody(echo, 'server_error') }),
      async (server) => {
        const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], twoAttempts);
        assert.equal(modelFailure(error).type, FailureTypes.serverError);
        assert.equal(server.requests[0]?.headers.authorization, `Bearer ${API_KEY}`);
        histories.push(JSON.stringify(history));
      },
      API_KEY,
    );
    await withFakeOpenAIServer(
      repliesInOrder({ status: 401, json: openAIErrorBody(echo) }),
      async () => {
        const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.match(modelFailure(error).message, /\[redacted\]/);
        histories.push(JSON.stringify(history));
      },
      API_KEY,
    );
    for (const history of histories) assert.ok(!history.includes(API_KEY), 'the API key is in a history');
  });
});
