// Bad input gets a clear error and loses nothing.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { WorkflowFailedError } from '@temporalio/client';
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
import type * as workflows from '../workflows/agents.js';
import * as activities from './failing-activity.js';

const workflowsPath = fileURLToPath(new URL('../workflows/agents.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** The workflow's own failure (not an activity's). */
function workflowFailure(error: WorkflowFailedError): ApplicationFailure {
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
      const { error, history } = await testEnv().runFailingWorkflow<typeof workflows.badPrompt>('badPrompt', [input], {
        workflowsPath,
        modelProvider: model,
      });
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

describe('bad input items fail the workflow at once, naming the item and the field', () => {
  for (const [label, input, problem] of [
    ['a list of numbers', [1, 2, 3], /item 0 is the number 1; an input item is an object/],
    ['an unknown role', [{ role: 'robot', content: 'Hi' }], /item 0, field role, is the string "robot"/],
    [
      'a number as an image',
      [
        { role: 'user', content: 'Look:' },
        { role: 'user', content: [{ type: 'input_image', image: 12345 }] },
      ],
      /item 1, field content\[0\]\.image, is the number 12345; an input_image's image is a URL/,
    ],
    ['a misspelt content part', [{ role: 'user', content: [{ type: 'input_txt', text: 'Hi' }] }], /content\[0\]\.type/],
    [
      'content that is neither text nor parts',
      [{ role: 'user', content: 42 }],
      /item 0, field content, is the number 42/,
    ],
  ] as const) {
    it(label, async () => {
      const model = new ScriptedModelProvider([textResponse('never')]);
      const { error, history } = await testEnv().runFailingWorkflow<typeof workflows.badPrompt>('badPrompt', [input], {
        workflowsPath,
        modelProvider: model,
      });
      const failure = workflowFailure(error);
      assert.equal(failure.type, FailureTypes.invalidInput);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /agent "Careful"/);
      assert.match(failure.message, problem);
      assert.doesNotMatch(failure.message, /Cannot use 'in' operator/);
      assert.equal(model.calls.length, 0);
      assert.deepEqual(scheduledActivityTypes(history), []);
    });
  }
});

describe('an image as bytes in run input', () => {
  it('is refused in the workflow, before any model call, saying to pass a data URL', async () => {
    const model = new ScriptedModelProvider([textResponse('never')]);
    const { error, history } = await testEnv().runFailingWorkflow<typeof workflows.binaryImagePrompt>(
      'binaryImagePrompt',
      [],
      { workflowsPath, modelProvider: model },
    );
    const failure = workflowFailure(error);
    assert.equal(failure.type, FailureTypes.invalidInput);
    assert.match(failure.message, /agent "Viewer"/);
    assert.match(failure.message, /item 0, field content\[0\]\.image, is binary data \(a Uint8Array or ArrayBuffer\)/);
    assert.match(failure.message, /data:image\/png;base64,/);
    assert.equal(model.calls.length, 0);
    assert.deepEqual(scheduledActivityTypes(history), []);
  });
});

describe('tool trouble goes back to the model, and the run goes on', () => {
  it('invalid JSON arguments from the model: the model is told and can correct itself', async () => {
    const model = new ScriptedModelProvider([
      modelResponse(items.rawToolCall('echo', '{"text": "unterminated', 'call_bad')),
      toolCallResponse('echo', { text: 'fixed' }, 'call_good'),
      textResponse('echoed: fixed'),
    ]);
    const { result } = await testEnv().runWorkflow<typeof workflows.toolTrouble>('toolTrouble', ['Echo something'], {
      workflowsPath,
      modelProvider: model,
      activities,
    });
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
    const { result, history } = await testEnv().runWorkflow<typeof workflows.toolTrouble>(
      'toolTrouble',
      ['Search for the weather'],
      { workflowsPath, modelProvider: model, activities },
    );
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
    const { error, history } = await testEnv().runFailingWorkflow<typeof workflows.hugePrompt>(
      'hugePrompt',
      [2_500_000],
      {
        workflowsPath,
        modelProvider: model,
      },
    );
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
    const { result } = await testEnv().runWorkflow<typeof workflows.hugePrompt>('hugePrompt', [1_500_000], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'summarised');
  });
});
