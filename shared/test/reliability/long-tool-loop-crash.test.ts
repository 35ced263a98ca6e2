// One run() that works through a long task (a tool call per model call) in a conversation the plugin
// holds: its worker is SIGKILLed late in the run, and a fresh worker with an empty cache replays the run
// and finishes it. No finished model call is made again, no workflow task fails or times out, the model
// on the fresh worker still gets the whole task rebuilt from the history, and the history replays.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { decodeTimeoutType } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { replayHistory, useAgentsTestEnvironment } from '../../src/testing/index.js';
import { heldToolLoop } from '../workflows/conversation.js';
import { toolLoopModel } from './tool-loop-model.js';
import { startWorkerProcess, writeBundle } from './worker-processes.js';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const workflowsPath = fileURLToPath(new URL('../workflows/conversation.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./tool-loop-worker-process.ts', import.meta.url));

const STEPS = 150;
const KILL_AFTER_MODEL_CALLS = 120;

describe('a long tool loop in one run()', () => {
  it('survives a SIGKILL late in the run: a fresh worker with an empty cache finishes it', async () => {
    const taskQueue = `tool-loop-crash-${crypto.randomUUID()}`;
    const workflowBundle = await testEnv().bundle(workflowsPath, undefined, toolLoopModel(STEPS));
    const worker = await startWorkerProcess(
      {
        TEMPORAL_ADDRESS: testEnv().env.address,
        TASK_QUEUE: taskQueue,
        BUNDLE_PATH: writeBundle(workflowBundle.code),
        STEPS: String(STEPS),
      },
      workerScript,
    );
    const handle = await testEnv().client.workflow.start(heldToolLoop, {
      taskQueue,
      workflowId: `tool-loop-crash-${crypto.randomUUID()}`,
      args: [STEPS + 5],
    });
    const completedModelCalls = async () =>
      // Every activity of this workflow is a model call: the step tool runs in the workflow.
      ((await handle.fetchHistory()).events ?? []).filter((event) => event.activityTaskCompletedEventAttributes).length;
    try {
      while ((await completedModelCalls()) < KILL_AFTER_MODEL_CALLS) await sleep(100);
    } finally {
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
    const killedAfter = await completedModelCalls();

    const inputLengths: number[] = [];
    const result = await testEnv().withWorker(
      { workflowsPath, modelProvider: toolLoopModel(STEPS, inputLengths), taskQueue },
      () => handle.result(),
    );
    assert.equal(result.output, 'all done');
    assert.equal(result.replayWork.modelCalls, STEPS + 1);
    // The fresh worker made only the calls the killed one had not finished, each with the whole task
    // so far (the task, then a call and a result per step), rebuilt from the history.
    const firstAfterKill = killedAfter;
    assert.deepEqual(
      inputLengths,
      Array.from({ length: STEPS + 1 - firstAfterKill }, (_, i) => 1 + 2 * (firstAfterKill + i)),
    );

    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const modelCallsScheduled = events.filter((event) => event.activityTaskScheduledEventAttributes).length;
    assert.equal(modelCallsScheduled, STEPS + 1, 'each model call scheduled once: none made again');
    // No workflow task failed, and none the fresh worker started ran past its timeout. A task the killed
    // worker had started when it died times out (start-to-close) before the server hands it on: that
    // is how Temporal notices the dead worker, not a replay that took too long.
    const startedBy = new Map(
      events.flatMap((event) =>
        event.workflowTaskStartedEventAttributes
          ? [[String(event.eventId), event.workflowTaskStartedEventAttributes.identity ?? '']]
          : [],
      ),
    );
    assert.deepEqual(
      events.flatMap((event) => {
        if (event.workflowTaskFailedEventAttributes) return ['a workflow task failed'];
        const timedOut = event.workflowTaskTimedOutEventAttributes;
        if (!timedOut || decodeTimeoutType(timedOut.timeoutType) === 'SCHEDULE_TO_START') return [];
        const identity = startedBy.get(String(timedOut.startedEventId)) ?? '';
        return identity.startsWith(`${worker.pid}@`) ? [] : [`a task started by ${identity} timed out`];
      }),
      [],
    );
    await replayHistory(history, { workflowBundle }, handle.workflowId);
  });
});
