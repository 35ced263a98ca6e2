// Each pattern on a real Temporal dev server, with a scripted model on the worker. The tests check the
// pattern itself (which agents ran, in which order, how many model calls), not only the final text.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  type AgentScript,
  handoffResponse,
  modelCallAgents,
  ScriptedModelProvider,
  scheduledActivityTypes,
  structuredResponse,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
import type { ToolUseMode } from '../src/workflows/forcing-tool-use';
import { HOMEWORK_REFUSAL } from '../src/workflows/input-guardrails';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('agents as tools', () => {
  it('runs each translator as a nested agent whose model calls are activities, then the synthesizer', async () => {
    const model = new ScriptedModelProvider([
      toolCallResponse('translate_to_spanish', { input: 'Good morning' }),
      textResponse('Buenos días'),
      toolCallResponse('translate_to_french', { input: 'Good morning' }),
      textResponse('Bonjour'),
      textResponse('Done: Spanish and French.'),
      textResponse('Spanish: Buenos días\nFrench: Bonjour'),
    ]);
    const { result, history } = await testEnv().runWorkflow(
      agentsAsTools,
      ["Please translate 'Good morning' to Spanish and French"],
      { workflowsPath, modelProvider: model },
    );
    assert.equal(result, 'Spanish: Buenos días\nFrench: Bonjour');

    // Every model call, the translators' included, is its own activity in the history.
    assert.deepEqual(scheduledActivityTypes(history), Array(6).fill(INVOKE_MODEL_ACTIVITY));
    assert.deepEqual(modelCallAgents(history), [
      'Orchestrator',
      'Spanish agent',
      'Orchestrator',
      'French agent',
      'Orchestrator',
      'Synthesizer',
    ]);
    assert.deepEqual(
      model.calls[0]?.request.tools.map((tool) => tool.name),
      ['translate_to_spanish', 'translate_to_french', 'translate_to_italian'],
    );
    // The translator gets the tool's argument as its input, not the whole conversation.
    assert.deepEqual(model.calls[1]?.request.input, [{ type: 'message', role: 'user', content: 'Good morning' }]);
    // The synthesizer sees the orchestrator's conversation, translations included.
    const synthesizerInput = JSON.stringify(model.calls[5]?.request.input);
    assert.match(synthesizerInput, /Buenos días/);
    assert.match(synthesizerInput, /Bonjour/);
  });
});

