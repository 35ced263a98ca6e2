// The long-chat sample on a real dev server: a chat continues as new when its history calls for it
// (a small threshold, or Temporal's own suggestion) and carries the whole conversation into the next
// run. Every run's history is replayed.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, type LogEntry, Runtime } from '@temporalio/worker';
import {
  fetchContinuedHistories,
  replayHistory,
  ScriptedModelProvider,
  textResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { longChatOfflineAnswers } from '../src/long-chat-answers';
import { type ChatReply, endChat, longChat, sendMessage } from '../src/workflows/long-chat';

// Workflow logs reach the worker's runtime logger: keep them, to check the plugin's warning.
const logEntries: LogEntry[] = [];
Runtime.install({ logger: new DefaultLogger('WARN', (entry) => logEntries.push(entry)) });
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
// Temporal suggests continue-as-new at 4 MB or (on this server) 60 events. The plugin's model inputs
// grow with the conversation, not its square, so a chat meets the event count long before 4 MB.
const SUGGEST_AFTER_EVENTS = 60;
const suggestingEnv = useAgentsTestEnvironment(
  { beforeAll, afterAll },
  { devServerArgs: ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${SUGGEST_AFTER_EVENTS}`] },
);
type TestEnvironment = ReturnType<typeof testEnv>;
const workflowsPath = fileURLToPath(new URL('../src/workflows/long-chat.ts', import.meta.url));

const userTextsOf = (request: ModelRequest): string[] =>
  typeof request.input === 'string'
    ? [request.input]
    : request.input.flatMap((item) => {
        if (!('role' in item) || item.role !== 'user') return [];
        if (typeof item.content === 'string') return [item.content];
        return [item.content.map((part) => (part.type === 'input_text' ? part.text : '')).join('')];
      });

/** A model that says which message it answers and how many user messages it was sent. */
const chatModel = () =>
  new ScriptedModelProvider({
    'Chat assistant': (request) => {
      const said = userTextsOf(request);
      return textResponse(`reply to #${said.length}: ${said.at(-1)?.slice(0, 20)}`);
    },
  });

/** Runs a chat to its end on a fresh worker; returns what the client saw and every run's history. */
async function chatThrough(
  env: TestEnvironment,
  messages: string[],
  input: Parameters<typeof longChat>[0],
  model: ScriptedModelProvider,
) {
  const workflowId = `long-chat-${crypto.randomUUID()}`;
  const { replies, result, firstRunId } = await env.withWorker(
    { workflowsPath, modelProvider: model },
    async (taskQueue) => {
      const handle = await env.client.workflow.start(longChat, { taskQueue, workflowId, args: [input] });
      const replies: ChatReply[] = [];
      for (const message of messages) replies.push(await handle.executeUpdate(sendMessage, { args: [message] }));
      await handle.signal(endChat);
      return { replies, result: await handle.result(), firstRunId: handle.firstExecutionRunId };
    },
  );
  // Follow the chain of runs from the first, through each WorkflowExecutionContinuedAsNew event.
  // Past 4 MB a history no longer fits in one default gRPC message.
  const client = new Client({
    connection: await Connection.connect({
      address: env.env.address,
      channelArgs: { 'grpc.max_receive_message_length': 64 * 1024 * 1024 },
    }),
  });
  const histories = await fetchContinuedHistories(client, workflowId, firstRunId);
  await client.connection.close();
  return { workflowId, replies, result, histories };
}

