// Other vendors' models by `vendor/model` name, through the AI SDK adapter. The vendor-model workflow
// runs on a dev server and its calls go through @ai-sdk/anthropic's real HTTP path, to a local server
// on 127.0.0.1 that answers as Anthropic's Messages API does. Then the routing by name, and how the
// adapter's errors are classified.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createAnthropic } from '@ai-sdk/anthropic';
import type { ModelProvider, ModelRequest } from '@openai/agents-core';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  type RecordedHttpRequest,
  type ScriptedHttpReply,
  ScriptedModelProvider,
  scheduledActivityTypes,
  startFakeOpenAIServer,
  textResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { AiSdkModelProvider, toTools } from '../src/providers/ai-sdk';
import { VendorRoutingModelProvider } from '../src/providers/vendor-routing';
import { vendorModel } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const QUESTION = "What's the weather in Tokyo?";
const HAIKU = 'Clear sky on Tokyo\nthe tool has spoken of sun\nno need for the rain';

/** An Anthropic Messages API answer. */
function anthropicMessage(content: unknown[], stopReason: 'tool_use' | 'end_turn'): ScriptedHttpReply {
  return {
    json: {
      id: `msg_local_${stopReason}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 10 },
    },
  };
}

const TOOL_USE = anthropicMessage(
  [{ type: 'tool_use', id: 'toolu_weather', name: 'get_weather', input: { city: 'Tokyo' } }],
  'tool_use',
);
const FINAL = anthropicMessage([{ type: 'text', text: HAIKU }], 'end_turn');
const anthropicError = (status: number, type: string, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  json: { type: 'error', error: { type, message } },
});

function inOrder(...replies: ScriptedHttpReply[]) {
  return (_request: RecordedHttpRequest, index: number) =>
    replies[index] ?? anthropicError(500, 'api_error', 'unscripted');
}

/** The worker's provider as the sample builds it, with Anthropic pointed at the local server; null: no key given. */
function workerProvider(baseURL: string, apiKey: string | null = 'local-anthropic-key'): ModelProvider {
  const anthropic = createAnthropic({ baseURL, ...(apiKey ? { apiKey } : {}) });
  // Nothing in these tests may fall through to the endpoint: its script is empty.
  return new VendorRoutingModelProvider(
    { anthropic: new AiSdkModelProvider((modelId) => anthropic.languageModel(modelId)) },
    new ScriptedModelProvider([]),
  );
}

interface AnthropicRequestBody {
  model: string;
  system?: { type: string; text: string }[];
  messages: { role: string; content: { type: string; [key: string]: unknown }[] }[];
  tools?: { name: string; input_schema: { properties: Record<string, unknown> } }[];
}

describe('vendor models through the AI SDK adapter', () => {
  it('runs the tool call round on anthropic/claude-sonnet-4-5 through @ai-sdk/anthropic', async () => {
    const server = await startFakeOpenAIServer(inOrder(TOOL_USE, FINAL));
    try {
      const { result, history } = await testEnv().runWorkflow(vendorModel, [QUESTION], {
        workflowsPath,
        modelProvider: workerProvider(server.baseURL),
      });
      assert.equal(result, HAIKU);
      assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY]);

      assert.deepEqual(
        server.requests.map(({ method, path }) => `${method} ${path}`),
        ['POST /v1/messages', 'POST /v1/messages'],
      );
      assert.equal(server.requests[0]?.headers['x-api-key'], 'local-anthropic-key');
      const [first, second] = server.requests.map(({ body }) => body as AnthropicRequestBody);
      assert.equal(first?.model, 'claude-sonnet-4-5', 'the vendor prefix picks the provider and is not sent');
      assert.match(first?.system?.[0]?.text ?? '', /^You only respond in haikus\./);
      assert.deepEqual(first?.messages, [{ role: 'user', content: [{ type: 'text', text: QUESTION }] }]);
      assert.deepEqual(
        first?.tools?.map((tool) => [tool.name, Object.keys(tool.input_schema.properties)]),
        [['get_weather', ['city']]],
      );
      // The tool ran in the workflow; its result goes back as a tool_result block for the model's tool_use.
      assert.deepEqual(
        second?.messages.slice(1).map(({ role, content }) => [role, content.map(({ type }) => type)]),
        [
          ['assistant', ['tool_use']],
          ['user', ['tool_result']],
        ],
      );
      const toolUse = second?.messages[1]?.content[0];
      assert.deepEqual(
        [toolUse?.id, toolUse?.name, toolUse?.input],
        ['toolu_weather', 'get_weather', { city: 'Tokyo' }],
      );
      const toolResult = second?.messages[2]?.content[0];
      assert.equal(toolResult?.tool_use_id, 'toolu_weather');
      assert.match(JSON.stringify(toolResult?.content), /The weather in Tokyo is sunny\./);
    } finally {
      await server.close();
    }
  });

  it('429 with retry-after from the vendor is retried after that delay', async () => {
    const server = await startFakeOpenAIServer(
      inOrder(anthropicError(429, 'rate_limit_error', 'Slow down', { 'retry-after': '1' }), TOOL_USE, FINAL),
    );
    try {
      const { result, history } = await testEnv().runWorkflow(vendorModel, [QUESTION], {
        workflowsPath,
        modelProvider: workerProvider(server.baseURL),
      });
      assert.equal(result, HAIKU);
      assert.equal(server.requests.length, 3, 'one HTTP request per activity attempt: the AI SDK does not retry');
      const started = history.events?.find(
        (event) => event.activityTaskStartedEventAttributes,
      )?.activityTaskStartedEventAttributes;
      assert.equal(started?.attempt, 2);
      assert.equal(started?.lastFailure?.applicationFailureInfo?.type, FailureTypes.rateLimit);
      assert.equal(Number(started?.lastFailure?.applicationFailureInfo?.nextRetryDelay?.seconds), 1);
    } finally {
      await server.close();
    }
  });

  it('401 from the vendor fails the run at once as an authentication error', async () => {
    const server = await startFakeOpenAIServer(
      inOrder(anthropicError(401, 'authentication_error', 'invalid x-api-key')),
    );
    try {
      const { error } = await testEnv().runFailingWorkflow(vendorModel, [QUESTION], {
        workflowsPath,
        modelProvider: workerProvider(server.baseURL),
      });
      assert.equal(server.requests.length, 1);
      assert.ok(error.cause instanceof ActivityFailure);
      assert.ok(error.cause.cause instanceof ApplicationFailure);
      assert.equal(error.cause.cause.type, FailureTypes.authentication);
      assert.equal(error.cause.cause.nonRetryable, true);
    } finally {
      await server.close();
    }
  });

  it('a missing vendor key fails the run at once and names the variable', async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    const server = await startFakeOpenAIServer(inOrder(FINAL));
    try {
      const { error } = await testEnv().runFailingWorkflow(vendorModel, [QUESTION], {
        workflowsPath,
        modelProvider: workerProvider(server.baseURL, null),
      });
      assert.equal(server.requests.length, 0);
      assert.ok(error.cause instanceof ActivityFailure);
      const failure = error.cause.cause;
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(failure.type, FailureTypes.authentication);
      assert.match(failure.message, /ANTHROPIC_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
      await server.close();
    }
  });
});

describe('routing by model name', () => {
  /** A provider that records the names it was asked for. */
  function recording(): ModelProvider & { asked: (string | undefined)[] } {
    const asked: (string | undefined)[] = [];
    return {
      asked,
      getModel: (name) => {
        asked.push(name);
        return new ScriptedModelProvider([textResponse('')]).getModel(name);
      },
    };
  }

  it('sends vendor/model to that vendor without the prefix, and everything else to the endpoint unchanged', async () => {
    const anthropic = recording();
    const endpoint = recording();
    const provider = new VendorRoutingModelProvider({ anthropic }, endpoint);
    for (const name of [
      'anthropic/claude-sonnet-4-5',
      'gpt-oss:20b',
      undefined,
      'together_ai/llama',
      'constructor/x',
    ]) {
      await provider.getModel(name);
    }
    assert.deepEqual(anthropic.asked, ['claude-sonnet-4-5']);
    assert.deepEqual(endpoint.asked, ['gpt-oss:20b', undefined, 'together_ai/llama', 'constructor/x']);
  });

  it('refuses OpenAI’s hosted tools with a clear error: other vendors get function tools only', () => {
    const request = {
      input: 'hi',
      modelSettings: {},
      tools: [{ type: 'hosted_tool', name: 'web_search', providerData: { type: 'web_search' } }],
      handoffs: [],
      outputType: 'text',
      tracing: false,
    } as ModelRequest;
    assert.throws(() => toTools(request), /Tool "web_search" \(hosted_tool\) runs only on OpenAI's Responses API/);
  });
});
