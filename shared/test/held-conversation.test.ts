// Conversations held by the plugin: with NEW_CONVERSATION_ID as previousResponseId, each run() hands
// agents-core only what is new, so the workflow's work per model call stays flat, while the model
// still gets the whole conversation, rebuilt on the worker from its cache or from the histories of the
// run and the runs before it (a worker with an empty cache, across continue-as-new). Histories replay.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  fetchContinuedHistories,
  replayHistory,
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../src/testing/index.js';
import {
  approvalStatusQuery,
  approveSignal,
  endSignal,
  heldApprovalChat,
  heldChat,
  heldToolLoop,
  messageSignal,
  statusQuery,
} from './workflows/conversation.js';

const workflowsPath = fileURLToPath(new URL('./workflows/conversation.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

function userTexts(request: ModelRequest): string[] {
  if (typeof request.input === 'string') return [request.input];
  return request.input.flatMap((item) =>
    item.type === 'message' && item.role === 'user' && typeof item.content === 'string' ? [item.content] : [],
  );
}

/** Replies with the number of user messages it was sent; records what each call saw. */
function chatModel() {
  const seen: Array<{ texts: string[]; items: number; previousResponseId: string | undefined }> = [];
  const model = new ScriptedModelProvider((request: ModelRequest) => {
    const texts = userTexts(request);
    seen.push({
      texts,
      items: typeof request.input === 'string' ? 1 : request.input.length,
      previousResponseId: request.previousResponseId,
    });
    return textResponse(`reply to ${texts.length} messages`);
  });
  return { model, seen };
}

const message = (turn: number) => `message ${turn}: ${'x'.repeat(2000)}`;

describe('a conversation held by the plugin', () => {
  it('hands each turn only its message, across continue-as-new and a worker with an empty cache', async () => {
    const first = chatModel();
    const second = chatModel();
    const workflowId = `held-chat-${crypto.randomUUID()}`;
    const taskQueue = `held-chat-${workflowId}`;
    const client = testEnv().client;
    const send = async (turn: number) => {
      const handle = client.workflow.getHandle(workflowId);
      await handle.signal(messageSignal, message(turn));
      while ((await handle.query(statusQuery)).turns < turn) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const { firstRunId, statusBefore } = await testEnv().withWorker(
      { workflowsPath, modelProvider: first.model, taskQueue },
      async () => {
        const handle = await client.workflow.start(heldChat, { taskQueue, workflowId, args: [{ turnsPerRun: 4 }] });
        for (let turn = 1; turn <= 6; turn++) await send(turn);
        return { firstRunId: handle.firstExecutionRunId, statusBefore: await handle.query(statusQuery) };
      },
    );
    // A new worker, with an empty cache, takes the rest of the chat: it rebuilds the conversation from
    // this run's history and the first run's.
    const { replies, statusAfter } = await testEnv().withWorker(
      { workflowsPath, modelProvider: second.model, taskQueue },
      async () => {
        const handle = client.workflow.getHandle<typeof heldChat>(workflowId);
        const statusAfter = await handle.query(statusQuery);
        for (let turn = 7; turn <= 10; turn++) await send(turn);
        await handle.signal(endSignal);
        return { replies: await handle.result(), statusAfter };
      },
    );

    // The model got the whole conversation on every call, whichever worker and run made it.
    const seen = [...first.seen, ...second.seen];
    assert.equal(seen.length, 10);
    for (const [index, call] of seen.entries()) {
      assert.deepEqual(
        call.texts,
        Array.from({ length: index + 1 }, (_, i) => message(i + 1)),
      );
      // Every earlier message and reply, and the new message; the provider never sees the plugin's id.
      assert.equal(call.items, 2 * index + 1);
      assert.equal(call.previousResponseId, undefined);
    }
    assert.deepEqual(
      replies,
      seen.map((_, i) => `reply to ${i + 1} messages`),
    );
    // The workflow handed the runner one item per call: its work per turn does not grow.
    assert.equal(statusBefore.turns, 6);
    assert.equal(statusBefore.replayWork.modelCalls, 2);
    assert.equal(statusBefore.replayWork.inputItems, 2);
    // The fresh worker replayed the run to the same replay work.
    assert.deepEqual(statusAfter, statusBefore);

    const histories = await fetchContinuedHistories(client, workflowId, firstRunId);
    assert.equal(histories.length, 3);
    const workflowBundle = await testEnv().bundle(workflowsPath);
    for (const [i, history] of histories.entries()) {
      await replayHistory(history, { workflowBundle }, `${workflowId}-run-${i + 1}`);
    }
  });

  it('one run() through many tool calls hands each model call only the tool’s result', async () => {
    const steps = 40;
    const inputs: number[] = [];
    const model = new ScriptedModelProvider((request: ModelRequest, { agentTurn }) => {
      inputs.push(typeof request.input === 'string' ? 1 : request.input.length);
      return agentTurn < steps ? toolCallResponse('step', { n: agentTurn }) : textResponse('all done');
    });
    const { result, history } = await testEnv().runWorkflow(heldToolLoop, [steps + 5], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result.output, 'all done');
    // The model saw the task, then every call and result so far.
    assert.deepEqual(
      inputs,
      Array.from({ length: steps + 1 }, (_, i) => 1 + 2 * i),
    );
    // The runner handed it one item per call.
    assert.equal(result.replayWork.modelCalls, steps + 1);
    assert.equal(result.replayWork.inputItems, steps + 1);
    assert.ok(history.events?.length);
  });

  it('a run paused on an approval goes on after continue-as-new, on a worker with an empty cache', async () => {
    const refundCall = toolCallResponse('refund', { order: '42' });
    const firstModel = new ScriptedModelProvider([textResponse('hello, how can I help?'), refundCall]);
    const secondModel = new ScriptedModelProvider([textResponse('order 42 is refunded')]);
    const workflowId = `held-approval-${crypto.randomUUID()}`;
    const taskQueue = `held-approval-${workflowId}`;
    const client = testEnv().client;
    const firstRunId = await testEnv().withWorker({ workflowsPath, modelProvider: firstModel, taskQueue }, async () => {
      const handle = await client.workflow.start(heldApprovalChat, { taskQueue, workflowId, args: [{}] });
      // Wait for the first run to continue as new, paused on the refund.
      while ((await client.workflow.getHandle(workflowId).describe()).runId === handle.firstExecutionRunId) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return handle.firstExecutionRunId;
    });
    assert.equal(firstModel.calls.length, 2);
    // The approval reaches the new run, on a new worker whose model rebuilds the conversation from the
    // first run's history.
    const result = await testEnv().withWorker({ workflowsPath, modelProvider: secondModel, taskQueue }, async () => {
      const handle = client.workflow.getHandle<typeof heldApprovalChat>(workflowId);
      const status = await handle.query(approvalStatusQuery);
      assert.equal(status.waiting, 1);
      assert.ok(status.carriedResponseId?.startsWith('openai-agents-temporal:conversation:'));
      await handle.signal(approveSignal);
      return handle.result();
    });
    assert.deepEqual(result.refunds, ['42']);
    assert.equal(result.output, 'order 42 is refunded');
    assert.equal(secondModel.calls.length, 1);
    // The model's input in the new run: the whole earlier conversation, then the approved call's output.
    const input = secondModel.calls[0]?.request.input;
    assert.ok(Array.isArray(input));
    const summary = input.map((item) => {
      if (item.type === 'message') {
        const content = item.content;
        const text =
          typeof content === 'string'
            ? content
            : content.map((part) => ('text' in part ? part.text : part.type)).join('');
        return `${item.role}: ${text}`;
      }
      if (item.type === 'function_call') return `call ${item.name} ${item.arguments}`;
      if (item.type === 'function_call_result') return `result ${item.name}`;
      return item.type;
    });
    assert.deepEqual(summary, [
      'user: hello',
      'assistant: hello, how can I help?',
      'user: please refund order 42',
      'call refund {"order":"42"}',
      'result refund',
    ]);
    assert.equal(secondModel.calls[0]?.request.previousResponseId, undefined);

    const histories = await fetchContinuedHistories(client, workflowId, firstRunId);
    assert.equal(histories.length, 2);
    const workflowBundle = await testEnv().bundle(workflowsPath);
    for (const [i, history] of histories.entries()) {
      await replayHistory(history, { workflowBundle }, `${workflowId}-run-${i + 1}`);
    }
  });
});