describe('long chat', () => {
  it('continues as new past its own threshold and keeps the whole conversation', async () => {
    const messages = Array.from({ length: 8 }, (_, i) => `message ${i + 1}: ${'tell me more. '.repeat(20)}`);
    const model = chatModel();
    const { workflowId, replies, result, histories } = await chatThrough(
      testEnv(),
      messages,
      { thresholds: { maxHistoryBytes: 8_000 } },
      model,
    );

    // It continued as new at least once, for the threshold, and said so in the typed status.
    assert.ok(result.runs >= 2, `expected continue-as-new, got ${JSON.stringify(result.continuedRuns)}`);
    assert.equal(result.continuedRuns.length, result.runs - 1);
    assert.equal(histories.length, result.runs);
    for (const continued of result.continuedRuns) {
      assert.ok(continued.reasons.includes('history-bytes'), JSON.stringify(continued));
      assert.ok(continued.historyBytes >= 8_000);
    }
    // Each reply came from the run that was current, and the runs follow one another.
    assert.deepEqual(
      replies.map((reply) => reply.turn),
      messages.map((_, i) => i + 1),
    );
    // The run that answered the last message is the last run, or it continued once more (its history
    // crossed the threshold with that turn) and the next run only took the end of the chat.
    const lastReplyRun = replies.at(-1)?.run ?? 0;
    if (lastReplyRun !== result.runs) {
      assert.equal(result.runs, lastReplyRun + 1);
      assert.equal(result.continuedRuns.at(-1)?.turns, messages.length);
    }
    // The model was sent every earlier message on every turn, across runs.
    assert.deepEqual(
      model.calls.map((call) => userTextsOf(call.request)),
      messages.map((_, i) => messages.slice(0, i + 1)),
    );
    assert.equal(result.turns, messages.length);
    assert.deepEqual(
      result.transcript,
      messages.flatMap((message, i) => [
        { role: 'user', text: message },
        { role: 'assistant', text: `reply to #${i + 1}: ${message.slice(0, 20)}` },
      ]),
    );
    // A threshold of its own is the workflow's business: the plugin warns only near Temporal's limits.
    assert.deepEqual(
      logEntries.filter((entry) => entry.meta?.workflowId === workflowId),
      [],
    );

    const workflowBundle = await testEnv().bundle(workflowsPath);
    for (const [i, history] of histories.slice(0, -1).entries()) {
      await replayHistory(history, { workflowBundle }, `${workflowId}-run-${i + 1}`);
    }
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it("continues as new when Temporal suggests it, after the plugin's warning", async () => {
    const messages = Array.from({ length: 10 }, (_, i) => `message ${i + 1}: ${'go on. '.repeat(40)}`);
    const model = chatModel();
    const { workflowId, result, histories } = await chatThrough(suggestingEnv(), messages, {}, model);

    assert.ok(result.runs >= 2, `expected continue-as-new, got ${JSON.stringify(result.continuedRuns)}`);
    const [first] = result.continuedRuns;
    assert.ok(first);
    assert.ok(first.reasons.includes('temporal-suggested'), JSON.stringify(first));
    assert.ok(first.historyEvents >= SUGGEST_AFTER_EVENTS, JSON.stringify(first));
    assert.deepEqual(
      model.calls.map((call) => userTextsOf(call.request).length),
      messages.map((_, i) => i + 1),
    );
    assert.deepEqual(
      result.transcript.filter((line) => line.role === 'user').map((line) => line.text),
      messages,
    );

    // The model warned in the first run, once, before the run continued as new.
    const firstRunId = histories[0]?.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId;
    const warnings = logEntries.filter(
      (entry) => entry.meta?.workflowId === workflowId && /Temporal suggests continue-as-new/.test(entry.message),
    );
    assert.equal(warnings.filter((entry) => entry.meta?.runId === firstRunId).length, 1);
    assert.equal(new Set(warnings.map((entry) => entry.meta?.runId)).size, warnings.length);

    const workflowBundle = await testEnv().bundle(workflowsPath);
    for (const [i, history] of histories.entries()) {
      await replayHistory(history, { workflowBundle }, `${workflowId}-run-${i + 1}`);
    }
  });
});

describe('long chat with the offline answers (the worker without OPENAI_API_KEY)', () => {
  it('remembers every message across runs', async () => {
    const messages = ['Hi! I am planning a trip to Lisbon in May.', 'What should I see?', 'Sum up my plan.'];
    const model = offlineModelProvider({ longChat: longChatOfflineAnswers });
    const { replies, result } = await chatThrough(
      testEnv(),
      messages,
      { thresholds: { maxHistoryBytes: 4_000 } },
      model,
    );

    assert.ok(result.runs >= 2, JSON.stringify(result.continuedRuns));
    assert.match(replies[0]?.reply ?? '', /That is the first message of our chat\./);
    assert.match(replies[2]?.reply ?? '', /That is message 3 of our chat, and I still have the 2 before it\./);
    assert.ok((replies[2]?.run ?? 0) >= 2);
  });
});
