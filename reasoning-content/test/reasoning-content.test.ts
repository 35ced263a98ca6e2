// The reasoning sample on a real dev server: with a scripted model, with the offline answers, and with
// the plugin's default OpenAI provider against a local Responses API server, so the summary setting is
// checked on the wire.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  items,
  modelResponse,
  reasoningResponse,
  responsesApiText,
  ScriptedModelProvider,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import { NO_SUMMARY, reasoningReport } from '../src/report';
import { reasoningContent } from '../src/workflows';
import { DEFAULT_REASONING_MODEL } from '../src/workflows/reasoning-content';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const PROMPT = 'What is the square root of 841? Please explain your reasoning.';

describe('reasoning content', () => {
  it('asks the default reasoning model for a summary and returns the summary and the answer', async () => {
    const model = new ScriptedModelProvider([reasoningResponse('29 squared is 841.', 'It is 29.')]);
    const { result } = await testEnv().runWorkflow(reasoningContent, [PROMPT], { workflowsPath, modelProvider: model });

    assert.deepEqual(result, {
      prompt: PROMPT,
      model: DEFAULT_REASONING_MODEL,
      summary: ['29 squared is 841.'],
      answer: 'It is 29.',
    });
    assert.equal(model.calls.length, 1);
    assert.equal(model.calls[0]?.modelName, DEFAULT_REASONING_MODEL);
    assert.deepEqual(model.calls[0]?.request.modelSettings.reasoning, { summary: 'auto' });
    assert.match(reasoningReport(result), /Reasoning summary:\n29 squared is 841\.\n\nAnswer:\nIt is 29\.$/);
  });

  it('uses the model the caller names', async () => {
    const model = new ScriptedModelProvider([reasoningResponse('Thinking.', 'Done.')]);
    const { result } = await testEnv().runWorkflow(reasoningContent, [PROMPT, 'o4-mini'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result.model, 'o4-mini');
    assert.equal(model.calls[0]?.modelName, 'o4-mini');
  });

  it('returns an empty summary, and the report says why, when the model sends no summary text', async () => {
    // One run with no reasoning item at all, one with a reasoning item whose summary is empty.
    for (const response of [
      modelResponse(items.text('It is 29.')),
      modelResponse({ type: 'reasoning', content: [] }, items.text('It is 29.')),
    ]) {
      const { result } = await testEnv().runWorkflow(reasoningContent, [PROMPT], {
        workflowsPath,
        modelProvider: new ScriptedModelProvider([response]),
      });
      assert.deepEqual(result.summary, []);
      assert.equal(result.answer, 'It is 29.');
      assert.ok(reasoningReport(result).includes(`Reasoning summary:\n${NO_SUMMARY}\n`));
    }
  });

  it('sends reasoning.summary "auto" to the Responses API and reads the summary from its reasoning item', async () => {
    const body = responsesApiText('The square root of 841 is 29.') as { output: unknown[] };
    body.output.unshift({
      type: 'reasoning',
      id: 'rs_local',
      summary: [
        { type: 'summary_text', text: 'Between 28² and 30².' },
        { type: 'summary_text', text: '29² = 841.' },
      ],
    });
    await withFakeOpenAIServer(
      () => ({ json: body }),
      async (server) => {
        const { result } = await testEnv().runWorkflow(reasoningContent, [PROMPT], { workflowsPath });
        assert.deepEqual(result.summary, ['Between 28² and 30².', '29² = 841.']);
        assert.equal(result.answer, 'The square root of 841 is 29.');

        assert.equal(server.requests.length, 1);
        const request = server.requests[0];
        assert.equal(request?.path, '/v1/responses');
        const sent = request?.body as { model: string; reasoning: unknown; instructions: string };
        assert.equal(sent.model, DEFAULT_REASONING_MODEL);
        assert.deepEqual(sent.reasoning, { summary: 'auto' });
        assert.equal(sent.instructions, 'You are a helpful assistant that explains your reasoning step by step.');
      },
    );
  });
});

describe('offline answers (the worker without OPENAI_API_KEY)', () => {
  const offline = { workflowsPath, modelProvider: offlineModelProvider(offlineAnswers) };

  it('answers the launcher’s first two prompts with a summary, and the haiku without one', async () => {
    const root = await testEnv().runWorkflow(reasoningContent, [PROMPT], offline);
    assert.match(root.result.summary.join(' '), /29² = 841/);
    assert.match(root.result.answer, /^The square root of 841 is 29/);

    const recursion = await testEnv().runWorkflow(
      reasoningContent,
      ['Explain the concept of recursion in programming'],
      offline,
    );
    assert.equal(recursion.result.summary.length, 1);

    const haiku = await testEnv().runWorkflow(
      reasoningContent,
      ['Write a haiku about recursion in programming'],
      offline,
    );
    assert.deepEqual(haiku.result.summary, []);
    assert.equal(haiku.result.answer.split('\n').length, 4, 'three lines of haiku and the offline mark');
  });
});
