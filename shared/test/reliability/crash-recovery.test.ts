// Crash recovery: a worker process is killed with SIGKILL in the middle of a multi-step agent run; a new
// worker process finishes it with the same result, and no model call that had finished runs again.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import { scheduledActivityTypes, useAgentsTestEnvironment } from '../../src/testing/index.js';
import { EXPECTED_RESULT } from './scripted-steps.js';
import {
  type CallLogLine,
  newCallLog,
  readCallLog,
  startWorkerProcess,
  until,
  writeBundle,
} from './worker-processes.js';

const workflowsPath = fileURLToPath(new URL('../workflows/multi-step.ts', import.meta.url));
const modelParams = { startToCloseTimeout: '4s' };
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** Runs the workflow; kills the first worker once it is stuck in the blocked call, then starts a second. */
async function runWithKill(block: { BLOCK_STEP: string } | { BLOCK_TOOL: string }) {
  const callLog = newCallLog('crash-');
  const common = {
    TEMPORAL_ADDRESS: testEnv().env.address,
    TASK_QUEUE: `crash-${Math.random().toString(36).slice(2)}`,
    BUNDLE_PATH: writeBundle((await testEnv().bundle(workflowsPath, modelParams)).code),
    CALL_LOG: callLog,
  };
  const workflowId = `crash-${Object.values(block)[0]}-${Date.now()}`;
  const first = await startWorkerProcess({ ...common, ...block });
  const handle = await testEnv().client.workflow.start('multiStep', {
    taskQueue: common.TASK_QUEUE,
    workflowId,
    args: ['Look up a and b'],
  });
  // The first worker hangs at the blocked call; kill it there.
  const blockedCall = (line: CallLogLine) =>
    'BLOCK_STEP' in block
      ? line.kind === 'model-start' && line.step === Number(block.BLOCK_STEP)
      : line.kind === 'tool' && line.key === block.BLOCK_TOOL;
  await until(() => readCallLog(callLog).some(blockedCall), 'the blocked call');
  first.kill('SIGKILL');
  await once(first, 'exit');

  const second = await startWorkerProcess(common);
  try {
    const result = await handle.result();
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId, modelParams);
    return { result, history, log: readCallLog(callLog), firstPid: first.pid, secondPid: second.pid };
  } finally {
    second.kill('SIGKILL');
    await once(second, 'exit');
  }
}

function assertNoFinishedModelCallRanAgain(run: Awaited<ReturnType<typeof runWithKill>>): void {
  const finishedBeforeKill = run.log
    .filter((line) => line.pid === run.firstPid && line.kind === 'model-end')
    .map((line) => line.step);
  const startedAfterKill = run.log
    .filter((line) => line.pid === run.secondPid && line.kind === 'model-start')
    .map((line) => line.step);
  assert.deepEqual(
    startedAfterKill.filter((step) => finishedBeforeKill.includes(step)),
    [],
    `steps finished before the kill ran again: ${JSON.stringify(run.log)}`,
  );
  // Each model step completed exactly once in the history, whatever the crash.
  const completedModelCalls = (run.history.events ?? []).filter((event) => {
    const scheduledId = event.activityTaskCompletedEventAttributes?.scheduledEventId;
    if (!scheduledId) return false;
    const scheduled = run.history.events?.find((e) => String(e.eventId) === String(scheduledId));
    return scheduled?.activityTaskScheduledEventAttributes?.activityType?.name === INVOKE_MODEL_ACTIVITY;
  });
  assert.equal(completedModelCalls.length, 3);
  assert.deepEqual(scheduledActivityTypes(run.history), [
    INVOKE_MODEL_ACTIVITY,
    'lookup',
    INVOKE_MODEL_ACTIVITY,
    'lookup',
    INVOKE_MODEL_ACTIVITY,
  ]);
}

describe('crash recovery with SIGKILL', () => {
  it('an uninterrupted run gives the reference result', async () => {
    const callLog = newCallLog('crash-ref-');
    const taskQueue = `crash-ref-${Date.now()}`;
    const worker = await startWorkerProcess({
      TEMPORAL_ADDRESS: testEnv().env.address,
      TASK_QUEUE: taskQueue,
      BUNDLE_PATH: writeBundle((await testEnv().bundle(workflowsPath, modelParams)).code),
      CALL_LOG: callLog,
    });
    try {
      const result = await testEnv().client.workflow.execute('multiStep', {
        taskQueue,
        workflowId: `crash-ref-${Date.now()}`,
        args: ['Look up a and b'],
      });
      assert.equal(result, EXPECTED_RESULT);
      assert.equal(readCallLog(callLog).filter((line) => line.kind === 'model-start').length, 3);
    } finally {
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
  });

  for (const [label, block] of [
    ['during the second model call (one finished)', { BLOCK_STEP: '1' }],
    ['during the third model call (two finished)', { BLOCK_STEP: '2' }],
    ['during the second tool activity', { BLOCK_TOOL: 'b' }],
  ] as const) {
    it(`killed ${label}: same result, no finished model call repeated`, async () => {
      const run = await runWithKill(block);
      assert.equal(run.result, EXPECTED_RESULT);
      assertNoFinishedModelCallRanAgain(run);
    });
  }
});
