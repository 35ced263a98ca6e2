// Every pattern once with the folder's offline answers and the launchers' inputs: what the worker does
// without OPENAI_API_KEY. A change that breaks an offline run, or the pattern it shows, fails here.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { modelCallAgents, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import * as workflows from '../src/workflows';
import { HOMEWORK_REFUSAL } from '../src/workflows/input-guardrails';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
// One offline model for every run, as the worker has.
const offlineWorker = { workflowsPath, modelProvider: offlineModelProvider(offlineAnswers) };

describe('offline model (the worker without OPENAI_API_KEY)', () => {
  it('agents as tools: translates through both tools, then synthesizes', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.agentsAsTools,
      ["Please translate 'Good morning, how are you?' to Spanish and French"],
      offlineWorker,
    );
    assert.match(result, /^spanish: Buenos días, ¿cómo estás\?\nfrench: Bonjour, comment allez-vous \?\n/);
    assert.deepEqual(modelCallAgents(history), [
      'Orchestrator',
      'Spanish agent',
      'Orchestrator',
      'French agent',
      'Orchestrator',
      'Synthesizer',
    ]);
  });

  it('deterministic: the time-travel outline passes the gate and becomes a story', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.deterministic,
      ['Write a science fiction story about time travel'],
      offlineWorker,
    );
    assert.match(result, /^Final story: A short story after the outline "Write a science fiction story about time/);
    assert.deepEqual(modelCallAgents(history), ['Story outliner', 'Outline checker', 'Story writer']);
  });

  for (const [mode, expected, modelCalls] of [
    ['default', /^In Tokyo it is 14-20C and sunny with wind\. \(offline model\)$/, 2],
    ['first_tool', /"temperatureRange":"14-20C"/, 1],
    ['custom', /^Tokyo is Sunny with wind\.$/, 1],
  ] as const) {
    it(`forcing tool use (${mode}): ${modelCalls} model call(s)`, async () => {
      const { result, history } = await testEnv().runWorkflow(
        workflows.forcingToolUse,
        ["What's the weather in Tokyo?", mode],
        offlineWorker,
      );
      assert.match(result, expected);
      assert.deepEqual(modelCallAgents(history), Array(modelCalls).fill('Weather agent'));
    });
  }

  it('input guardrails: one question passes, the homework trips the guardrail', async () => {
    const passing = await testEnv().runWorkflow(
      workflows.inputGuardrails,
      ["What's the capital of California?"],
      offlineWorker,
    );
    assert.match(passing.result, /Sacramento/);
    assert.deepEqual(modelCallAgents(passing.history), ['Homework checker', 'Customer support agent']);
    const tripping = await testEnv().runWorkflow(
      workflows.inputGuardrails,
      ['Can you help me solve for x: 2x + 5 = 11?'],
      offlineWorker,
    );
    assert.equal(tripping.result, HOMEWORK_REFUSAL);
    assert.deepEqual(modelCallAgents(tripping.history), ['Homework checker']);
  });

  it('output guardrails: one answer passes, the phone number trips the guardrail', async () => {
    const passing = await testEnv().runWorkflow(
      workflows.outputGuardrails,
      ["What's the capital of California?"],
      offlineWorker,
    );
    assert.match(passing.result, /Sacramento/);
    const tripping = await testEnv().runWorkflow(
      workflows.outputGuardrails,
      ['My phone number is 650-123-4567. Where do you think I live?'],
      offlineWorker,
    );
    assert.match(tripping.result, /guardrail tripped.*"inResponse":true/);
    assert.deepEqual(modelCallAgents(tripping.history), ['Assistant']);
  });

  it('LLM as a judge: the judge passes the third draft', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.llmAsAJudge,
      ['A thrilling adventure story about pirates searching for treasure', 5],
      offlineWorker,
    );
    assert.equal(result.passed, true);
    assert.equal(result.rounds, 3);
    assert.match(result.outline, /^Draft 3: A thrilling adventure story/);
    assert.deepEqual(modelCallAgents(history), Array(3).fill(['Outline generator', 'Outline judge']).flat());
  });

  it('parallelization: three translations, then the picker chooses one', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.parallelization,
      ['Hello, world! How are you today?'],
      offlineWorker,
    );
    assert.match(result, /^Best translation: ¡Hola, mundo! ¿Cómo estás hoy\?/);
    assert.deepEqual(modelCallAgents(history), [
      'Spanish translator',
      'Spanish translator',
      'Spanish translator',
      'Translation picker',
    ]);
  });

  it('routing: the French request lands on the French agent', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.routing,
      ["Bonjour! Comment allez-vous aujourd'hui?"],
      offlineWorker,
    );
    assert.equal(result.agent, 'French agent');
    assert.match(result.response, /merci/);
    assert.deepEqual(modelCallAgents(history), ['Triage agent', 'French agent']);
  });
});
