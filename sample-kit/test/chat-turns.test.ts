// setChatTurnHandler (sample-kit/workflow), the chat samples' Update handler, in a real workflow.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { close, finish, heldChat, release, say, turnLog } from './workflows/chat-turns.js';

const workflowsPath = fileURLToPath(new URL('./workflows/chat-turns.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** The message an Update failed with (its cause's); 'answered' if it did not fail. */
function failureOf(update: Promise<unknown>): Promise<string> {
  return update.then(
    () => 'answered',
    (error: unknown) => (error instanceof WorkflowUpdateFailedError ? String(error.cause?.message) : String(error)),
  );
}

describe('setChatTurnHandler', () => {
  it('runs the turns one at a time in the order they arrived, a failed turn included, and refuses empty or late messages', async () => {
    await testEnv().withWorker({ workflowsPath }, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(heldChat, { taskQueue, workflowId: `chat-${randomUUID()}` });
      const accepted = { waitForStage: WorkflowUpdateStage.ACCEPTED } as const;
      const first = await handle.startUpdate(say, { args: ['one'], ...accepted });
      const failing = await handle.startUpdate(say, { args: ['fail'], ...accepted });
      const third = await handle.startUpdate(say, { args: ['two'], ...accepted });
      const logIs = (expected: string[]) =>
        vi.waitFor(async () => assert.deepEqual(await handle.query(turnLog), expected), { timeout: 30_000 });

      // All three are accepted, but only the first turn has started.
      await logIs(['start one']);
      await handle.signal(release);
      assert.equal(await first.result(), 'reply to one');
      await logIs(['start one', 'end one', 'start fail']);
      await handle.signal(release);
      assert.equal(await failureOf(failing.result()), 'this turn fails');
      await logIs(['start one', 'end one', 'start fail', 'end fail', 'start two']);
      await handle.signal(release);
      assert.equal(await third.result(), 'reply to two');

      assert.equal(await failureOf(handle.executeUpdate(say, { args: ['  '] })), 'Send a non-empty message.');
      await handle.signal(finish);
      assert.equal(await failureOf(handle.executeUpdate(say, { args: ['late'] })), 'This chat has ended.');
      await handle.signal(close);
      assert.deepEqual(await handle.result(), [
        'start one',
        'end one',
        'start fail',
        'end fail',
        'start two',
        'end two',
      ]);
    });
  });
});
