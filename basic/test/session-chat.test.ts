// The session-chat sample on a real dev server: a WorkflowSession keeps the conversation for
// run(agent, message, { session }), survives continue-as-new through exportState/restore, costs no
// activity, and does not make each model call's input grow with the conversation.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  replayHistory,
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { userTexts } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  endSessionChat,
  type SessionChatInput,
  type SessionChatReply,
  sendSessionMessage,
  sessionChat,
} from '../src/workflows/session-chat';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** Says how many user messages it was sent, and the first one: what the session gave the run. */
const memoryModel = () =>
  new ScriptedModelProvider({
    'Session assistant': (request: ModelRequest) => {
      const said = userTexts(request);
      return textResponse(`seen ${said.length}, first: ${said[0]}`);
    },
  });

async function chat(messages: string[], input: SessionChatInput) {
  const env = testEnv();
  const workflowId = `session-chat-${crypto.randomUUID()}`;
  const model = memoryModel();
  const { replies, result } = await env.withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
    const handle = await env.client.workflow.start(sessionChat, { taskQueue, workflowId, args: [input] });
    const replies: SessionChatReply[] = [];
    for (const message of messages) replies.push(await handle.executeUpdate(sendSessionMessage, { args: [message] }));
    await handle.signal(endSessionChat);
    return { replies, result: await handle.result() };
  });
  // Every run of the chain, oldest first.
  const histories: History[] = [];
  for await (const execution of env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    histories.unshift(await env.client.workflow.getHandle(workflowId, execution.runId).fetchHistory());
  }
  for (const history of histories) await replayHistory(history, { workflowBundle: await env.bundle(workflowsPath) });
  return { replies, result, histories };
}

const modelInputBytes = (history: History): number[] =>
  (history.events ?? []).flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== INVOKE_MODEL_ACTIVITY) return [];
    return [scheduled.input?.payloads?.[0]?.data?.length ?? 0];
  });

describe('session chat (WorkflowSession)', () => {
  it('carries the session across continue-as-new: each run sees every earlier message', async () => {
    const messages = ['my name is Ada', 'I like hiking', 'plan a weekend', 'what is my name?', 'thanks', 'bye'];
    const { replies, result, histories } = await chat(messages, { turnsPerRun: 2 });
    assert.deepEqual(
      replies.map(({ reply, turn, run }) => [reply, turn, run]),
      messages.map((_, index) => [`seen ${index + 1}, first: my name is Ada`, index + 1, Math.floor(index / 2) + 1]),
    );
    assert.deepEqual(result, { turns: 6, runs: 4, sessionItems: 12 });
    assert.equal(histories.length, 4, 'three continue-as-new and the run that ended');
    for (const history of histories) {
      assert.ok(
        scheduledActivityTypes(history).every((type) => type === INVOKE_MODEL_ACTIVITY),
        'the session itself schedules nothing',
      );
    }
  });

  it('adds no per-turn cost that grows with the conversation: each model input holds only what is new', async () => {
    const messages = Array.from({ length: 12 }, (_, index) => `message ${index + 1} ${'x'.repeat(200)}`);
    const { replies, histories } = await chat(messages, {});
    assert.equal(replies.at(-1)?.reply, `seen 12, first: ${messages[0]}`);
    const [history] = histories;
    assert.ok(history);
    const sizes = modelInputBytes(history);
    assert.equal(sizes.length, 12);
    // The whole conversation at the last call is over 12 × 200 bytes; its input is about one message.
    const largest = Math.max(...sizes.slice(1));
    assert.ok(largest < 2 * (sizes[1] ?? 0), `model inputs stayed flat: ${sizes.join(', ')}`);
  });
});
