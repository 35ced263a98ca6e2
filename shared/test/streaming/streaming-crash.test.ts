// A worker killed with SIGKILL in the middle of a streamed model call: subscribers see where the lost
// attempt stopped and the next one starts again (a seam, never mixed text), and the run still ends with
// the whole answer, streamed in full by the second worker.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { useAgentsTestEnvironment } from '../../src/testing/index.js';
import { type ModelStreamItem, type StreamEntry, subscribeToWorkflowStream } from '../../src/worker/index.js';
import { startWorkerProcess, until, writeBundle } from '../reliability/worker-processes.js';
import { CRASH_MODEL_PARAMS } from './crash-params.js';
import * as workflows from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const ANSWER = 'The second worker tells the whole story again, from its first word to its last.';

const deltasOf = (entries: StreamEntry<ModelStreamItem>[], attempt: number) =>
  entries.flatMap(({ data }) =>
    data.kind === 'event' && data.attempt === attempt && data.event.type === 'output_text_delta'
      ? [data.event.delta]
      : [],
  );

describe('a worker killed mid-stream', () => {
  it('subscribers see the seam where the next attempt starts again; the run ends with the whole answer', async () => {
    const { client } = testEnv();
    const common = {
      TEMPORAL_ADDRESS: testEnv().env.address,
      TASK_QUEUE: `stream-crash-${randomUUID()}`,
      BUNDLE_PATH: writeBundle((await testEnv().bundle(workflowsPath, CRASH_MODEL_PARAMS)).code),
      ANSWER,
    };
    const workflowId = `stream-crash-${randomUUID()}`;

    const first = await startWorkerProcess({ ...common, BLOCK_AFTER_DELTAS: '3' }, workerScript);
    const handle = await client.workflow.start(workflows.streamedText, {
      taskQueue: common.TASK_QUEUE,
      workflowId,
      args: ['Tell the story'],
    });
    const entries: StreamEntry<ModelStreamItem>[] = [];
    const subscription = (async () => {
      const options = { topics: [workflows.MODEL_TOPIC], pollInterval: '20ms' };
      for await (const entry of subscribeToWorkflowStream<ModelStreamItem>(client, workflowId, options)) {
        entries.push(entry);
      }
    })();

    // The first worker streams three deltas, then hangs; kill it once a subscriber has seen them.
    await until(() => deltasOf(entries, 1).length === 3, 'three deltas of the first attempt');
    first.kill('SIGKILL');
    await once(first, 'exit');
    const second = await startWorkerProcess(common, workerScript);
    let result: workflows.StreamedRun;
    try {
      result = await handle.result();
      await subscription;
    } finally {
      second.kill('SIGKILL');
      await once(second, 'exit');
    }

    // The seam: attempt 1 stops after three deltas, attempt 2 begins with its own marker and starts its
    // sequence again at 0. Nothing of attempt 1 comes after attempt 2 began.
    const attempts = entries.map(({ data }) => data.attempt);
    const seam = entries.findIndex(({ data }) => data.kind === 'attempt' && data.attempt === 2);
    assert.ok(seam > 0, 'attempt 2 starts with its marker');
    assert.ok(attempts.slice(0, seam).every((attempt) => attempt === 1));
    assert.ok(attempts.slice(seam).every((attempt) => attempt === 2));
    assert.deepEqual(deltasOf(entries, 1), ANSWER.split(/(?<= )/).slice(0, 3));
    assert.equal(
      entries.some(({ data }) => data.kind === 'attempt_failed'),
      false,
      'a killed worker reports nothing',
    );
    const secondSequences = entries.slice(seam).flatMap(({ data }) => (data.kind === 'event' ? [data.sequence] : []));
    assert.deepEqual(
      secondSequences,
      secondSequences.map((_, index) => index),
    );

    // The answer: whole, from attempt 2 alone, both for subscribers and for the run in the workflow.
    assert.equal(deltasOf(entries, 2).join(''), ANSWER);
    assert.deepEqual(entries.at(-1)?.data, {
      kind: 'completed',
      call: 0,
      attempt: 2,
      events: secondSequences.length,
    });
    assert.equal(result.output, ANSWER);
    assert.deepEqual(result.deltas, deltasOf(entries, 2));

    await testEnv().replayAndKeepHistory(workflowsPath, workflowId, CRASH_MODEL_PARAMS);
  });
});
