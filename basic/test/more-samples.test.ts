// The seven samples after hello world and tools: each test checks the pattern its sample shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  type AgentScript,
  handoffResponse,
  ScriptedModelProvider,
  scheduledActivityTypes,
  structuredResponse,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { toolOutput } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as activities from '../src/activities';
import {
  agentLifecycle,
  dynamicSystemPrompt,
  lifecycle,
  localImage,
  nonStrictOutput,
  previousResponseId,
  remoteImage,
} from '../src/workflows';
import { INSTRUCTIONS_BY_STYLE, STYLES, type Style } from '../src/workflows/dynamic-system-prompt';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/**
 * The lifecycle samples' model: Start Agent draws a number, then hands off (whatever the number, so
 * every run takes the handoff); Multiply Agent doubles the number and answers with the result.
 */
const handOffAndDouble: AgentScript = {
  'Start Agent': [toolCallResponse('random_number', { max: 50 }), handoffResponse('Multiply Agent')],
  'Multiply Agent': (request, { agentTurn }) =>
    agentTurn === 0
      ? toolCallResponse('multiply_by_two', { x: Number(toolOutput(request, 'random_number')) })
      : structuredResponse({ number: Number(toolOutput(request, 'multiply_by_two')) }),
};

/** The number random_number drew inside the workflow, read from the third model request. */
function drawnNumber(model: ScriptedModelProvider): number {
  const request = model.calls[2]?.request;
  assert.ok(request, 'Multiply Agent made a model call');
  const drawn = Number(toolOutput(request, 'random_number'));
  assert.ok(Number.isInteger(drawn) && drawn >= 0 && drawn <= 50, `drew ${drawn}, not a whole number in 0..50`);
  return drawn;
}

describe('agent lifecycle', () => {
  it('fires each agent’s hooks in order, and the handoff lands on Multiply Agent', async () => {
    const model = new ScriptedModelProvider(handOffAndDouble);
    const { result, history } = await testEnv().runWorkflow(agentLifecycle, [50], {
      workflowsPath,
      activities,
      modelProvider: model,
    });

    const drawn = drawnNumber(model);
    const doubled = drawn * 2;
    assert.deepEqual(result, {
      number: doubled,
      events: [
        'Start Agent: started',
        'Start Agent: started tool random_number',
        `Start Agent: tool random_number returned ${drawn}`,
        'Start Agent: handed off to Multiply Agent',
        'Multiply Agent: started',
        'Multiply Agent: started tool multiply_by_two',
        `Multiply Agent: tool multiply_by_two returned ${doubled}`,
        `Multiply Agent: ended with {"number":${doubled}}`,
      ],
    });
    assert.deepEqual(model.calls[0]?.request.input, [
      { type: 'message', role: 'user', content: 'Generate a random number between 0 and 50.' },
    ]);
    assert.deepEqual(
      model.calls.map((call) => call.request.tools.map((tool) => tool.name)),
      [['random_number'], ['random_number'], ['multiply_by_two'], ['multiply_by_two']],
    );
    assert.equal(
      model.calls[2]?.request.systemInstructions,
      'Multiply the number by 2 and then return the final result.',
    );
    // The function tools ran inside the workflow: the only activities are the four model calls.
    assert.deepEqual(scheduledActivityTypes(history), Array(4).fill(INVOKE_MODEL_ACTIVITY));
  });
});

