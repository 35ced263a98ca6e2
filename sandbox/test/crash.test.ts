// A worker SIGKILLed between two sandbox operations (in the model call after the second command): a
// fresh worker resumes the sandbox session from the state the workflow kept and finishes the run, and
// no command that had finished runs again (ops.log in the sandbox, the side-effect log, has each step once).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scheduledActivityTypes, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  newCallLog,
  readCallLog,
  startWorkerProcess,
  until,
  writeBundle,
} from '../../shared/test/reliability/worker-processes';
import type { localSandbox } from '../src/workflows';
import { STEPS } from './crash-script';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));
const modelParams = { startToCloseTimeout: '4s' };
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('a worker killed between two sandbox operations', () => {
  it('a fresh worker finishes the run; no finished command runs again', async () => {
    const callLog = newCallLog('sandbox-crash-');
    const common = {
      TEMPORAL_ADDRESS: testEnv().env.address,
      TASK_QUEUE: `sandbox-crash-${Date.now()}`,
      BUNDLE_PATH: writeBundle((await testEnv().bundle(workflowsPath, modelParams)).code),
      CALL_LOG: callLog,
      SANDBOX_DIR: mkdtempSync(join(tmpdir(), 'sandbox-crash-')),
    };
    const workflowId = `sandbox-crash-${Date.now()}`;
    // Turn 2 is the model call after step-2's command: the first worker hangs there and is killed.
    const first = await startWorkerProcess({ ...common, BLOCK_TURN: '2' }, workerScript);
    const handle = await testEnv().client.workflow.start<typeof localSandbox>('localSandbox', {
      taskQueue: common.TASK_QUEUE,
      workflowId,
      args: ['Append the steps to ops.log.'],
    });
    await until(() => readCallLog(callLog).some((line) => line.pid === first.pid && line.step === 2), 'turn 2');
    first.kill('SIGKILL');
    await once(first, 'exit');

    const second = await startWorkerProcess(common, workerScript);
    try {
      const result = await handle.result();
      assert.equal(result.files['ops.log'], 'step-1\nstep-2\nstep-3\n', 'each command ran exactly once');
      assert.equal(result.answer, 'Appended every step to ops.log.');
      const log = readCallLog(callLog);
      assert.deepEqual(
        log.filter((line) => line.pid === second.pid).map((line) => line.step),
        [2, 3],
        'the fresh worker picked up at the interrupted model call',
      );

      const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId, modelParams);
      const types = scheduledActivityTypes(history);
      assert.equal(types.filter((type) => type === 'sandbox-local-exec-command').length, STEPS);
      assert.equal(types.filter((type) => type === 'sandbox-local-create').length, 1);
    } finally {
      second.kill('SIGKILL');
      await once(second, 'exit');
    }
  });
});
