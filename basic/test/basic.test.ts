import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as activities from '../src/activities/get-weather';
import { helloWorld, tools } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('hello world', () => {
  it('returns the haiku from one model activity, and the history replays', async () => {
    const haiku = 'Code calls itself\nuntil the base case answers\nthen the stack unwinds';
    const model = new ScriptedModelProvider([textResponse(haiku)]);
    const { result, history } = await testEnv().runWorkflow(helloWorld, ['Tell me about recursion in programming.'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.equal(result, haiku);
    assert.equal(model.calls.length, 1);
    assert.equal(model.calls[0]?.request.systemInstructions, 'You only respond in haikus.');
    assert.deepEqual(model.calls[0]?.request.input, [
      {
        type: 'message',
        role: 'user',
        content: 'Tell me about recursion in programming.',
      },
    ]);

    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY]);
    const scheduled = history.events?.find((e) => e.activityTaskScheduledEventAttributes);
    assert.ok(scheduled?.userMetadata?.summary, 'the model activity carries a summary');
  });
});

describe('tools', () => {
  it('runs getWeather as an activity between two model calls, and the history replays', async () => {
    const model = new ScriptedModelProvider([
      toolCallResponse('get_weather', { city: 'Tokio' }, 'call_weather'),
      textResponse('It is sunny and windy in Tokio, 14-20C.'),
    ]);
    const { result, history } = await testEnv().runWorkflow(tools, ['What is the weather in Tokio?'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.equal(result, 'It is sunny and windy in Tokio, 14-20C.');

    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, 'getWeather', INVOKE_MODEL_ACTIVITY]);

    // The tool's schema reached the model, and the activity's result reached the second call.
    assert.equal(model.calls[0]?.request.tools[0]?.name, 'get_weather');
    const secondInput = model.calls[1]?.request.input;
    assert.ok(Array.isArray(secondInput));
    const toolResult = secondInput.find((item) => item.type === 'function_call_result');
    assert.ok(toolResult && toolResult.type === 'function_call_result');
    assert.equal(toolResult.callId, 'call_weather');
    assert.match(JSON.stringify(toolResult.output), /14-20C/);
  });
});

describe('real OpenAI provider without an API key', () => {
  it('fails the workflow at once with a typed, non-retryable authentication error', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const { error } = await testEnv().runFailingWorkflow(helloWorld, ['Hi'], { workflowsPath, activities });
      assert.ok(error.cause instanceof ActivityFailure, `expected an activity failure, got ${error.cause}`);
      const failure = error.cause.cause;
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(failure.type, FailureTypes.authentication);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /OPENAI_API_KEY is not set/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});
