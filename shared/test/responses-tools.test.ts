// The Responses API's newer tools (tool search with a deferred function, hosted shell, apply_patch)
// pass through the model activity unchanged: the tools of the HTTP request a workflow's model call
// sends equal those of the same agent run directly, through the same real `openai` client.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Runner } from '@openai/agents-core';
import { OpenAIProvider } from '@openai/agents-openai';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  repliesInOrder,
  responsesApiText,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from '../src/testing/index.js';
import { newerTools, newerToolsAgent } from './workflows/responses-tools.js';

const workflowsPath = fileURLToPath(new URL('./workflows/responses-tools.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

type RequestBody = { tools?: Array<{ type: string }> };

describe('newer Responses API tools through the model activity', () => {
  it('tool search, a deferred function, hosted shell and apply_patch reach OpenAI as they do without Temporal', async () => {
    const reply = repliesInOrder({ json: responsesApiText('done') });
    const direct = await withFakeOpenAIServer(reply, async (server) => {
      const runner = new Runner({ modelProvider: new OpenAIProvider({ baseURL: server.baseURL, apiKey: 'sk-test' }) });
      await runner.run(newerToolsAgent(), 'Find order 42.');
      return server.requests.map((request) => (request.body as RequestBody).tools);
    });
    const inWorkflow = await withFakeOpenAIServer(reply, async (server) => {
      const { result } = await testEnv().runWorkflow(newerTools, ['Find order 42.'], { workflowsPath });
      assert.equal(result, 'done');
      return server.requests.map((request) => (request.body as RequestBody).tools);
    });
    assert.equal(direct.length, 1);
    assert.deepEqual(inWorkflow, direct);
    assert.deepEqual(
      direct[0]?.map((tool) => tool.type),
      ['tool_search', 'function', 'shell', 'apply_patch'],
    );
    const deferred = direct[0]?.[1] as { defer_loading?: boolean } | undefined;
    assert.equal(deferred?.defer_loading, true);
  });
});
