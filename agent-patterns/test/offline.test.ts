// Every sample once through the offline responder, with the launchers' inputs: what the worker does
// without OPENAI_API_KEY.
import assert from 'node:assert/strict';
import { modelCallAgents, ScriptedModelProvider, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineResponses } from '../src/offline-responses';
import {
  agentsAsTools,
  deterministic,
  forcingToolUse,
  inputGuardrails,
  llmAsAJudge,
  outputGuardrails,
  parallelization,
  routing,
} from '../src/workflows';
import { HOMEWORK_REFUSAL } from '../src/workflows/input-guardrails';
import { execute } from './helpers';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const offline = () => new ScriptedModelProvider(offlineResponses);

describe('offline model (the worker without OPENAI_API_KEY)', () => {
  it('agents as tools: translates through both tools, then synthesizes', async () => {
    const { result, history } = await execute(
      testEnv(),
      agentsAsTools,
      ["Please translate 'Good morning, how are you?' to Spanish and French"],
      offline(),
    );
    assert.match(result, /spanish: Buenos días, ¿cómo estás\?\nfrench: Bonjour, comment allez-vous \?/);
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
    const { result } = await execute(
      testEnv(),
      deterministic,
      ['Write a science fiction story about time travel'],
      offline(),
    );
    assert.match(result, /^Final story: /);
  });

  for (const [mode, expected] of [
    ['default', /In Tokyo it is 14-20C and sunny with wind/],
    ['first_tool', /"temperatureRange":"14-20C"/],
    ['custom', /^Tokyo is Sunny with wind\.$/],
  ] as const) {
    it(`forcing tool use (${mode})`, async () => {
      const { result } = await execute(testEnv(), forcingToolUse, ["What's the weather in Tokyo?", mode], offline());
      assert.match(result, expected);
    });
  }

  it('input guardrails: one question passes, the homework trips the guardrail', async () => {
    const passing = await execute(testEnv(), inputGuardrails, ["What's the capital of California?"], offline());
    assert.match(passing.result, /Sacramento/);
    const tripping = await execute(
      testEnv(),
      inputGuardrails,
      ['Can you help me solve for x: 2x + 5 = 11?'],
      offline(),
    );
    assert.equal(tripping.result, HOMEWORK_REFUSAL);
  });

  it('output guardrails: one answer passes, the phone number trips the guardrail', async () => {
    const passing = await execute(testEnv(), outputGuardrails, ["What's the capital of California?"], offline());
    assert.match(passing.result, /Sacramento/);
    const tripping = await execute(
      testEnv(),
      outputGuardrails,
      ['My phone number is 650-123-4567. Where do you think I live?'],
      offline(),
    );
    assert.match(tripping.result, /guardrail tripped.*"inResponse":true/);
  });

  it('LLM as a judge: the judge passes the third draft', async () => {
    const { result } = await execute(
      testEnv(),
      llmAsAJudge,
      ['A thrilling adventure story about pirates searching for treasure', 5],
      offline(),
    );
    assert.equal(result.passed, true);
    assert.equal(result.rounds, 3);
    assert.match(result.outline, /^Draft 3: /);
  });

  it('parallelization: picks one of the three translations', async () => {
    const { result } = await execute(testEnv(), parallelization, ['Hello, world! How are you today?'], offline());
    assert.match(result, /^Best translation: ¡Hola, mundo! ¿Cómo estás hoy\?/);
  });

  it('routing: the French request lands on the French agent', async () => {
    const { result } = await execute(testEnv(), routing, ["Bonjour! Comment allez-vous aujourd'hui?"], offline());
    assert.equal(result.agent, 'French agent');
    assert.match(result.response, /merci/);
  });
});
