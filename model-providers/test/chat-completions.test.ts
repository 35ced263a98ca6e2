// The chat-completions provider for real: the gpt-oss workflow on a dev server, its model calls made by
// OpenAIChatCompletionsModel and the `openai` client against a local OpenAI-compatible server on
// 127.0.0.1. A tool call round, then the final answer, with streaming off and on; then how HTTP errors
// are classified for Temporal's retry policy.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  chatCompletionReply,
  openAIErrorBody,
  type RecordedHttpRequest,
  type ScriptedChatMessage,
  type ScriptedHttpReply,
  scheduledActivityTypes,
  startFakeOpenAIServer,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ChatCompletionsModelProvider } from '../src/providers/chat-completions';
import { gptOss } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const QUESTION = "What's the weather in Tokyo?";
const HAIKU = 'Tokyo wakes in sun\nno cloud over the river\nthe tool says: clear skies';
const WEATHER_CALL: ScriptedChatMessage = {
  toolCalls: [{ id: 'call_weather', name: 'get_weather', arguments: { city: 'Tokyo' } }],
};

interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; parameters: unknown } }[];
}

/** Answers /chat/completions requests from a list, one per request; errors are given as whole replies. */
function chatServer(...steps: (ScriptedChatMessage | ScriptedHttpReply)[]) {
  return (request: RecordedHttpRequest, index: number): ScriptedHttpReply => {
    const step = steps[index];
    if (!step) return { status: 500, json: openAIErrorBody(`the test scripted no request #${index + 1}`) };
    return 'status' in step ? step : chatCompletionReply(request, step as ScriptedChatMessage);
  };
}

const provider = (baseURL: string, stream = false) =>
  new ChatCompletionsModelProvider({ baseURL, apiKey: 'local-test-key', model: 'gpt-oss:20b', stream });

/** The model activity's attempts, and the failure that ended each attempt before the last. */
function modelAttempts(history: History) {
  return (history.events ?? []).flatMap((event) => {
    const started = event.activityTaskStartedEventAttributes;
    return started ? [{ attempt: started.attempt ?? 0, lastFailure: started.lastFailure?.applicationFailureInfo }] : [];
  });
}

describe('chat-completions provider against a local OpenAI-compatible server', () => {
  for (const stream of [false, true]) {
    it(`runs the tool call round, then the final answer (streaming ${stream ? 'on' : 'off'})`, async () => {
      const server = await startFakeOpenAIServer(chatServer(WEATHER_CALL, { content: HAIKU }));
      try {
        const { result, history } = await testEnv().runWorkflow(gptOss, [QUESTION], {
          workflowsPath,
          modelProvider: provider(server.baseURL, stream),
        });
        assert.equal(result, HAIKU);
        assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY]);

        assert.deepEqual(
          server.requests.map(({ method, path }) => `${method} ${path}`),
          ['POST /v1/chat/completions', 'POST /v1/chat/completions'],
        );
        assert.equal(server.requests[0]?.headers.authorization, 'Bearer local-test-key');
        const [first, second] = server.requests.map(({ body }) => body as ChatRequestBody);
        assert.equal(first?.model, 'gpt-oss:20b', 'the agent names no model: the provider’s default');
        assert.equal(first?.stream === true, stream);
        // The agent names no model: agents-core's settings for its own default (GPT-5) model stay behind.
        assert.equal(first && 'reasoning_effort' in first, false);
        assert.equal(first && 'verbosity' in first, false);
        assert.deepEqual(
          first?.messages.map(({ role, content }) => [role, content]),
          [
            [
              'system',
              'You only respond in haikus. When asked about the weather, always use the tool to get the current weather.',
            ],
            ['user', QUESTION],
          ],
        );
        assert.deepEqual(
          first?.tools?.map((tool) => [tool.type, tool.function.name]),
          [['function', 'get_weather']],
        );
        // The second request carries the assistant's tool call and the tool's result, which ran in the workflow.
        assert.deepEqual(second?.messages.slice(2), [
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_weather',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_weather', content: 'The weather in Tokyo is sunny.' },
        ]);
      } finally {
        await server.close();
      }
    });
  }

  it('429 with retry-after: the activity retries after the server’s delay, and the run finishes', async () => {
    const server = await startFakeOpenAIServer(
      chatServer(
        { status: 429, headers: { 'retry-after': '1' }, json: openAIErrorBody('Slow down', 'rate_limit_error') },
        WEATHER_CALL,
        { content: HAIKU },
      ),
    );
    try {
      const { result, history } = await testEnv().runWorkflow(gptOss, [QUESTION], {
        workflowsPath,
        modelProvider: provider(server.baseURL, true),
      });
      assert.equal(result, HAIKU);
      assert.equal(server.requests.length, 3, 'one HTTP request per activity attempt');
      const [first] = modelAttempts(history);
      assert.equal(first?.attempt, 2);
      assert.equal(first?.lastFailure?.type, FailureTypes.rateLimit);
      assert.equal(first?.lastFailure?.nonRetryable, false);
      assert.equal(Number(first?.lastFailure?.nextRetryDelay?.seconds), 1, 'retry-after became the next retry delay');
    } finally {
      await server.close();
    }
  });

  it('500: retried with the policy’s backoff', async () => {
    const server = await startFakeOpenAIServer(
      chatServer({ status: 500, json: openAIErrorBody('Oops', 'server_error') }, WEATHER_CALL, { content: HAIKU }),
    );
    try {
      const { result, history } = await testEnv().runWorkflow(gptOss, [QUESTION], {
        workflowsPath,
        modelProvider: provider(server.baseURL),
      });
      assert.equal(result, HAIKU);
      assert.equal(server.requests.length, 3);
      const [first] = modelAttempts(history);
      assert.equal(first?.attempt, 2);
      assert.equal(first?.lastFailure?.type, FailureTypes.serverError);
      assert.equal(first?.lastFailure?.nextRetryDelay, null, 'no server delay: the retry policy decides');
    } finally {
      await server.close();
    }
  });

  it('401: fails at once, without a retry, as a non-retryable authentication error', async () => {
    const server = await startFakeOpenAIServer(
      chatServer({ status: 401, json: openAIErrorBody('Invalid API key', 'invalid_request_error', 'invalid_api_key') }),
    );
    try {
      const { error } = await testEnv().runFailingWorkflow(gptOss, [QUESTION], {
        workflowsPath,
        modelProvider: provider(server.baseURL, true),
      });
      assert.equal(server.requests.length, 1, 'no retry');
      assert.ok(error.cause instanceof ActivityFailure);
      const failure = error.cause.cause;
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(failure.type, FailureTypes.authentication);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /^Non-retryable model error 401: .*Invalid API key/);
    } finally {
      await server.close();
    }
  });
});
