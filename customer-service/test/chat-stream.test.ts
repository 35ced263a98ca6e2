// What the workflow gives the web chat, without a browser: each turn's lines and the model's text on
// the conversation's stream, the chatView Query, the refusal of a message sent while one is being
// answered (when the sender asks for it), and the stream carried across continue-as-new.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type ModelStreamItem, subscribeToWorkflowStream } from 'openai-agents-temporal';
import {
  type AgentScript,
  handoffResponse,
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { userTexts } from 'sample-kit';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { CHAT_TOPIC, type ChatEvent, TOKENS_TOPIC } from '../src/topics';
import { customerService } from '../src/workflows';
import { FAQ_ANSWERS, FAQ_NAME, FAQ_TOOL, TRIAGE_NAME } from '../src/workflows/airline-agents';
import {
  type ChatLine,
  chatViewQuery,
  endConversationSignal,
  sendMessageUpdate,
} from '../src/workflows/customer-service';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const HELLO = 'Hello there';
const BAGS = 'How much baggage can I bring?';
const FAQ_TEXT = `FAQ: ${FAQ_ANSWERS.bags}`;

/** Triage greets, or hands bags questions to the FAQ agent, which looks the answer up and says it. */
const script: AgentScript = {
  [TRIAGE_NAME]: (request: ModelRequest) => {
    const message = userTexts(request).at(-1) ?? '';
    return message === BAGS ? handoffResponse(FAQ_NAME) : textResponse(`Triage heard: ${message}`);
  },
  [FAQ_NAME]: [toolCallResponse(FAQ_TOOL, { question: BAGS }), textResponse(FAQ_TEXT)],
};

type Entry = { offset: number; topic: string; data: ChatEvent | ModelStreamItem };

/** The conversation's stream from `fromOffset` up to the end of the next turn. */
async function readTurn(workflowId: string, fromOffset: number): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (const { offset, topic, data } of subscribeToWorkflowStream<ChatEvent | ModelStreamItem>(
    testEnv().client,
    workflowId,
    { fromOffset, topics: [CHAT_TOPIC, TOKENS_TOPIC], pollInterval: '20ms' },
  )) {
    entries.push({ offset, topic, data });
    if (topic === CHAT_TOPIC && (data.kind === 'turn_done' || data.kind === 'turn_failed')) break;
  }
  return entries;
}

const chatEvents = (entries: Entry[]) => entries.filter((entry) => entry.topic === CHAT_TOPIC).map(({ data }) => data);
const modelText = (entries: Entry[]) =>
  entries
    .flatMap(({ topic, data }) =>
      topic === TOKENS_TOPIC && data.kind === 'event' && data.event.type === 'output_text_delta'
        ? [data.event.delta]
        : [],
    )
    .join('');

describe('the conversation’s stream', () => {
  it('carries each line of a turn, then turn_done, and the model’s text; chatView points at the turn in progress', async () => {
    // The FAQ agent's answer waits after its first words until the test lets it go on.
    let holdAnswer = false;
    let answerStarted = () => {};
    const started = new Promise<void>((resolve) => {
      answerStarted = resolve;
    });
    let letAnswerGoOn = () => {};
    const goOn = new Promise<void>((resolve) => {
      letAnswerGoOn = resolve;
    });
    const model = new ScriptedModelProvider(script, {
      streaming: {
        beforeEvent: async (event) => {
          if (!holdAnswer || event.type !== 'output_text_delta') return;
          answerStarted();
          await goOn;
        },
      },
    });
    const workflowId = `customer-service-${randomUUID()}`;
    await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
      const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
      const greeting = await conversation.executeUpdate(sendMessageUpdate, { args: [HELLO] });
      const afterGreeting = await conversation.query(chatViewQuery);
      assert.deepEqual(afterGreeting.history, greeting);
      // The greeting's turn, read from the start: its lines, then its end; the text came as it was written.
      const firstTurn = await readTurn(workflowId, 0);
      assert.deepEqual(chatEvents(firstTurn), [...greeting, { kind: 'turn_done' }]);
      assert.equal(modelText(firstTurn), `Triage heard: ${HELLO}`);
      // The turn's end is the last entry it made: the next turn starts right after it.
      assert.equal(afterGreeting.streamOffset, (firstTurn.at(-1)?.offset ?? Number.NaN) + 1);

      holdAnswer = true;
      const bags = await conversation.startUpdate(sendMessageUpdate, {
        args: [BAGS],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      await started;
      // Mid-answer: the history is still the greeting's, and the stream offset is where this turn starts.
      assert.deepEqual(await conversation.query(chatViewQuery), afterGreeting);
      const refused = await conversation
        .executeUpdate(sendMessageUpdate, { args: ['Thanks', { refuseWhileAnswering: true }] })
        .then(
          () => assert.fail('a message sent while the agents answer was accepted'),
          (error: unknown) => error,
        );
      assert.ok(refused instanceof WorkflowUpdateFailedError && refused.cause instanceof ApplicationFailure);
      assert.equal(refused.cause.type, 'StillAnswering');
      assert.match(refused.cause.message, /still answering your previous message/);
      letAnswerGoOn();

      const lines: ChatLine[] = await bags.result();
      assert.deepEqual(lines.at(-1), { kind: 'agent', agent: FAQ_NAME, text: FAQ_TEXT });
      const secondTurn = await readTurn(workflowId, afterGreeting.streamOffset);
      assert.deepEqual(chatEvents(secondTurn), [...lines, { kind: 'turn_done' }]);
      assert.equal(modelText(secondTurn), FAQ_TEXT);
      // Each model call of the turn announced its attempt and its end: triage, the FAQ agent's tool call, its answer.
      const attempts = secondTurn.flatMap(({ data }) => (data.kind === 'attempt' ? [data.agentName] : []));
      assert.deepEqual(attempts, [TRIAGE_NAME, FAQ_NAME, FAQ_NAME]);
      await conversation.signal(endConversationSignal);
      await conversation.result();
    });
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('goes on across continue-as-new: the next run keeps the offsets and the entries', async () => {
    const model = new ScriptedModelProvider(script);
    const workflowId = `customer-service-${randomUUID()}`;
    await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      await testEnv().client.workflow.start(customerService, {
        taskQueue,
        workflowId,
        args: [{ continueAsNewAfterTurns: 1 }],
      });
      const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
      const firstRunId = (await conversation.describe()).runId;
      const greeting = await conversation.executeUpdate(sendMessageUpdate, { args: [HELLO] });
      // The first run's view, asked of that run: it may have continued as new already.
      const before = await testEnv().client.workflow.getHandle(workflowId, firstRunId).query(chatViewQuery);
      assert.ok(before.streamOffset > 0);
      await vi.waitFor(async () => assert.notEqual((await conversation.describe()).runId, firstRunId), {
        timeout: 30_000,
        interval: 50,
      });
      assert.deepEqual(await conversation.query(chatViewQuery), before);
      // A page that saw the first run's entries reads on from the same offset in the next run.
      const nextTurn = conversation.executeUpdate(sendMessageUpdate, { args: [BAGS] });
      const entries = await readTurn(workflowId, before.streamOffset);
      assert.deepEqual(chatEvents(entries), [...(await nextTurn), { kind: 'turn_done' }]);
      assert.deepEqual(chatEvents(await readTurn(workflowId, 0)), [...greeting, { kind: 'turn_done' }]);
      await conversation.signal(endConversationSignal);
      await conversation.result();
    });
  });
});
