// Bad input gets a clear error and loses nothing.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import {
  items,
  modelResponse,
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import * as activities from './failing-activity.js';

const workflowsPath = fileURLToPath(new URL('../workflows/agents.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

async function run(workflowType: string, args: unknown[], model: ScriptedModelProvider) {
  const workflowId = `${workflowType}-${Math.random().toString(36).slice(2)}`;
  const outcome = await testEnv()
    .withWorker({ workflowsPath, modelProvider: model, activities }, (taskQueue) =>
      testEnv().client.workflow.execute(workflowType, { taskQueue, workflowId, args }),
    )
    .then(
      (result) => ({ result: result as string, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
  const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  return { ...outcome, history };
}

function workflowFailure(error: unknown): ApplicationFailure {
  assert.ok(error instanceof WorkflowFailedError, `expected a failed workflow, got ${error}`);
  assert.ok(error.cause instanceof ApplicationFailure, `expected an ApplicationFailure, got ${error.cause}`);
  return error.cause;
}

describe('bad prompts fail the workflow at once, before any model call', () => {
  for (const [label, input, problem] of [
    ['an empty prompt', '', /is an empty string/],
    ['a blank prompt', '   ', /is an empty string/],
    ['a number', 42, /a value of type number/],
    ['null', null, /is null/],
    ['an empty list of items', [], /empty list of input items/],
  ] as const) {
    it(label, async () => {
      const model = new ScriptedModelProvider([textResponse('never')]);
      const { error, history } = await run('badPrompt', [input], model);
      const failure = workflowFailure(error);
      assert.equal(failure.type, FailureTypes.invalidInput);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, problem);
      assert.match(failure.message, /agent "Careful"/);
      assert.match(failure.message, /Pass a non-empty prompt/);
      assert.equal(model.calls.length, 0);
      assert.deepEqual(scheduledActivityTypes(history), []);
    });
  }
});

describe('tool trouble goes back to the model, and the run goes on', () => {
  it('invalid JSON arguments from the model: the model is told and can correct itself', async () => {
    const model = new ScriptedModelProvider([
      modelResponse(items.rawToolCall('echo', '{"text": "unterminated', 'call_bad')),
      toolCallResponse('echo', { text: 'fixed' }, 'call_good'),
      textResponse('echoed: fixed'),
    ]);
    const { result } = await run('toolTrouble', ['Echo something'], model);
    assert.equal(result, 'echoed: fixed');
    const secondInput = model.calls[1]?.request.input;
    assert.ok(Array.isArray(secondInput));
    const badResult = secondInput.find((item) => item.type === 'function_call_result' && item.callId === 'call_bad');
    assert.ok(badResult, 'the bad call got a result the model can read');
    assert.match(JSON.stringify(badResult), /JSON/i, 'the model learns its arguments were not valid JSON');
  });

  it('a tool activity that keeps failing: the error reaches the model after the tool’s retries', async () => {
    const model = new ScriptedModelProvider([
      toolCallResponse('flakyService', { query: 'weather' }, 'call_service'),
      textResponse('The service is down; try later.'),
    ]);
    const { result, history } = await run('toolTrouble', ['Search for the weather'], model);
    assert.equal(result, 'The service is down; try later.');
    const toolResult = JSON.stringify(model.calls[1]?.request.input);
    assert.match(toolResult, /The flakyService tool failed: the search service is down \(query: weather\)/);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, 'flakyService', INVOKE_MODEL_ACTIVITY]);
    const started = history.events?.find((e) => e.activityTaskStartedEventAttributes?.attempt === 2);
    assert.ok(started, 'the tool activity was attempted twice, as its retry policy says');
  });
});

describe('payload size', () => {
  it('a model request over 2 MB is caught in the workflow with a message that names the limit', async () => {
    const model = new ScriptedModelProvider([textResponse('never')]);
    const { error, history } = await run('hugePrompt', [2_500_000], model);
    const failure = workflowFailure(error);
    assert.equal(failure.type, FailureTypes.payloadTooLarge);
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /2 MB/);
    assert.match(failure.message, /agent "Reader"/);
    assert.equal(model.calls.length, 0);
    assert.deepEqual(scheduledActivityTypes(history), []);
  });

  it('a request just under the limit goes through', async () => {
    const model = new ScriptedModelProvider([textResponse('summarised')]);
    const { result } = await run('hugePrompt', [1_500_000], model);
    assert.equal(result, 'summarised');
  });
});
