// Heartbeat takeover: a worker process dies with SIGKILL in the middle of a model call. With a
// heartbeatTimeout in modelParams the model activity heartbeats, so Temporal notices the silence
// and a second worker process retries the call long before the 10-minute start-to-close timeout.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ModelActivityParameters } from '../../src/common/model-params.js';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import { useAgentsTestEnvironment } from '../../src/testing/index.js';
import { EXPECTED_RESULT } from './scripted-steps.js';
import { newCallLog, readCallLog, startWorkerProcess, until, writeBundle } from './worker-processes.js';

const workflowsPath = fileURLToPath(new URL('../workflows/multi-step.ts', import.meta.url));
// A start-to-close far beyond the test's own timeout: only the heartbeat can bring the call back in time.
const modelParams: ModelActivityParameters = { startToCloseTimeout: '10m', heartbeatTimeout: '2s' };
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('heartbeat takeover', () => {
  it('a worker killed during a model call: a second worker retries the call after the heartbeat timeout', async () => {
    const callLog = newCallLog('heartbeat-');
    const bundlePath = writeBundle((await testEnv().bundle(workflowsPath, modelParams)).code);
    const common = {
      TEMPORAL_ADDRESS: testEnv().env.address,
      TASK_QUEUE: `heartbeat-${crypto.randomUUID()}`,
      BUNDLE_PATH: bundlePath,
      CALL_LOG: callLog,
    };
    const workflowId = `heartbeat-takeover-${crypto.randomUUID()}`;

    // The first worker hangs in the first model call (heartbeating all the while); kill it there.
    const first = await startWorkerProcess({ ...common, BLOCK_STEP: '0' });
    const handle = await testEnv().client.workflow.start('multiStep', {
      taskQueue: common.TASK_QUEUE,
      workflowId,
      args: ['Look up a and b'],
    });
    await until(() => readCallLog(callLog).some((line) => line.kind === 'model-start'), 'the first model call');
    first.kill('SIGKILL');
    await once(first, 'exit');

    const second = await startWorkerProcess(common);
    try {
      assert.equal(await handle.result(), EXPECTED_RESULT);
    } finally {
      second.kill('SIGKILL');
      await once(second, 'exit');
    }

    // The call started once on each worker and finished only on the second.
    const firstCall = readCallLog(callLog).filter((line) => line.step === 0 && line.kind !== 'tool');
    assert.deepEqual(
      firstCall.map(({ pid, kind }) => [pid, kind]),
      [
        [first.pid, 'model-start'],
        [second.pid, 'model-start'],
        [second.pid, 'model-end'],
      ],
    );

    // History: the call's second attempt ran on the second worker, after the first ended by a
    // heartbeat timeout, not by its start-to-close timeout.
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId, modelParams);
    const events = history.events ?? [];
    const firstModelCall = events.find(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === INVOKE_MODEL_ACTIVITY,
    );
    const started = events.find(
      (event) => String(event.activityTaskStartedEventAttributes?.scheduledEventId) === String(firstModelCall?.eventId),
    )?.activityTaskStartedEventAttributes;
    assert.equal(started?.attempt, 2);
    assert.equal(started?.identity?.split('@')[0], String(second.pid));
    assert.equal(
      started?.lastFailure?.timeoutFailureInfo?.timeoutType,
      temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
    );
  });
});