describe('lifecycle', () => {
  it('fires the runner’s hooks in order while the usage counters grow', async () => {
    const model = new ScriptedModelProvider(handOffAndDouble);
    const { result, history } = await testEnv().runWorkflow(lifecycle, [50], {
      workflowsPath,
      activities,
      modelProvider: model,
    });

    const drawn = drawnNumber(model);
    assert.equal(result.number, drawn * 2);
    assert.deepEqual(
      result.events.map(({ event }) => event),
      [
        'Agent Start Agent started',
        'Tool random_number started',
        `Tool random_number ended with ${drawn}`,
        'Handoff from Start Agent to Multiply Agent',
        'Agent Multiply Agent started',
        'Tool multiply_by_two started',
        `Tool multiply_by_two ended with ${drawn * 2}`,
        `Agent Multiply Agent ended with {"number":${drawn * 2}}`,
      ],
    );
    // Each hook sees the usage of the model calls made so far: none at the start, all four at the end.
    assert.deepEqual(
      result.events.map(({ usage }) => usage.requests),
      [0, 1, 1, 2, 2, 3, 3, 4],
    );
    // Every scripted response reports the same usage, so the counters are that usage times the requests.
    const perCall = textResponse('').usage;
    for (const { usage } of result.events) {
      assert.equal(usage.inputTokens, usage.requests * perCall.inputTokens);
      assert.equal(usage.outputTokens, usage.requests * perCall.outputTokens);
      assert.equal(usage.totalTokens, usage.inputTokens + usage.outputTokens);
    }
    assert.deepEqual(scheduledActivityTypes(history), Array(4).fill(INVOKE_MODEL_ACTIVITY));
  });
});

describe('dynamic system prompt', () => {
  const echoInstructions = new ScriptedModelProvider((request) => textResponse(`[${request.systemInstructions}]`));

  it('builds the system prompt from the run context, so two styles send two prompts', async () => {
    const haiku = await testEnv().runWorkflow(dynamicSystemPrompt, ['Tell me a joke.', 'haiku'], {
      workflowsPath,
      activities,
      modelProvider: echoInstructions,
    });
    const pirate = await testEnv().runWorkflow(dynamicSystemPrompt, ['Tell me a joke.', 'pirate'], {
      workflowsPath,
      activities,
      modelProvider: echoInstructions,
    });

    const [first, second] = echoInstructions.calls.map((call) => call.request.systemInstructions);
    assert.equal(first, 'Only respond in haikus.');
    assert.equal(second, 'Respond as a pirate.');
    assert.notEqual(first, second);
    assert.deepEqual(haiku.result, { style: 'haiku', response: '[Only respond in haikus.]' });
    assert.deepEqual(pirate.result, { style: 'pirate', response: '[Respond as a pirate.]' });
  });

  it('picks a style in the workflow when none is given, and sends that style’s prompt', async () => {
    const { result } = await testEnv().runWorkflow(dynamicSystemPrompt, ['Tell me a joke.'], {
      workflowsPath,
      activities,
      modelProvider: echoInstructions,
    });
    assert.ok(STYLES.includes(result.style), `unknown style ${result.style}`);
    assert.equal(echoInstructions.calls.at(-1)?.request.systemInstructions, INSTRUCTIONS_BY_STYLE[result.style]);
  });

  it('fails at once, without a model call, on an unknown style', async () => {
    const model = new ScriptedModelProvider([]);
    const { error } = await testEnv().runFailingWorkflow(
      dynamicSystemPrompt,
      ['Tell me a joke.', 'limerick' as Style],
      {
        workflowsPath,
        activities,
        modelProvider: model,
      },
    );
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, 'InvalidStyle');
    assert.equal(error.cause.nonRetryable, true);
    assert.equal(model.calls.length, 0);
  });
});

describe('non-strict output', () => {
  it('reports the strict schema’s failure and the non-strict schema’s answer', async () => {
    const jokes = { jokes: { 1: 'First joke.', 2: 'Second joke.', 3: 'Third joke.' } };
    // Plays OpenAI's part: a strict schema whose objects accept unlisted keys is refused with a 400.
    const model = new ScriptedModelProvider((request) => {
      if (typeof request.outputType === 'object' && request.outputType.strict) {
        throw ApplicationFailure.nonRetryable('400 Invalid schema for response_format', FailureTypes.badRequest);
      }
      return structuredResponse(jokes);
    });
    const { result, history } = await testEnv().runWorkflow(nonStrictOutput, ['Tell me 3 short jokes.'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });

    assert.deepEqual(result, {
      strict: { ok: false, error: `${FailureTypes.badRequest}: 400 Invalid schema for response_format` },
      nonStrict: { ok: true, output: { jokes: { '1': 'First joke.', '2': 'Second joke.', '3': 'Third joke.' } } },
    });
    const [strictType, nonStrictType] = model.calls.map((call) => call.request.outputType);
    assert.ok(typeof strictType === 'object' && typeof nonStrictType === 'object');
    assert.equal(strictType.strict, true);
    assert.equal(nonStrictType.strict, false);
    assert.deepEqual(nonStrictType.schema, strictType.schema, 'the same schema both times');
    // The first model activity failed once (non-retryable), and the workflow carried on.
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY]);
    assert.equal(history.events?.filter((event) => event.activityTaskFailedEventAttributes).length, 1);
  });
});

