// Streamed answers that go wrong half-way, from the local OpenAI-compatible server: the connection
// cut mid-body, and a stream that stalls with the connection open. Each ends as a typed failure that
// says what happened, for the Responses API and the Chat Completions API.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { OpenAIProvider } from '@openai/agents-openai';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ModelActivityParameters } from '../../src/common/model-params.js';
import { FailureTypes } from '../../src/common/names.js';
import {
  chatCompletionEvents,
  repliesInOrder,
  responsesApiEvents,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from '../../src/testing/index.js';
import type * as workflows from '../streaming/workflows.js';
import { attemptsIn, modelFailure } from './model-failures.js';

const workflowsPath = fileURLToPath(new URL('../streaming/workflows.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const ANSWER = 'A streamed answer that the server cuts off before it ends.';

const twoAttempts: ModelActivityParameters = {
  startToCloseTimeout: '20s',
  retry: { initialInterval: '100ms', backoffCoefficient: 1, maximumAttempts: 2 },
};

/** The failure the second attempt of the model activity saw from the first. */
function firstAttemptFailure(history: History) {
  const started = history.events?.find((event) => event.activityTaskStartedEventAttributes?.attempt === 2);
  return started?.activityTaskStartedEventAttributes?.lastFailure;
}

describe('a streamed answer cut mid-body is a typed, retryable connection failure', () => {
  it('Responses API: the socket closes after a few events, every time', async () => {
    await withFakeOpenAIServer(
      () => ({ events: responsesApiEvents(ANSWER).slice(0, 4), afterEvents: 'drop' }),
      async (server) => {
        const { error, history } = await testEnv().runFailingWorkflow<typeof workflows.streamedText>(
          'streamedText',
          ['Hi'],
          { workflowsPath, modelParams: twoAttempts },
        );
        const failure = modelFailure(error);
        assert.equal(failure.type, FailureTypes.connection);
        assert.equal(failure.nonRetryable, false);
        assert.match(failure.message, /closed in the middle of its answer/);
        assert.equal(attemptsIn(history), 2, 'the retry policy, not the error, ended the retries');
        assert.equal(server.requests.length, 2);
      },
    );
  });

  it('Chat Completions API: the same cut, through the chat-completions model', async () => {
    const modelProvider = new OpenAIProvider({ useResponses: false });
    await withFakeOpenAIServer(
      repliesInOrder({ events: chatCompletionEvents({ content: ANSWER }).slice(0, 3), afterEvents: 'drop' }),
      async () => {
        const { error } = await testEnv().runFailingWorkflow<typeof workflows.streamedText>('streamedText', ['Hi'], {
          workflowsPath,
          modelProvider,
          modelParams: twoAttempts,
        });
        const failure = modelFailure(error);
        assert.equal(failure.type, FailureTypes.connection);
        assert.match(failure.message, /closed in the middle of its answer/);
      },
    );
  });
});

describe('a stream that stalls with the connection open', () => {
  it('with streaming.idleTimeout, the quiet attempt is aborted as a Timeout and the retry answers', async () => {
    await withFakeOpenAIServer(
      repliesInOrder(
        { events: responsesApiEvents(ANSWER).slice(0, 3), afterEvents: 'stall' },
        { events: responsesApiEvents(ANSWER) },
      ),
      async (server) => {
        const { result, history } = await testEnv().runWorkflow<typeof workflows.streamedWithIdleTimeout>(
          'streamedWithIdleTimeout',
          ['Hi'],
          { workflowsPath, modelParams: twoAttempts },
        );
        assert.equal(result.output, ANSWER);
        const failure = firstAttemptFailure(history);
        assert.equal(failure?.applicationFailureInfo?.type, FailureTypes.timeout);
        assert.match(failure?.message ?? '', /stream stalled: no event for 1(\.\d)? s since its last event/);
        assert.equal(server.requests[0]?.abortedByClient, true, 'the stalled request was aborted');
      },
    );
  });

  it('without one, the attempt’s deadline aborts it, and the failure says so rather than "the stream ended"', async () => {
    const oneShortAttempt: ModelActivityParameters = { startToCloseTimeout: '3s', retry: { maximumAttempts: 1 } };
    await withFakeOpenAIServer(
      () => ({ events: responsesApiEvents(ANSWER).slice(0, 3), afterEvents: 'stall' }),
      async () => {
        const { error } = await testEnv().runFailingWorkflow<typeof workflows.streamedText>('streamedText', ['Hi'], {
          workflowsPath,
          modelParams: oneShortAttempt,
        });
        const failure = modelFailure(error);
        assert.equal(failure.type, FailureTypes.timeout);
        assert.match(failure.message, /did not finish within the activity's start-to-close timeout \(3 s\)/);
        assert.match(failure.message, /no event for \d+(\.\d)? s since its last event/);
        assert.doesNotMatch(failure.message, /ended without a response_done/);
      },
    );
  });
});
