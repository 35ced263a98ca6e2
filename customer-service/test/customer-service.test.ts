// The customer service conversation on a real Temporal dev server, with a scripted model on the
// worker: turns through Updates, the validator, the history Query, continue-as-new, and a worker
// replaced between turns. Every finished history is replayed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  type AgentScript,
  AgentsTestEnvironment,
  fetchHistory,
  findTemporalCli,
  handoffResponse,
  replayHistory,
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { offlineModelProvider, userTexts } from 'sample-kit';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import { customerService } from '../src/workflows';
import {
  FAQ_ANSWERS,
  FAQ_NAME,
  FAQ_TOOL,
  SEAT_BOOKING_NAME,
  TRIAGE_NAME,
  UPDATE_SEAT_TOOL,
} from '../src/workflows/airline-agents';
import {
  type ChatLine,
  endConversationSignal,
  historyQuery,
  MAX_MESSAGE_LENGTH,
  sendMessageUpdate,
  summaryQuery,
} from '../src/workflows/customer-service';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const HELLO = 'Hello there';
const BAGS = 'How much baggage can I bring?';
const WIFI = 'Is there wifi on board?';
const CHANGE_SEAT = 'I want to change my seat';
const DETAILS = 'ABC123, seat 14C';
const LOOP = 'Go round in circles';
const ASK_DETAILS = 'Your confirmation number and seat, please?';

const latestMessage = (request: ModelRequest) => userTexts(request).at(-1) ?? '';

/** What the tool returned when that is the last item of the request: the agent's call right after the tool's. */
function justReturned(request: ModelRequest, toolName: string): string | undefined {
  const last = typeof request.input === 'string' ? undefined : request.input.at(-1);
  if (last?.type !== 'function_call_result' || last.name !== toolName) return undefined;
  const { output } = last;
  if (typeof output === 'string') return output;
  return 'text' in output && typeof output.text === 'string' ? output.text : JSON.stringify(output);
}

/** The test's airline: triage routes by message, the FAQ agent looks answers up, the seat agent changes seats. */
const airline: AgentScript = {
  [TRIAGE_NAME]: (request) => {
    const message = latestMessage(request);
    if (message === BAGS || message === WIFI || message === LOOP) return handoffResponse(FAQ_NAME);
    if (message === CHANGE_SEAT) return handoffResponse(SEAT_BOOKING_NAME);
    return textResponse(`Triage heard: ${message}`);
  },
  [FAQ_NAME]: (request) => {
    const answer = justReturned(request, FAQ_TOOL);
    if (answer !== undefined) return textResponse(`FAQ: ${answer}`);
    const message = latestMessage(request);
    if (message === CHANGE_SEAT || message === LOOP) return handoffResponse(TRIAGE_NAME);
    return toolCallResponse(FAQ_TOOL, { question: message });
  },
  [SEAT_BOOKING_NAME]: (request) => {
    if (justReturned(request, UPDATE_SEAT_TOOL) !== undefined) return textResponse('Seat updated.');
    const message = latestMessage(request);
    if (message === DETAILS)
      return toolCallResponse(UPDATE_SEAT_TOOL, { confirmationNumber: 'ABC123', newSeat: '14C' });
    if (message === CHANGE_SEAT) return textResponse(ASK_DETAILS);
    return textResponse(`Seat agent heard: ${message}`);
  },
};

const userLine = (text: string): ChatLine => ({ kind: 'user', text });

/** A rejected or failed update's failure. */
async function updateFailure(sending: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await sending.then(
    () => assert.fail('the message was accepted'),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof WorkflowUpdateFailedError, `not an update failure: ${error}`);
  assert.ok(error.cause instanceof ApplicationFailure);
  return error.cause;
}

