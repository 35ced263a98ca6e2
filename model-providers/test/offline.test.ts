// Both samples with the folder's offline answers, routed as the worker routes them when it cannot reach
// a model: no server at the chat-completions endpoint, no vendor API key.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import { VendorRoutingModelProvider } from '../src/providers/vendor-routing';
import { gptOss, vendorModel } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const offline = offlineModelProvider(offlineAnswers);
const offlineWorker = { workflowsPath, modelProvider: new VendorRoutingModelProvider({ anthropic: offline }, offline) };

describe('offline model (the worker that reaches no model)', () => {
  it('gpt-oss: calls the weather tool, then answers with a haiku about its result', async () => {
    const { result } = await testEnv().runWorkflow(gptOss, ["What's the weather in Tokyo?"], offlineWorker);
    assert.match(result, /^Sun over Tokyo,/);
    assert.match(result, /standing in for the endpoint’s default model\)$/);
    assert.ok(offline.calls.some(({ request }) => request.tools.some((tool) => tool.name === 'get_weather')));
  });

  it('vendor model: the vendor prefix is routed away and the model id reaches the stand-in', async () => {
    const { result } = await testEnv().runWorkflow(vendorModel, ["What's the weather in Paris?"], offlineWorker);
    assert.match(result, /^Sun over Paris,/);
    assert.match(result, /standing in for claude-sonnet-4-5\)$/);
  });
});
