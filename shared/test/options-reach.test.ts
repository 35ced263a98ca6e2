// The plugin's options (here modelParams) reach agent runs in child workflows and continue-as-new runs:
// they are part of the worker's workflow bundle, which every run on the worker uses.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { INVOKE_MODEL_ACTIVITY } from '../src/common/names.js';
import { ScriptedModelProvider, textResponse, useAgentsTestEnvironment } from '../src/testing/index.js';
import { continuesOnce, parentWithChild } from './workflows/options-reach.js';

const workflowsPath = fileURLToPath(new URL('./workflows/options-reach.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const modelParams = { startToCloseTimeout: '17s', summary: 'helper call' };
const worker = () => ({
  workflowsPath,
  modelParams,
  modelProvider: new ScriptedModelProvider({ Helper: () => textResponse('ok') }),
});

/** The start-to-close timeout (s) and summary of each model activity in a history. */
function modelActivityOptions(history: History): Array<[number, string]> {
  return (history.events ?? []).flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== INVOKE_MODEL_ACTIVITY) return [];
    const summary = event.userMetadata?.summary?.data;
    return [[Number(scheduled.startToCloseTimeout?.seconds ?? 0), Buffer.from(summary ?? []).toString()]];
  });
}

describe('plugin options in child workflows and continue-as-new runs', () => {
  it('a child workflow’s model calls use the plugin’s modelParams', async () => {
    const { result, history } = await testEnv().runWorkflow(parentWithChild, ['hello'], worker());
    assert.equal(result, 'ok');
    const child = history.events?.find((event) => event.childWorkflowExecutionStartedEventAttributes)
      ?.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
    assert.ok(child?.workflowId);
    const childHistory = await testEnv()
      .client.workflow.getHandle(child.workflowId, child.runId ?? undefined)
      .fetchHistory();
    assert.deepEqual(modelActivityOptions(childHistory), [[17, '"helper call"']]);
  });

  it('a continue-as-new run’s model calls use them too', async () => {
    const { result, workflowId, history } = await testEnv().runWorkflow(continuesOnce, ['hello'], worker());
    assert.equal(result, 'ok');
    const firstRunId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId;
    assert.ok(firstRunId);
    const firstRun = await testEnv().client.workflow.getHandle(workflowId, firstRunId).fetchHistory();
    assert.deepEqual(modelActivityOptions(firstRun), [[17, '"helper call"']]);
    assert.deepEqual(modelActivityOptions(history), [[17, '"helper call"']], 'the last run');
    assert.notEqual(history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId, undefined);
  });
});