describe('customer service', () => {
  it('holds a conversation of several turns through Updates; the Query returns the whole history', async () => {
    const model = new ScriptedModelProvider(airline);
    const workflowId = `customer-service-${randomUUID()}`;
    const replies = await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
      const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
      const replies: ChatLine[][] = [];
      for (const message of [HELLO, BAGS, CHANGE_SEAT, DETAILS]) {
        replies.push(await conversation.executeUpdate(sendMessageUpdate, { args: [message] }));
      }

      // Each reply is the turn's lines: the message, handoffs, tool calls and results, the answer.
      assert.deepEqual(replies[0], [
        userLine(HELLO),
        { kind: 'agent', agent: TRIAGE_NAME, text: `Triage heard: ${HELLO}` },
      ]);
      assert.deepEqual(replies[1], [
        userLine(BAGS),
        { kind: 'handoff', from: TRIAGE_NAME, to: FAQ_NAME },
        { kind: 'tool_call', agent: FAQ_NAME, tool: FAQ_TOOL, arguments: JSON.stringify({ question: BAGS }) },
        { kind: 'tool_output', agent: FAQ_NAME, output: FAQ_ANSWERS.bags },
        { kind: 'agent', agent: FAQ_NAME, text: `FAQ: ${FAQ_ANSWERS.bags}` },
      ]);
      // The FAQ agent answered the last message, so it gets this one first, and hands it back to triage.
      assert.deepEqual(replies[2], [
        userLine(CHANGE_SEAT),
        { kind: 'handoff', from: FAQ_NAME, to: TRIAGE_NAME },
        { kind: 'handoff', from: TRIAGE_NAME, to: SEAT_BOOKING_NAME },
        { kind: 'agent', agent: SEAT_BOOKING_NAME, text: ASK_DETAILS },
      ]);
      const [, seatCall, seatOutput, seatAnswer] = replies[3] ?? [];
      assert.deepEqual(seatCall, {
        kind: 'tool_call',
        agent: SEAT_BOOKING_NAME,
        tool: UPDATE_SEAT_TOOL,
        arguments: JSON.stringify({ confirmationNumber: 'ABC123', newSeat: '14C' }),
      });
      assert.equal(seatOutput?.kind, 'tool_output');
      assert.match(
        seatOutput.kind === 'tool_output' ? seatOutput.output : '',
        /^Seat changed to 14C on flight FLT-\d{3}, confirmation/,
      );
      assert.deepEqual(seatAnswer, { kind: 'agent', agent: SEAT_BOOKING_NAME, text: 'Seat updated.' });

      assert.deepEqual(await conversation.query(historyQuery), replies.flat());
      // The handoff assigned a flight; the seat tool wrote the booking into the context.
      const { currentAgent, context } = await conversation.query(summaryQuery);
      assert.equal(currentAgent, SEAT_BOOKING_NAME);
      assert.match(context.flightNumber ?? '', /^FLT-\d{3}$/);
      assert.deepEqual(
        { ...context, flightNumber: undefined },
        {
          flightNumber: undefined,
          confirmationNumber: 'ABC123',
          seatNumber: '14C',
        },
      );

      await conversation.signal(endConversationSignal);
      assert.deepEqual(await conversation.result(), replies.flat());
      return replies;
    });

    // The last message went straight to the seat agent, with the whole conversation as input.
    const lastTurn = model.calls.filter((call) => latestMessage(call.request) === DETAILS);
    assert.equal(lastTurn[0]?.agentName, SEAT_BOOKING_NAME);
    assert.deepEqual(userTexts(lastTurn[0]?.request as ModelRequest), [HELLO, BAGS, CHANGE_SEAT, DETAILS]);
    assert.equal(replies.length, 4);
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('the validator rejects empty and oversized messages with a clear error, and nothing is lost', async () => {
    const model = new ScriptedModelProvider(airline);
    const workflowId = `customer-service-${randomUUID()}`;
    await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
      const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
      const first = await conversation.executeUpdate(sendMessageUpdate, { args: [HELLO] });
      const callsSoFar = model.calls.length;

      const tooLong = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
      for (const [message, reason] of [
        ['', /The message is empty/],
        ['  \n ', /The message is empty/],
        [42, /must be a string of text; got a number/],
        [null, /must be a string of text; got null/],
        [tooLong, /1001 characters long; the limit is 1000\. Shorten it/],
        ['🙂'.repeat(MAX_MESSAGE_LENGTH + 1), /1001 characters long/],
      ] as const) {
        const failure = await updateFailure(
          conversation.executeUpdate(sendMessageUpdate, { args: [message as string] }),
        );
        assert.equal(failure.type, 'InvalidMessage');
        assert.match(failure.message, reason);
      }
      // Nothing reached the agents or the history.
      assert.equal(model.calls.length, callsSoFar);
      assert.deepEqual(await conversation.query(historyQuery), first);

      // The conversation goes on; a message at the limit is accepted, counted as a person counts:
      // 1000 emoji are 1000 characters (2000 UTF-16 code units).
      const atLimit = '👋'.repeat(MAX_MESSAGE_LENGTH);
      const second = await conversation.executeUpdate(sendMessageUpdate, { args: [atLimit] });
      assert.deepEqual(second[0], userLine(atLimit));
      assert.deepEqual(await conversation.query(historyQuery), [...first, ...second]);
      await conversation.signal(endConversationSignal);
      await conversation.result();
    });
    // Rejected updates leave no trace in the workflow's history: only the two accepted ones.
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    const accepted = (history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    assert.equal(accepted.length, 2);
  });

  it('an agents error fails that message only: the conversation is as it was and goes on', async () => {
    const model = new ScriptedModelProvider(airline);
    const workflowId = `customer-service-${randomUUID()}`;
    await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
      const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
      const first = await conversation.executeUpdate(sendMessageUpdate, { args: [HELLO] });

      // Triage and FAQ hand this one back and forth until the run's turn limit stops them.
      const failure = await updateFailure(conversation.executeUpdate(sendMessageUpdate, { args: [LOOP] }));
      assert.equal(failure.type, 'MaxTurnsExceededError');
      assert.match(failure.message, /^The agents could not answer: /);
      assert.deepEqual(await conversation.query(historyQuery), first);
      assert.equal((await conversation.query(summaryQuery)).currentAgent, TRIAGE_NAME);

      const next = await conversation.executeUpdate(sendMessageUpdate, { args: [WIFI] });
      assert.deepEqual(next.at(-1), { kind: 'agent', agent: FAQ_NAME, text: `FAQ: ${FAQ_ANSWERS.wifi}` });
      // The next turn's input holds the earlier message, not the failed one.
      assert.deepEqual(userTexts(model.calls.at(-1)?.request as ModelRequest), [HELLO, WIFI]);
      await conversation.signal(endConversationSignal);
      await conversation.result();
    });
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('runs messages that arrive together one at a time, in order', async () => {
    const model = new ScriptedModelProvider(airline);
    const workflowId = `customer-service-${randomUUID()}`;
    await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
      const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
      const [one, two] = await Promise.all(
        ['first message', 'second message'].map((message) =>
          conversation.executeUpdate(sendMessageUpdate, { args: [message] }),
        ),
      );
      assert.ok(one && two);
      assert.deepEqual(one[1], { kind: 'agent', agent: TRIAGE_NAME, text: 'Triage heard: first message' });
      assert.deepEqual(two[1], { kind: 'agent', agent: TRIAGE_NAME, text: 'Triage heard: second message' });
      // The turns did not interleave, and the later one saw the earlier one.
      const history = await conversation.query(historyQuery);
      const messages = history.flatMap((line) => (line.kind === 'user' ? [line.text] : []));
      const [earlier, later] = messages[0] === 'first message' ? [one, two] : [two, one];
      assert.deepEqual(history, [...earlier, ...later]);
      assert.deepEqual(userTexts(model.calls[1]?.request as ModelRequest), messages);
      await conversation.signal(endConversationSignal);
      await conversation.result();
    });
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  // Two turns make four model calls (a handoff and an answer, a tool call and an answer): a replay
  // budget of three and a half calls' work ends the run after the second turn, as does a turn count.
  it.each([
    ['after a set number of turns', { continueAsNewAfterTurns: 2 }],
    ['on its replay budget', { thresholds: { maxReplayWork: 700_000 } }],
  ])('continues as new %s with the conversation, the context and the current agent intact', async (_, input) => {
    const firstModel = new ScriptedModelProvider(airline);
    const workflowId = `customer-service-${randomUUID()}`;
    const taskQueue = `customer-service-${randomUUID()}`;
    const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
    const { firstRunId, replies, before } = await testEnv().withWorker(
      { workflowsPath, modelProvider: firstModel, taskQueue },
      async () => {
        // In production the run continues on the plugin's default budget, or when Temporal suggests it.
        await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [input] });
        const firstRunId = (await conversation.describe()).runId;
        const replies = [
          await conversation.executeUpdate(sendMessageUpdate, { args: [CHANGE_SEAT] }),
          await conversation.executeUpdate(sendMessageUpdate, { args: [DETAILS] }),
        ];
        const before = await conversation.query(summaryQuery);
        await vi.waitFor(async () => assert.notEqual((await conversation.describe()).runId, firstRunId), {
          timeout: 30_000,
          interval: 50,
        });
        return { firstRunId, replies, before };
      },
    );

    // The new run goes on on another worker, whose model has seen nothing of the conversation: it
    // rebuilds it from the first run's history.
    const secondModel = new ScriptedModelProvider(airline);
    await testEnv().withWorker({ workflowsPath, modelProvider: secondModel, taskQueue }, async () => {
      // The new run has everything: the history, the booking, and who answers next.
      assert.deepEqual(await conversation.query(historyQuery), replies.flat());
      assert.deepEqual(await conversation.query(summaryQuery), before);
      assert.equal(before.currentAgent, SEAT_BOOKING_NAME);
      assert.equal(before.context.seatNumber, '14C');
      replies.push(await conversation.executeUpdate(sendMessageUpdate, { args: ['Thanks'] }));
      assert.deepEqual(replies[2]?.at(-1), {
        kind: 'agent',
        agent: SEAT_BOOKING_NAME,
        text: 'Seat agent heard: Thanks',
      });
      assert.deepEqual(await conversation.query(historyQuery), replies.flat());

      await conversation.signal(endConversationSignal);
      assert.deepEqual(await conversation.result(), replies.flat());
    });

    // The third message went to the seat agent, with the first run's conversation as input.
    assert.equal(secondModel.calls.length, 1);
    const thanks = secondModel.calls[0];
    assert.equal(thanks?.agentName, SEAT_BOOKING_NAME);
    assert.deepEqual(userTexts(thanks?.request as ModelRequest), [CHANGE_SEAT, DETAILS, 'Thanks']);
    // It saw the first run's last call whole (the handoff, the tool call and their outputs), then that
    // call's answer and the new message.
    const thanksInput = thanks?.request.input;
    const lastOfFirstRun = firstModel.calls.at(-1)?.request.input;
    assert.ok(Array.isArray(thanksInput) && Array.isArray(lastOfFirstRun));
    assert.deepEqual(thanksInput.slice(0, lastOfFirstRun.length), lastOfFirstRun);
    assert.equal(thanksInput.length, lastOfFirstRun.length + 2);
    // The workflow handed the runner only the new message: the second run's model call names the
    // conversation it continues instead of carrying it.
    const secondRun = await fetchHistory(testEnv().client, workflowId);
    const scheduled = secondRun.events?.flatMap((event) => {
      const attributes = event.activityTaskScheduledEventAttributes;
      const data = attributes?.input?.payloads?.[0]?.data;
      if (attributes?.activityType?.name !== 'OpenAIAgents.invokeModel' || !data) return [];
      return [JSON.parse(new TextDecoder().decode(data)) as { conversationBase?: unknown; request: ModelRequest }];
    });
    assert.equal(scheduled?.length, 1);
    assert.ok(scheduled?.[0]?.conversationBase);
    assert.deepEqual(userTexts(scheduled?.[0]?.request as ModelRequest), ['Thanks']);
    assert.equal(replies.length, 3);

    // The first run ended by continuing as new; both runs replay.
    const firstRun = await fetchHistory(testEnv().client, workflowId, firstRunId);
    assert.ok(firstRun.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes);
    await replayHistory(firstRun, { workflowBundle: await testEnv().bundle(workflowsPath) }, workflowId);
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('continues as new when Temporal suggests it', async () => {
    // A server of its own that suggests continue-as-new after 40 history events instead of 4,096.
    const cli = findTemporalCli();
    const server = await TestWorkflowEnvironment.createLocal({
      server: {
        ...(cli ? { executable: { type: 'existing-path' as const, path: cli } } : {}),
        extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=40'],
      },
    });
    const env = await AgentsTestEnvironment.start({ address: server.address });
    try {
      const model = new ScriptedModelProvider(airline);
      const workflowId = `customer-service-${randomUUID()}`;
      const { firstRunId, replies } = await env.withWorker(
        { workflowsPath, modelProvider: model },
        async (taskQueue) => {
          await env.client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
          const conversation = env.client.workflow.getHandle<typeof customerService>(workflowId);
          const firstRunId = (await conversation.describe()).runId;
          const replies: ChatLine[][] = [];
          // Each turn adds about a dozen events; the suggestion comes within a few turns.
          for (let turn = 1; turn <= 10 && (await conversation.describe()).runId === firstRunId; turn += 1) {
            replies.push(await conversation.executeUpdate(sendMessageUpdate, { args: [`Message ${turn}`] }));
          }
          await vi.waitFor(async () => assert.notEqual((await conversation.describe()).runId, firstRunId), {
            timeout: 30_000,
            interval: 50,
          });
          assert.deepEqual(await conversation.query(historyQuery), replies.flat());
          replies.push(await conversation.executeUpdate(sendMessageUpdate, { args: ['After'] }));
          assert.deepEqual(await conversation.query(historyQuery), replies.flat());
          await conversation.signal(endConversationSignal);
          await conversation.result();
          return { firstRunId, replies };
        },
      );

      // The first run saw the server's suggestion, then continued as new.
      const firstRun = await fetchHistory(env.client, workflowId, firstRunId);
      assert.ok(firstRun.events?.some((event) => event.workflowTaskStartedEventAttributes?.suggestContinueAsNew));
      assert.ok(firstRun.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes);
      // The message after it saw the whole conversation.
      const messages = replies.map((lines) => (lines[0]?.kind === 'user' ? lines[0].text : ''));
      assert.deepEqual(userTexts(model.calls.at(-1)?.request as ModelRequest), messages);
      await replayHistory(firstRun, { workflowBundle: await env.bundle(workflowsPath) }, workflowId);
      await env.replayAndKeepHistory(workflowsPath, workflowId);
    } finally {
      await env.teardown();
      await server.teardown();
    }
  });

  it('loses nothing when its worker stops between turns: another worker on the same queue carries on', async () => {
    const taskQueue = `customer-service-${randomUUID()}`;
    const workflowId = `customer-service-${randomUUID()}`;
    const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);

    const firstModel = new ScriptedModelProvider(airline);
    const firstWorker = await testEnv().createWorker({ workflowsPath, modelProvider: firstModel, taskQueue });
    const earlier = await firstWorker.runUntil(async () => {
      await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
      return [
        await conversation.executeUpdate(sendMessageUpdate, { args: [HELLO] }),
        await conversation.executeUpdate(sendMessageUpdate, { args: [BAGS] }),
      ];
    });
    const firstWorkerCalls = firstModel.calls.length;

    // The first worker is gone; the conversation lives in Temporal. A new worker rebuilds it by replay.
    const secondModel = new ScriptedModelProvider(airline);
    const secondWorker = await testEnv().createWorker({ workflowsPath, modelProvider: secondModel, taskQueue });
    const { later, history } = await secondWorker.runUntil(async () => {
      const later = await conversation.executeUpdate(sendMessageUpdate, { args: [WIFI] });
      const history = await conversation.query(historyQuery);
      await conversation.signal(endConversationSignal);
      await conversation.result();
      return { later, history };
    });

    assert.deepEqual(history, [...earlier.flat(), ...later]);
    assert.deepEqual(later.at(-1), { kind: 'agent', agent: FAQ_NAME, text: `FAQ: ${FAQ_ANSWERS.wifi}` });
    // No model call was made twice: the second worker made only the new turn's calls, starting with
    // the FAQ agent that answered last, and it saw the whole conversation.
    assert.equal(firstModel.calls.length, firstWorkerCalls);
    assert.deepEqual(
      secondModel.calls.map((call) => [call.agentName, latestMessage(call.request)]),
      [
        [FAQ_NAME, WIFI],
        [FAQ_NAME, WIFI],
      ],
    );
    assert.deepEqual(userTexts(secondModel.calls[0]?.request as ModelRequest), [HELLO, BAGS, WIFI]);
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('chats end to end on the worker’s offline answers', async () => {
    const workflowId = `customer-service-${randomUUID()}`;
    await testEnv().withWorker(
      { workflowsPath, modelProvider: offlineModelProvider(offlineAnswers) },
      async (taskQueue) => {
        await testEnv().client.workflow.start(customerService, { taskQueue, workflowId, args: [{}] });
        const conversation = testEnv().client.workflow.getHandle<typeof customerService>(workflowId);
        const send = (message: string) => conversation.executeUpdate(sendMessageUpdate, { args: [message] });

        const bags = await send(BAGS);
        assert.deepEqual(bags.at(-1), { kind: 'agent', agent: FAQ_NAME, text: `(offline model) ${FAQ_ANSWERS.bags}` });
        const seat = await send(CHANGE_SEAT);
        assert.deepEqual(seat.at(-1), {
          kind: 'agent',
          agent: SEAT_BOOKING_NAME,
          text: '(offline model) What is your confirmation number?',
        });
        const changed = await send('ABC123, seat 14C please');
        const answer = changed.at(-1);
        assert.equal(answer?.kind, 'agent');
        assert.match(answer.text, /Seat changed to 14C/);
        const { context } = await conversation.query(summaryQuery);
        assert.equal(context.seatNumber, '14C');
        assert.equal(context.confirmationNumber, 'ABC123');
        await conversation.signal(endConversationSignal);
        await conversation.result();
      },
    );
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });
});
