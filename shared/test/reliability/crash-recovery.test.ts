// Crash recovery: a worker process is killed with SIGKILL in the middle of a multi-step agent run; a new
// worker process finishes it with the same result, and no model call that had finished runs again.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import { scheduledActivityTypes, useAgentsTestEnvironment } from '../../src/testing/index.js';
import { EXPECTED_RESULT } from './scripted-steps.js';

const workflowsPath = fileURLToPath(new URL('../workflows/multi-step.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const modelParams = { startToCloseTimeout: '4s' };
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

interface LogLine {
  pid: number;
  kind: 'model-start' | 'model-end' | 'tool';
  step?: number;
  key?: string;
}

const readLog = (file: string): LogLine[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);

async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    output += chunk;
  });
  while (!output.includes('worker ready')) {
    if (child.exitCode !== null) throw new Error(`worker process exited early: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function bundleFile(): Promise<string> {
  const { code } = await testEnv().bundle(workflowsPath, modelParams);
  const file = join(mkdtempSync(join(tmpdir(), 'crash-bundle-')), 'bundle.js');
  writeFileSync(file, code);
  return file;
}

/** Runs the workflow; kills the first worker once `killWhen` holds for its log, then starts a second. */
async function runWithKill(block: { BLOCK_STEP: string } | { BLOCK_TOOL: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'crash-'));
  const callLog = join(dir, 'calls.jsonl');
  writeFileSync(callLog, '');
  const common = {
    TEMPORAL_ADDRESS: testEnv().env.address,
    TASK_QUEUE: `crash-${Math.random().toString(36).slice(2)}`,
    BUNDLE_PATH: await bundleFile(),
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
  const blockedCall = (line: LogLine) =>
    'BLOCK_STEP' in block
      ? line.kind === 'model-start' && line.step === Number(block.BLOCK_STEP)
      : line.kind === 'tool' && line.key === block.BLOCK_TOOL;
  await waitFor(() => readLog(callLog).some(blockedCall), 'the blocked call');
  first.kill('SIGKILL');
  await once(first, 'exit');

  const second = await startWorkerProcess(common);
  try {
    const result = await handle.result();
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId, modelParams);
    return { result, history, log: readLog(callLog), firstPid: first.pid, secondPid: second.pid };
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
    const dir = mkdtempSync(join(tmpdir(), 'crash-ref-'));
    const callLog = join(dir, 'calls.jsonl');
    writeFileSync(callLog, '');
    const taskQueue = `crash-ref-${Date.now()}`;
    const worker = await startWorkerProcess({
      TEMPORAL_ADDRESS: testEnv().env.address,
      TASK_QUEUE: taskQueue,
      BUNDLE_PATH: await bundleFile(),
      CALL_LOG: callLog,
    });
    try {
      const result = await testEnv().client.workflow.execute('multiStep', {
        taskQueue,
        workflowId: `crash-ref-${Date.now()}`,
        args: ['Look up a and b'],
      });
      assert.equal(result, EXPECTED_RESULT);
      assert.equal(readLog(callLog).filter((line) => line.kind === 'model-start').length, 3);
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