describe('deterministic', () => {
  it('stops after the check when the outline is not science fiction: no story call', async () => {
    const model = new ScriptedModelProvider([
      textResponse('A baker opens a shop.'),
      structuredResponse({ goodQuality: true, isScifi: false }),
    ]);
    const { result, history } = await testEnv().runWorkflow(deterministic, ['Write a story about bread'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Story generation stopped: the outline is not science fiction.');
    assert.deepEqual(modelCallAgents(history), ['Story outliner', 'Outline checker']);
    // The checker judged the outline, and asked for structured output.
    assert.match(JSON.stringify(model.calls[1]?.request.input), /A baker opens a shop/);
    assert.notEqual(model.calls[1]?.request.outputType, 'text');
  });

  it('stops after the check when the outline is poor', async () => {
    const model = new ScriptedModelProvider([
      textResponse('Time.'),
      structuredResponse({ goodQuality: false, isScifi: true }),
    ]);
    const { result, history } = await testEnv().runWorkflow(deterministic, ['Write a story'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Story generation stopped: the outline is not good enough.');
    assert.equal(modelCallAgents(history).length, 2);
  });

  it('writes the story from the outline when the check passes', async () => {
    const model = new ScriptedModelProvider([
      textResponse('A physicist loops back one hour.'),
      structuredResponse({ goodQuality: true, isScifi: true }),
      textResponse('The clock struck twice.'),
    ]);
    const { result, history } = await testEnv().runWorkflow(deterministic, ['Time travel, please'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Final story: The clock struck twice.');
    assert.deepEqual(modelCallAgents(history), ['Story outliner', 'Outline checker', 'Story writer']);
    assert.match(JSON.stringify(model.calls[2]?.request.input), /A physicist loops back one hour/);
  });
});

describe('forcing tool use', () => {
  const prompt = 'How warm is it in Oslo?';
  const weatherCall = () => toolCallResponse('get_weather', { city: 'Oslo' });

  it('default: the model sees the tool result and answers (two model calls)', async () => {
    const model = new ScriptedModelProvider([weatherCall(), textResponse('Oslo: 14-20C, sunny.')]);
    const { result, history } = await testEnv().runWorkflow(forcingToolUse, [prompt, 'default'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Oslo: 14-20C, sunny.');
    assert.equal(modelCallAgents(history).length, 2);
    assert.equal(model.calls[0]?.request.modelSettings.toolChoice, undefined);
    // The workflow asks the question it was given.
    assert.match(JSON.stringify(model.calls[0]?.request.input), /How warm is it in Oslo\?/);
    assert.match(JSON.stringify(model.calls[1]?.request.input), /14-20C/);
  });

  it('first_tool: the tool result is the final output (one model call, tool use required)', async () => {
    const model = new ScriptedModelProvider([weatherCall()]);
    const { result, history } = await testEnv().runWorkflow(forcingToolUse, [prompt, 'first_tool'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(JSON.parse(result), { city: 'Oslo', temperatureRange: '14-20C', conditions: 'Sunny with wind' });
    assert.equal(modelCallAgents(history).length, 1);
    assert.equal(model.calls[0]?.request.modelSettings.toolChoice, 'required');
    assert.match(JSON.stringify(model.calls[0]?.request.input), /How warm is it in Oslo\?/);
  });

  it('custom: a function turns the tool result into the final output (one model call)', async () => {
    const model = new ScriptedModelProvider([weatherCall()]);
    const { result, history } = await testEnv().runWorkflow(forcingToolUse, [prompt, 'custom'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Oslo is Sunny with wind.');
    assert.equal(modelCallAgents(history).length, 1);
    assert.equal(model.calls[0]?.request.modelSettings.toolChoice, 'required');
  });

  it('an unknown mode fails the workflow at once with a clear, non-retryable error', async () => {
    const model = new ScriptedModelProvider([]);
    const { error, history } = await testEnv().runFailingWorkflow(forcingToolUse, [prompt, 'sideways' as ToolUseMode], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, 'UnknownToolUseMode');
    assert.equal(error.cause.nonRetryable, true);
    assert.match(error.cause.message, /"sideways".*default, first_tool, custom/);
    assert.equal(model.calls.length, 0);
    assert.equal(modelCallAgents(history).length, 0);
  });
});

describe('input guardrails', () => {
  it('a tripwire becomes the refusal in the workflow result; the support agent never runs', async () => {
    const model = new ScriptedModelProvider([
      structuredResponse({ reasoning: 'Solving for x is homework.', isMathHomework: true }),
    ]);
    const { result, history } = await testEnv().runWorkflow(inputGuardrails, ['Solve for x: 2x + 5 = 11'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, HOMEWORK_REFUSAL);
    // The guardrail's own agent ran as a model activity; nothing else did.
    assert.deepEqual(modelCallAgents(history), ['Homework checker']);
    assert.match(JSON.stringify(model.calls[0]?.request.input), /Solve for x/);
    const completed = history.events?.at(-1)?.workflowExecutionCompletedEventAttributes;
    assert.ok(completed, 'the workflow completed rather than failed');
  });

  it('a question that passes the check reaches the support agent after the guardrail', async () => {
    const model = new ScriptedModelProvider([
      structuredResponse({ reasoning: 'A geography question.', isMathHomework: false }),
      textResponse('Sacramento.'),
    ]);
    const { result, history } = await testEnv().runWorkflow(inputGuardrails, ["What's the capital of California?"], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Sacramento.');
    assert.deepEqual(modelCallAgents(history), ['Homework checker', 'Customer support agent']);
  });
});

describe('output guardrails', () => {
  it('a tripwire on the structured output reaches the workflow result with the guardrail’s report', async () => {
    const model = new ScriptedModelProvider([
      structuredResponse({
        reasoning: 'The 650 area code is in California.',
        response: 'You live in California.',
        userName: null,
      }),
    ]);
    const { result, history } = await testEnv().runWorkflow(
      outputGuardrails,
      ['My phone number is 650-123-4567. Where do I live?'],
      { workflowsPath, modelProvider: model },
    );
    assert.match(result, /guardrail tripped/);
    assert.match(result, /\{"inResponse":false,"inReasoning":true\}/);
    assert.equal(modelCallAgents(history).length, 1);
    assert.ok(history.events?.at(-1)?.workflowExecutionCompletedEventAttributes);
  });

  it('a clean answer passes and the workflow returns its response field', async () => {
    const model = new ScriptedModelProvider([
      structuredResponse({ reasoning: 'Well known.', response: 'Sacramento.', userName: null }),
    ]);
    const { result } = await testEnv().runWorkflow(outputGuardrails, ["What's the capital of California?"], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Sacramento.');
    assert.notEqual(model.calls[0]?.request.outputType, 'text');
  });
});

describe('LLM as a judge', () => {
  /** The generator numbers its drafts by its turn; the judge scores round n with `score(n)`. */
  const judgeScript = (score: (round: number) => 'pass' | 'needs_improvement'): AgentScript => ({
    'Outline generator': (_request, { agentTurn }) => textResponse(`Outline v${agentTurn + 1}`),
    'Outline judge': (_request, { agentTurn }) =>
      structuredResponse({ feedback: `Improve draft ${agentTurn + 1}`, score: score(agentTurn + 1) }),
  });

  it('stops at the default cap of 5 rounds when the judge never passes', async () => {
    const model = new ScriptedModelProvider(judgeScript(() => 'needs_improvement'));
    const { result, history } = await testEnv().runWorkflow(llmAsAJudge, ['Pirates and treasure'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(result, { outline: 'Outline v5', rounds: 5, passed: false });
    assert.deepEqual(modelCallAgents(history), Array(5).fill(['Outline generator', 'Outline judge']).flat());
    // The last draft was written with every earlier judgement in view.
    assert.deepEqual(
      JSON.stringify(model.calls[8]?.request.input).match(/Feedback: Improve draft \d/g),
      [1, 2, 3, 4].map((round) => `Feedback: Improve draft ${round}`),
    );
  });

  it('stops as soon as the judge passes, feeding each round’s feedback back to the generator', async () => {
    const model = new ScriptedModelProvider(judgeScript((round) => (round === 2 ? 'pass' : 'needs_improvement')));
    const { result, history } = await testEnv().runWorkflow(llmAsAJudge, ['Pirates and treasure', 3], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(result, { outline: 'Outline v2', rounds: 2, passed: true });
    assert.equal(modelCallAgents(history).length, 4);
    // The second draft was written with the first judgement in view.
    assert.match(JSON.stringify(model.calls[2]?.request.input), /Outline v1.*Feedback: Improve draft 1/);
  });

  it('rejects a cap below 1 before any model call', async () => {
    const model = new ScriptedModelProvider([]);
    const { error } = await testEnv().runFailingWorkflow(llmAsAJudge, ['Pirates', 0], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, 'InvalidArgument');
    assert.equal(model.calls.length, 0);
  });
});

describe('parallelization', () => {
  it('the three translation runs are in flight together, then the picker sees all three', async () => {
    const model = new ScriptedModelProvider({
      'Spanish translator': (_request, { agentTurn }) => textResponse(`Traducción ${agentTurn}`),
      'Translation picker': textResponse('Traducción 2'),
    });
    const { result, history } = await testEnv().runWorkflow(parallelization, ['Hello, world!'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'Best translation: Traducción 2');
    assert.deepEqual(modelCallAgents(history), [
      'Spanish translator',
      'Spanish translator',
      'Spanish translator',
      'Translation picker',
    ]);

    // All three translations are scheduled before the first of them completes.
    const events = history.events ?? [];
    const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes).slice(0, 3);
    const scheduledIds = new Set(scheduled.map((e) => Number(e.eventId)));
    const firstCompleted = events.find((e) =>
      scheduledIds.has(Number(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? -1)),
    );
    assert.ok(firstCompleted, 'a translation completed');
    for (const event of scheduled) assert.ok(Number(event.eventId) < Number(firstCompleted.eventId));

    const pickerInput = JSON.stringify(model.calls[3]?.request.input);
    for (const translation of ['Traducción 0', 'Traducción 1', 'Traducción 2'])
      assert.match(pickerInput, new RegExp(translation));
  });
});

describe('routing', () => {
  it('the triage agent hands off to the agent for the request’s language', async () => {
    const model = new ScriptedModelProvider([handoffResponse('French agent'), textResponse('Très bien, merci !')]);
    const { result, history } = await testEnv().runWorkflow(routing, ['Bonjour ! Comment allez-vous ?'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(result, { agent: 'French agent', response: 'Très bien, merci !' });
    assert.deepEqual(
      model.calls[0]?.request.handoffs.map((handoff) => handoff.toolName),
      ['transfer_to_French_agent', 'transfer_to_Spanish_agent', 'transfer_to_English_agent'],
    );
    assert.equal(model.calls[1]?.request.systemInstructions, 'You only speak French.');
    assert.deepEqual(modelCallAgents(history), ['Triage agent', 'French agent']);
  });
});
