// Large model answers: each is stored once in the activity result, and one too large for a Temporal
// payload fails at once with a typed failure, instead of a paid call made again and again.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ModelActivityParameters } from '../../src/common/model-params.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import { responsesApiText, useAgentsTestEnvironment, withFakeOpenAIServer } from '../../src/testing/index.js';
import { repliesInOrder } from '../../src/testing/openai-server.js';
import type * as workflows from '../workflows/agents.js';
import { attemptsIn } from './model-failures.js';

const workflowsPath = fileURLToPath(new URL('../workflows/agents.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
type NamedModel = typeof workflows.namedModel;

const modelParams: ModelActivityParameters = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '100ms', backoffCoefficient: 1, maximumAttempts: 3 },
};
const worker = { workflowsPath, modelParams };

/** Bytes of each completed model activity's result, as stored in the history. */
function modelResultSizes(history: History): number[] {
  return (history.events ?? []).flatMap((event) => {
    const payloads = event.activityTaskCompletedEventAttributes?.result?.payloads ?? [];
    return payloads.map((payload) => payload.data?.length ?? 0);
  });
}

describe('a large answer', () => {
  it('of 900 KB is stored once: the run finishes and the result is about the size of the answer', async () => {
    const answer = 'All work and no play. '.repeat(900_000 / 22);
    await withFakeOpenAIServer(repliesInOrder({ json: responsesApiText(answer) }), async (server) => {
      const { result, history } = await testEnv().runWorkflow<NamedModel>('namedModel', ['Hi'], worker);
      assert.equal(result, answer);
      assert.equal(server.requests.length, 1);
      const [size] = modelResultSizes(history);
      assert.ok(
        size !== undefined && size < answer.length * 1.1,
        `a ${answer.length}-byte answer stored in ${size} bytes`,
      );
    });
  });

  it('too large for a Temporal payload (2.2 MB) fails at once with a non-retryable PayloadTooLarge', async () => {
    const answer = 'x'.repeat(2_200_000);
    await withFakeOpenAIServer(repliesInOrder({ json: responsesApiText(answer) }), async (server) => {
      const { error, history } = await testEnv().runFailingWorkflow<NamedModel>('namedModel', ['Hi'], worker);
      assert.ok(error.cause instanceof ActivityFailure);
      assert.equal(error.cause.activityType, INVOKE_MODEL_ACTIVITY);
      const failure = error.cause.cause;
      assert.ok(failure instanceof ApplicationFailure, `expected an ApplicationFailure, got ${failure}`);
      assert.equal(failure.type, FailureTypes.payloadTooLarge);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /2 MB/);
      assert.match(failure.message, /agent "Named"/);
      assert.match(failure.message, /maxTokens/, 'the message says what to do');
      assert.equal(server.requests.length, 1, 'the paid call was not made again');
      assert.equal(attemptsIn(history), 1);
    });
  });
});
