// Answers and requests that can never succeed: a body that is not JSON, JSON that is not a model
// response, an empty 200, an input item the model client cannot send. A fault seen once (a proxy's
// error page) is retried; the same fault on every attempt stops after a few attempts with a typed,
// non-retryable failure; a request that cannot be built fails at once, before any HTTP call.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ModelActivityParameters } from '../../src/common/model-params.js';
import { FailureTypes } from '../../src/common/names.js';
import { responsesApiText, useAgentsTestEnvironment, withFakeOpenAIServer } from '../../src/testing/index.js';
import { repliesInOrder } from '../../src/testing/openai-server.js';
import type * as workflows from '../workflows/agents.js';
import { attemptsIn, modelFailure } from './model-failures.js';

const workflowsPath = fileURLToPath(new URL('../workflows/agents.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
type NamedModel = typeof workflows.namedModel;
type DirectModelCall = typeof workflows.directModelCall;

// Ten attempts allowed: a fault that is retried without a bound shows up as ten requests.
const modelParams: ModelActivityParameters = {
  startToCloseTimeout: '2s',
  retry: { initialInterval: '100ms', backoffCoefficient: 1, maximumAttempts: 10 },
};
const worker = { workflowsPath, modelParams };

describe('an answer that cannot be read', () => {
  it('once (a proxy’s HTML error page with status 200) is retried, and the run goes on', async () => {
    await withFakeOpenAIServer(
      repliesInOrder({ raw: '<html><body>Bad gateway</body></html>' }, { json: responsesApiText('recovered') }),
      async (server) => {
        const { result, history } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        assert.equal(result, 'recovered');
        assert.equal(server.requests.length, 2);
        assert.equal(attemptsIn(history), 2);
      },
    );
  });

  for (const [label, reply, detail] of [
    ['malformed JSON', { raw: '{"id": "resp_1", "output": [' }, /not valid JSON/],
    ['JSON of an unexpected shape', { json: { id: 'resp_1', object: 'response', output: 'not a list' } }, /TypeError/],
    ['an empty 200', { raw: '' }, /TypeError/],
  ] as const) {
    it(`every time (${label}) stops after 3 attempts with a non-retryable InvalidResponse`, async () => {
      await withFakeOpenAIServer(repliesInOrder(reply), async (server) => {
        const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], worker);
        const failure = modelFailure(error);
        assert.equal(failure.type, FailureTypes.invalidResponse);
        assert.equal(failure.nonRetryable, true);
        assert.match(failure.message, detail);
        assert.match(failure.message, /Giving up after 3 attempts/);
        assert.match(failure.message, /base URL/);
        assert.equal(server.requests.length, 3);
        assert.equal(attemptsIn(history), 3);
      });
    });
  }
});

describe('a request the model client cannot build', () => {
  it('an input_image whose image is a number fails at once, before any HTTP call, naming the item', async () => {
    const input = [
      { role: 'user', content: 'Describe this.' },
      { role: 'user', content: [{ type: 'input_image', image: 12345 }] },
    ];
    await withFakeOpenAIServer(repliesInOrder({ json: responsesApiText('never') }), async (server) => {
      const { error, history } = await testEnv().runFailingWorkflow<DirectModelCall>(
        'directModelCall',
        [input],
        worker,
      );
      const failure = modelFailure(error);
      assert.equal(failure.type, FailureTypes.invalidInput);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /item 1, field content\[0\]\.image, is the number 12345/);
      assert.equal(server.requests.length, 0);
      assert.equal(attemptsIn(history), 1);
    });
  });
});
