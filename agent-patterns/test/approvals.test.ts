// The approvals samples on a real dev server: a refund tool that needs a person's approval pauses the
// agent run; the pending calls are read by Query and decided by Update; approved refunds are issued and
// rejected ones are told to the model. A wrong decision is refused and changes nothing; a worker that
// stops while the run waits loses nothing; the long-wait variant continues as new while it waits and
// keeps its pending calls and the decisions already taken. Every finished history is replayed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { fetchHistory, modelCallAgents, replayHistory, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import {
  type ApprovalDecision,
  approvals,
  DecisionRefused,
  decide,
  type PendingApproval,
  pendingApprovals,
} from '../src/workflows/approvals';
import { approvalsLongWait, type LongWaitApprovalsInput } from '../src/workflows/approvals-long-wait';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const REQUEST = 'Please refund order A-1001 ($40, it arrived broken) and order A-1002 ($15, it came a week late).';

type Handle = Awaited<ReturnType<ReturnType<typeof testEnv>['client']['workflow']['start']>>;

/** Waits until the workflow shows `count` pending calls (the agent has paused), and returns them. */
async function pausedWith(handle: Handle, count: number): Promise<PendingApproval[]> {
  for (;;) {
    const pending = await handle.query(pendingApprovals);
    if (pending.length === count) return pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const argsOf = (approval: PendingApproval) => JSON.parse(approval.arguments) as { orderId: string; amount: number };

describe('approvals', () => {
  it('approve: both refunds are issued after the decisions, with one model call before and one after', async () => {
    const model = offlineModelProvider(offlineAnswers);
    const workflowId = `approvals-${randomUUID()}`;
    const result = await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(approvals, {
        taskQueue,
        workflowId,
        args: [REQUEST],
      });
      const pending = await pausedWith(handle, 2);
      assert.deepEqual(pending.map(argsOf), [
        { orderId: 'A-1001', amount: 40, reason: 'it arrived broken' },
        { orderId: 'A-1002', amount: 15, reason: 'it came a week late' },
      ]);
      assert.ok(pending.every((approval) => approval.toolName === 'issue_refund'));
      // Paused: nothing issued and no second model call until the decisions are in.
      assert.equal(model.calls.length, 1);
      const [first, second] = pending;
      assert.ok(first && second);
      assert.deepEqual(await handle.executeUpdate(decide, { args: [{ callId: first.callId, approve: true }] }), [
        second,
      ]);
      assert.equal(model.calls.length, 1);
      await handle.executeUpdate(decide, { args: [{ callId: second.callId, approve: true }] });
      return handle.result();
    });

    assert.deepEqual(
      result.refunds.map((refund) => refund.orderId),
      ['A-1001', 'A-1002'],
    );
    assert.deepEqual(
      result.decisions.map((decision) => decision.approve),
      [true, true],
    );
    assert.match(result.answer, /^2 refund\(s\) issued: Refund of \$40\.00 for order A-1001 issued\./);
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    assert.deepEqual(modelCallAgents(history), ['Refund agent', 'Refund agent']);
  });

  it('reject: the rejected refund is not issued and the model is told why', async () => {
    const model = offlineModelProvider(offlineAnswers);
    const workflowId = `approvals-${randomUUID()}`;
    const result = await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(approvals, {
        taskQueue,
        workflowId,
        args: [REQUEST],
      });
      const [broken, late] = await pausedWith(handle, 2);
      assert.ok(broken && late);
      await handle.executeUpdate(decide, {
        args: [{ callId: late.callId, approve: false, message: 'Late deliveries get a voucher, not a refund.' }],
      });
      await handle.executeUpdate(decide, { args: [{ callId: broken.callId, approve: true }] });
      return handle.result();
    });

    assert.deepEqual(result.refunds, [{ orderId: 'A-1001', amount: 40, reason: 'it arrived broken' }]);
    assert.deepEqual(
      result.decisions.map((decision) => [JSON.parse(decision.arguments).orderId, decision.approve]),
      [
        ['A-1001', true],
        ['A-1002', false],
      ],
    );
    assert.match(result.answer, /1 refund\(s\) issued.* 1 declined by the reviewer/);
    // The second model call carries the reviewer's reason as the rejected call's output.
    const resumed = model.calls.at(-1)?.request;
    assert.ok(resumed && typeof resumed.input !== 'string');
    const outputs = resumed.input.flatMap((item) =>
      item.type === 'function_call_result' ? [JSON.stringify(item.output)] : [],
    );
    assert.equal(outputs.length, 2);
    assert.ok(outputs.some((output) => output.includes('Late deliveries get a voucher, not a refund.')));
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('a decision for an unknown or decided call id is refused, and nothing is lost', async () => {
    const workflowId = `approvals-${randomUUID()}`;
    const modelProvider = offlineModelProvider(offlineAnswers);
    const result = await testEnv().withWorker({ workflowsPath, modelProvider }, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(approvals, {
        taskQueue,
        workflowId,
        args: [REQUEST],
      });
      const pending = await pausedWith(handle, 2);
      const [first, second] = pending;
      assert.ok(first && second);

      const unknown = await handle
        .executeUpdate(decide, { args: [{ callId: 'call_does_not_exist', approve: true }] })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.ok(unknown instanceof WorkflowUpdateFailedError);
      assert.ok(unknown.cause instanceof ApplicationFailure, 'a typed refusal a client can test');
      assert.equal(unknown.cause.type, DecisionRefused.notWaiting);
      assert.match(
        String(unknown.cause?.message),
        new RegExp(
          `call_does_not_exist is not waiting for approval\\. Calls waiting: ${first.callId}, ${second.callId}`,
        ),
      );
      assert.deepEqual(await handle.query(pendingApprovals), pending);

      await handle.executeUpdate(decide, { args: [{ callId: first.callId, approve: false }] });
      const again = await handle.executeUpdate(decide, { args: [{ callId: first.callId, approve: true }] }).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(again instanceof WorkflowUpdateFailedError);
      assert.ok(again.cause instanceof ApplicationFailure);
      assert.equal(again.cause.type, DecisionRefused.alreadyDecided);
      assert.match(again.cause.message, /is already decided\. Calls waiting: /);
      const malformed = await handle
        .executeUpdate(decide, { args: [{ callId: second.callId } as ApprovalDecision] })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.ok(malformed instanceof WorkflowUpdateFailedError && malformed.cause instanceof ApplicationFailure);
      assert.equal(malformed.cause.type, DecisionRefused.invalid);
      assert.deepEqual(await handle.query(pendingApprovals), [second]);

      await handle.executeUpdate(decide, { args: [{ callId: second.callId, approve: true }] });
      return handle.result();
    });

    // The first decision stands (rejected), the refused ones left no trace.
    assert.deepEqual(
      result.decisions.map((decision) => decision.approve),
      [false, true],
    );
    assert.deepEqual(
      result.refunds.map((refund) => refund.orderId),
      ['A-1002'],
    );
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    const acceptedUpdates = (history.events ?? []).filter(
      (event) => event.workflowExecutionUpdateAcceptedEventAttributes,
    );
    assert.equal(acceptedUpdates.length, 2);
  });

  it('a worker that stops while the run waits loses nothing: a new worker takes the decisions', async () => {
    const taskQueue = `approvals-${randomUUID()}`;
    const workflowId = `approvals-${randomUUID()}`;
    const modelProvider = offlineModelProvider(offlineAnswers);
    const first = await testEnv().createWorker({ workflowsPath, modelProvider, taskQueue });
    const handle = await testEnv().client.workflow.start(approvals, {
      taskQueue,
      workflowId,
      args: [REQUEST],
    });
    const pendingBefore = await first.runUntil(pausedWith(handle, 2));

    const second = await testEnv().createWorker({ workflowsPath, modelProvider, taskQueue });
    const result = await second.runUntil(async () => {
      const pending = await pausedWith(handle, 2);
      assert.deepEqual(pending, pendingBefore);
      for (const approval of pending) {
        await handle.executeUpdate(decide, { args: [{ callId: approval.callId, approve: true }] });
      }
      return handle.result();
    });

    assert.deepEqual(
      result.refunds.map((refund) => refund.orderId),
      ['A-1001', 'A-1002'],
    );
    // The first model call was not made again by the second worker.
    assert.equal(modelProvider.calls.length, 2);
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    assert.deepEqual(modelCallAgents(history), ['Refund agent', 'Refund agent']);
  });

  it('a long wait continues as new with the paused run, its pending calls and the decisions so far', async () => {
    const workflowId = `approvals-${randomUUID()}`;
    const modelProvider = offlineModelProvider(offlineAnswers);
    const input: LongWaitApprovalsInput = { request: REQUEST, continueAsNewAfter: '1s' };
    const { result, firstRunId } = await testEnv().withWorker({ workflowsPath, modelProvider }, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(approvalsLongWait, { taskQueue, workflowId, args: [input] });
      const [broken, late] = await pausedWith(handle, 2);
      assert.ok(broken && late);
      await handle.executeUpdate(decide, { args: [{ callId: broken.callId, approve: true }] });
      // Wait for the run to continue as new (at least once) while the second call still waits.
      while ((await handle.describe()).runId === handle.firstExecutionRunId) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.deepEqual(await handle.query(pendingApprovals), [late]);
      await handle.executeUpdate(decide, { args: [{ callId: late.callId, approve: true }] });
      return { result: await handle.result(), firstRunId: handle.firstExecutionRunId };
    });

    assert.ok(result.runs >= 2, `expected continue-as-new, got ${result.runs} run(s)`);
    assert.deepEqual(
      result.decisions.map((decision) => [JSON.parse(decision.arguments).orderId, decision.approve]),
      [
        ['A-1001', true],
        ['A-1002', true],
      ],
    );
    assert.deepEqual(
      result.refunds.map((refund) => refund.orderId),
      ['A-1001', 'A-1002'],
    );
    // Two model calls in all: the paused run went on from its RunState, not from the start.
    assert.equal(modelProvider.calls.length, 2);

    const firstRun = await fetchHistory(testEnv().client, workflowId, firstRunId);
    assert.ok(firstRun.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes);
    await replayHistory(firstRun, { workflowBundle: await testEnv().bundle(workflowsPath) }, `${workflowId}-run-1`);
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });
});