describe('local image', () => {
  const imagePath = 'media/house-on-a-hill.png';
  const imageBase64 = readFileSync(new URL(`../${imagePath}`, import.meta.url)).toString('base64');

  it('reads the image in an activity and sends it to the model as base64 data', async () => {
    const model = new ScriptedModelProvider([textResponse('A red-roofed house on a green hill.')]);
    const { result, history } = await testEnv().runWorkflow(localImage, [imagePath, 'What do you see in this image?'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });

    assert.equal(result, 'A red-roofed house on a green hill.');
    assert.deepEqual(scheduledActivityTypes(history), ['readImageAsBase64', INVOKE_MODEL_ACTIVITY]);
    const completed = history.events?.find((event) => event.activityTaskCompletedEventAttributes);
    const payload = completed?.activityTaskCompletedEventAttributes?.result?.payloads?.[0];
    assert.ok(payload);
    assert.equal(
      defaultPayloadConverter.fromPayload(payload as Parameters<typeof defaultPayloadConverter.fromPayload>[0]),
      imageBase64,
    );
    assert.deepEqual(model.calls[0]?.request.input, [
      {
        role: 'user',
        content: [{ type: 'input_image', image: `data:image/png;base64,${imageBase64}`, detail: 'auto' }],
      },
      { role: 'user', content: 'What do you see in this image?' },
    ]);
  });

  it('refuses to read a file outside the sample folder', async () => {
    const model = new ScriptedModelProvider([]);
    const { error } = await testEnv().runFailingWorkflow(localImage, ['../package.json'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ActivityFailure);
    assert.ok(error.cause.cause instanceof ApplicationFailure);
    assert.equal(error.cause.cause.type, 'InvalidImagePath');
    assert.equal(model.calls.length, 0);
  });
});

describe('remote image', () => {
  it('sends the image URL to the model, with no activity of its own', async () => {
    const url = 'https://upload.wikimedia.org/wikipedia/commons/0/0c/GoldenGateBridge-001.jpg';
    const model = new ScriptedModelProvider([textResponse('The Golden Gate Bridge.')]);
    const { result, history } = await testEnv().runWorkflow(remoteImage, [url, 'What do you see in this image?'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });

    assert.equal(result, 'The Golden Gate Bridge.');
    assert.deepEqual(model.calls[0]?.request.input, [
      { role: 'user', content: [{ type: 'input_image', image: url, detail: 'auto' }] },
      { role: 'user', content: 'What do you see in this image?' },
    ]);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY]);
  });
});

describe('previous response id', () => {
  it('chains the second turn to the first response, sending only the new question', async () => {
    const firstResponse = textResponse('Brazil.');
    const model = new ScriptedModelProvider([firstResponse, textResponse('Brasília.')]);
    const { result, history } = await testEnv().runWorkflow(
      previousResponseId,
      ['What is the largest country in South America?', 'What is the capital of that country?'],
      { workflowsPath, activities, modelProvider: model },
    );

    assert.deepEqual(result, { first: 'Brazil.', second: 'Brasília.' });
    assert.ok(firstResponse.responseId);
    assert.equal(model.calls[0]?.request.previousResponseId, undefined);
    assert.equal(model.calls[1]?.request.previousResponseId, firstResponse.responseId);
    assert.deepEqual(model.calls[1]?.request.input, [
      { type: 'message', role: 'user', content: 'What is the capital of that country?' },
    ]);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY]);
  });
});
