// Conversation history grows linearly: each model activity's input holds only what is new since an
// earlier call of the run, and the worker rebuilds the whole input (from its cache, or from the
// run's history when another worker made the earlier call).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { INVOKE_MODEL_ACTIVITY } from '../src/common/names.js';
import { ScriptedModelProvider, textResponse, useAgentsTestEnvironment } from '../src/testing/index.js';
import { endSignal, messageSignal, scriptedChat, signalledChat, turnsQuery } from './workflows/chat.js';

const workflowsPath = fileURLToPath(new URL('./workflows/chat.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** Replies `reply <n>` to the n-th call and records the user texts each call saw. */
function chatModel() {
  const seen: string[][] = [];
  const model = new ScriptedModelProvider((request: ModelRequest, { callIndex }) => {
    seen.push(userTexts(request));
    return textResponse(`reply ${callIndex}`);
  });
  return { model, seen };
}

function userTexts(request: ModelRequest): string[] {
  if (typeof request.input === 'string') return [request.input];
  return request.input.flatMap((item) =>
    item.type === 'message' && item.role === 'user' && typeof item.content === 'string' ? [item.content] : [],
  );
}

type History = Awaited<ReturnType<ReturnType<typeof testEnv>['replayAndKeepHistory']>>;

/** Bytes of each model activity's input payload, in order. */
function modelInputBytes(history: History): number[] {
  return (history.events ?? []).flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== INVOKE_MODEL_ACTIVITY) return [];
    return [(scheduled.input?.payloads ?? []).reduce((sum, payload) => sum + (payload.data?.length ?? 0), 0)];
  });
}

describe('conversation history grows linearly', () => {
  it('every model activity input stays about one turn in size, and the model still sees the whole chat', async () => {
    const turns = 40;
    const messageBytes = 2048;
    const { model, seen } = chatModel();
    const { result, history } = await testEnv().runWorkflow(scriptedChat, [turns, messageBytes], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result.length, turns);
    // The model got the whole conversation on every call.
    for (const [index, texts] of seen.entries()) assert.equal(texts.length, index + 1);

    const inputs = modelInputBytes(history);
    assert.equal(inputs.length, turns);
    // Without chaining the last input would hold all 40 messages (over 80 KB); chained, each input holds
    // the new message, the previous reply and the request's fixed part.
    const largest = Math.max(...inputs);
    assert.ok(largest < 3 * messageBytes, `largest model input ${largest} bytes`);
    const historyBytes = (history.events ?? []).reduce(
      (sum, event) => sum + (event.activityTaskScheduledEventAttributes?.input?.payloads?.[0]?.data?.length ?? 0),
      0,
    );
    assert.ok(historyBytes < turns * 3 * messageBytes, `model inputs add up to ${historyBytes} bytes`);
  });

  it('a worker that did not make the earlier calls rebuilds the input from the run’s history', async () => {
    const first = chatModel();
    const second = chatModel();
    const workflowId = `signalled-chat-${Date.now()}`;
    const client = testEnv().client;
    const taskQueue = `chat-${workflowId}`;
    await testEnv().withWorker({ workflowsPath, modelProvider: first.model, taskQueue }, async () => {
      const handle = await client.workflow.start(signalledChat, { taskQueue, workflowId });
      await handle.signal(messageSignal, 'first message');
      await handle.signal(messageSignal, 'second message');
      while ((await handle.query(turnsQuery)) < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    });
    // A new worker, with an empty cache, takes the rest of the chat.
    const replies = await testEnv().withWorker({ workflowsPath, modelProvider: second.model, taskQueue }, async () => {
      const handle = client.workflow.getHandle(workflowId);
      await handle.signal(messageSignal, 'third message');
      await handle.signal(endSignal);
      return handle.result();
    });
    assert.deepEqual(replies, ['reply 0', 'reply 1', 'reply 0']);
    assert.deepEqual(first.seen, [['first message'], ['first message', 'second message']]);
    assert.deepEqual(second.seen, [['first message', 'second message', 'third message']]);
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    const inputs = modelInputBytes(history);
    assert.equal(inputs.length, 3);
  });
});
