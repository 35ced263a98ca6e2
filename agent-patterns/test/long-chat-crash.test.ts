// A long chat on its replay budget: the run continues as new by itself before a fresh worker could not
// replay it, the replay work a run reports is the same when a fresh worker replays it, and a worker
// killed with SIGKILL late in the chat is replaced by one with an empty cache that goes on with it,
// with no workflow task timing out. Every run's history is replayed.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { decodeTimeoutType } from '@temporalio/common';
import { fetchContinuedHistories, replayHistory, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
// The shared package's helper for worker processes a test can kill.
import { startWorkerProcess } from '../../shared/test/reliability/worker-processes';
import { longChatOfflineAnswers } from '../src/long-chat-answers';
import { type ChatStatus, chatStatus, endChat, longChat, sendMessage } from '../src/workflows/long-chat';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const workflowsPath = fileURLToPath(new URL('../src/workflows/long-chat.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./long-chat-worker-process.ts', import.meta.url));
const model = () => offlineModelProvider({ longChat: longChatOfflineAnswers });

/** A budget of about ten turns, so the chat continues as new every few turns. */
const MAX_REPLAY_WORK = 2_000_000;
const message = (turn: number) => `message ${turn}: ${'I would like to hear more about that. '.repeat(55)}`;

describe('long chat on its replay budget', () => {
  it('continues as new by itself, survives a SIGKILL late in the chat, and loses nothing', async () => {
    const taskQueue = `long-chat-crash-${crypto.randomUUID()}`;
    const workflowId = `long-chat-crash-${crypto.randomUUID()}`;
    const first = await startWorkerProcess(
      { TEMPORAL_ADDRESS: testEnv().env.address, TASK_QUEUE: taskQueue },
      workerScript,
    );
    const handle = await testEnv().client.workflow.start(longChat, {
      taskQueue,
      workflowId,
      args: [{ thresholds: { maxReplayWork: MAX_REPLAY_WORK } }],
    });
    const turnsBeforeKill = 28;
    const turns = 36;
    const replies: string[] = [];
    let statusBeforeKill: ChatStatus | undefined;
    try {
      for (let turn = 1; turn <= turnsBeforeKill; turn++) {
        replies.push((await handle.executeUpdate(sendMessage, { args: [message(turn)] })).reply);
      }
      // Answered by the worker that ran the turns, from its cached run.
      statusBeforeKill = await handle.query(chatStatus);
    } finally {
      first.kill('SIGKILL');
      await once(first, 'exit');
    }
    // A fresh worker answers the same Query by replaying the run from its history.
    const { histories, result, statusAfterKill } = await testEnv().withWorker(
      { workflowsPath, modelProvider: model(), taskQueue },
      async () => {
        const statusAfterKill = await handle.query(chatStatus);
        for (let turn = turnsBeforeKill + 1; turn <= turns; turn++) {
          replies.push((await handle.executeUpdate(sendMessage, { args: [message(turn)] })).reply);
        }
        await handle.signal(endChat);
        const result = await handle.result();
        return {
          histories: await fetchContinuedHistories(testEnv().client, workflowId, handle.firstExecutionRunId),
          result,
          statusAfterKill,
        };
      },
    );

    // The chat continued as new on its replay budget, several times, before and after the kill.
    assert.ok(result.runs >= 3, JSON.stringify(result.continuedRuns));
    for (const continued of result.continuedRuns) {
      assert.deepEqual(continued.reasons, ['replay-work'], JSON.stringify(continued));
      // One turn past the budget at most: a turn adds far less than the budget.
      assert.ok(continued.replayWork >= MAX_REPLAY_WORK && continued.replayWork < 2 * MAX_REPLAY_WORK);
    }
    // The replay work is deterministic: the fresh worker's replay reached what the killed worker had counted.
    assert.equal(statusBeforeKill?.turns, turnsBeforeKill);
    assert.ok((statusBeforeKill?.replayWork.modelCalls ?? 0) > 0, JSON.stringify(statusBeforeKill));
    assert.deepEqual(statusAfterKill, statusBeforeKill);

    // Nothing was lost: every reply knew every earlier message, across runs and across the kill.
    assert.equal(result.turns, turns);
    for (const [index, reply] of replies.entries()) {
      assert.match(
        reply,
        index === 0 ? /first message of our chat/ : new RegExp(`That is message ${index + 1} of our chat`),
      );
    }
    assert.deepEqual(
      result.transcript.filter((line) => line.role === 'user').map((line) => line.text),
      Array.from({ length: turns }, (_, i) => message(i + 1)),
    );

    // No workflow task failed or ran past its timeout (the dead worker's sticky queue handing a task
    // back is a schedule-to-start timeout, which is how Temporal moves work off a dead worker).
    assert.equal(histories.length, result.runs);
    const events = histories.flatMap((history) => history.events ?? []);
    assert.deepEqual(
      events.filter(
        (event) =>
          event.workflowTaskFailedEventAttributes ||
          (event.workflowTaskTimedOutEventAttributes &&
            decodeTimeoutType(event.workflowTaskTimedOutEventAttributes.timeoutType) !== 'SCHEDULE_TO_START'),
      ),
      [],
    );
    const workflowBundle = await testEnv().bundle(workflowsPath, undefined, model());
    for (const [i, history] of histories.entries()) {
      await replayHistory(history, { workflowBundle }, `${workflowId}-run-${i + 1}`);
    }
  });
});
