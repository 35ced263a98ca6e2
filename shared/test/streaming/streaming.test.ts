// Streaming model calls on a real dev server: the model activity publishes the model's events to the
// workflow's stream while the call runs, a client reads them from outside, and the run inside the
// workflow replays the same events from the activity's result.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import {
  type PollInput,
  type PollResult,
  type PublishInput,
  STREAM_OFFSET_QUERY,
  STREAM_POLL_UPDATE,
  STREAM_PUBLISH_SIGNAL,
} from '../../src/common/streaming.js';
import {
  responsesApiEvents,
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from '../../src/testing/index.js';
import {
  FailureTypes,
  type ModelStreamItem,
  type StreamEntry,
  subscribeToWorkflowStream,
} from '../../src/worker/index.js';
import * as workflows from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const { Payload } = temporal.api.common.v1;

const ANSWER = 'Streams carry the answer one word at a time, long before the call ends.';

/** Starts a one-argument workflow and reads its model stream to the end, with the run's result. */
async function runCollectingStream<R>(
  workflow: (prompt: string) => Promise<R>,
  workflowId: string,
  taskQueue: string,
): Promise<{ result: R; entries: StreamEntry<ModelStreamItem>[] }> {
  const { client } = testEnv();
  const handle = await client.workflow.start(workflow, { taskQueue, workflowId, args: ['Hi'] });
  const entries: StreamEntry<ModelStreamItem>[] = [];
  for await (const entry of subscribeToWorkflowStream<ModelStreamItem>(client, workflowId, { pollInterval: '20ms' })) {
    entries.push(entry);
  }
  return { result: await handle.result(), entries };
}

function modelActivityCompleted(history: History): boolean {
  return (history.events ?? []).some((event) => event.activityTaskCompletedEventAttributes);
}

/** The text deltas of one attempt of one model call, as a subscriber saw them. */
function deltasOf(entries: StreamEntry<ModelStreamItem>[], attempt: number): string[] {
  return entries.flatMap(({ data }) =>
    data.kind === 'event' && data.attempt === attempt && data.event.type === 'output_text_delta'
      ? [data.event.delta]
      : [],
  );
}

function kinds(entries: StreamEntry<ModelStreamItem>[]): string[] {
  return entries.map(({ data }) => (data.kind === 'event' ? data.event.type : data.kind));
}

describe('streamed model calls', () => {
  it('deltas reach a subscriber while the model activity runs; the run sees the same events; the history replays', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let deltasSent = 0;
    const model = new ScriptedModelProvider([textResponse(ANSWER)], {
      streaming: {
        // After three deltas the model waits until the test has seen them arrive (or, if they never
        // do, until a guard runs out, so the test fails on its assertion instead of hanging).
        beforeEvent: async (event) => {
          if (event.type === 'output_text_delta' && ++deltasSent === 4) {
            await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 20_000))]);
          }
        },
      },
    });
    const { client } = testEnv();
    const workflowId = `streamed-text-${randomUUID()}`;
    const entries: StreamEntry<ModelStreamItem>[] = [];
    let completedWhenThreeDeltasSeen: boolean | undefined;
    const result = await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      const handle = await client.workflow.start(workflows.streamedText, { taskQueue, workflowId, args: ['Hi'] });
      const subscription = subscribeToWorkflowStream<ModelStreamItem>(client, workflowId, {
        topics: [workflows.MODEL_TOPIC],
        pollInterval: '20ms',
      });
      for await (const entry of subscription) {
        entries.push(entry);
        if (completedWhenThreeDeltasSeen === undefined && deltasOf(entries, 1).length === 3) {
          completedWhenThreeDeltasSeen = modelActivityCompleted(await handle.fetchHistory());
          release();
        }
      }
      return handle.result();
    });

    // Order: three deltas were seen while the model activity had not completed.
    assert.equal(completedWhenThreeDeltasSeen, false);
    // The subscriber saw the whole attempt, numbered without gaps, then the workflow's `completed`.
    const deltaCount = ANSWER.split(' ').length;
    assert.deepEqual(kinds(entries), [
      'attempt',
      'response_started',
      ...Array(deltaCount).fill('output_text_delta'),
      'response_done',
      'completed',
    ]);
    assert.deepEqual(
      entries.flatMap(({ data }) => (data.kind === 'event' ? [data.sequence] : [])),
      Array.from({ length: deltaCount + 2 }, (_, index) => index),
    );
    assert.deepEqual(entries.at(-1)?.data, { kind: 'completed', call: 0, attempt: 1, events: deltaCount + 2 });
    assert.equal(deltasOf(entries, 1).join(''), ANSWER);
    assert.deepEqual(
      entries.map(({ offset }) => offset),
      entries.map((_, index) => index),
    );

    // Inside the workflow, the run saw the same events in the same order, from the activity's result.
    assert.equal(result.output, ANSWER);
    assert.deepEqual(result.deltas, deltasOf(entries, 1));
    assert.deepEqual(result.eventTypes, kinds(entries).slice(1, -1));

    // The history: the published batches arrived before the activity's result; it replays.
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY]);
    const events = history.events ?? [];
    const lastSignal = events.findLastIndex((event) => event.workflowExecutionSignaledEventAttributes);
    const completed = events.findIndex((event) => event.activityTaskCompletedEventAttributes);
    assert.ok(lastSignal > 0 && lastSignal < completed, 'every batch is in the history before the result');
  });

  it('a run that continues as new: the subscriber follows each run, in order, with and without the carried state', async () => {
    const model = new ScriptedModelProvider((_request, { callIndex }) => textResponse(`answer ${callIndex}`));
    for (const carryState of [true, false]) {
      const { client } = testEnv();
      const workflowId = `streamed-chain-${randomUUID()}`;
      const entries = await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
        const handle = await client.workflow.start(workflows.streamedChain, {
          taskQueue,
          workflowId,
          args: [{ remaining: 2, carryState }],
        });
        const seen: StreamEntry<ModelStreamItem | { remaining: number }>[] = [];
        const from = { runId: handle.firstExecutionRunId, pollInterval: '20ms' };
        for await (const entry of subscribeToWorkflowStream<ModelStreamItem | { remaining: number }>(
          client,
          workflowId,
          from,
        )) {
          seen.push(entry);
        }
        await handle.result();
        return seen;
      });
      const runs = entries.filter(({ topic }) => topic === 'runs');
      assert.deepEqual(
        runs.map(({ data }) => data),
        [{ remaining: 2 }, { remaining: 1 }, { remaining: 0 }],
      );
      assert.equal(new Set(runs.map(({ runId }) => runId)).size, 3, 'three runs served the stream');
      const completedCalls = entries.filter(({ data }) => 'kind' in data && data.kind === 'completed');
      assert.equal(completedCalls.length, 3);
      const offsets = entries.map(({ offset }) => offset);
      if (carryState) {
        assert.deepEqual(
          offsets,
          offsets.map((_, index) => index),
          'one stream across the runs',
        );
      } else {
        // Each run's stream starts again at 0, and the subscriber starts again with it.
        const perRun = entries.length / 3;
        assert.deepEqual(
          offsets,
          offsets.map((_, index) => index % perRun),
        );
      }
    }
  });

  it('streaming for one agent: its model comes from a streaming provider, in a plain run()', async () => {
    const model = new ScriptedModelProvider([textResponse('Only this agent streams')]);
    const workflowId = `streamed-agent-${randomUUID()}`;
    const { result, entries } = await testEnv().withWorker({ workflowsPath, modelProvider: model }, (taskQueue) =>
      runCollectingStream(workflows.streamedByAgentModel, workflowId, taskQueue),
    );
    assert.equal(result, 'Only this agent streams');
    assert.deepEqual(entries[0]?.data, {
      kind: 'attempt',
      call: 0,
      attempt: 1,
      agentName: 'Streamer',
      modelName: 'gpt-streamed',
    });
    assert.equal(deltasOf(entries, 1).join(''), 'Only this agent streams');
    assert.equal(model.calls[0]?.modelName, 'gpt-streamed');
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('streaming with local activities is refused with a configuration failure, before any model call', async () => {
    const model = new ScriptedModelProvider([textResponse('never')]);
    const { error } = await testEnv().runFailingWorkflow(workflows.streamedLocal, ['Hi'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ApplicationFailure, `got ${error.cause}`);
    assert.equal(error.cause.type, FailureTypes.configuration);
    assert.match(error.cause.message, /local activities/);
    assert.equal(model.calls.length, 0);
  });
});

describe('the stream protocol (Temporal Workflow Streams handler names and wire shapes)', () => {
  it('poll Update, offset Query and publish Signal work as a Workflow Streams client uses them', async () => {
    const { client } = testEnv();
    const workflowId = `hosted-stream-${randomUUID()}`;
    await testEnv().withWorker({ workflowsPath, modelProvider: new ScriptedModelProvider([]) }, async (taskQueue) => {
      const handle = await client.workflow.start(workflows.hostedStream, { taskQueue, workflowId });
      const poll = (input: PollInput) =>
        handle.executeUpdate<PollResult, [PollInput]>(STREAM_POLL_UPDATE, { args: [input] });
      const decode = (data: string) => {
        const payload = Payload.decode(Buffer.from(data, 'base64'));
        return {
          encoding: Buffer.from(payload.metadata.encoding ?? []).toString(),
          value: JSON.parse(Buffer.from(payload.data).toString()),
        };
      };

      const first = await poll({ topics: [], from_offset: 0 });
      assert.deepEqual(
        first.items.map(({ topic, offset, data }) => ({ topic, offset, ...decode(data) })),
        ['hello', 'hola', 'bonjour'].map((text, offset) => ({
          topic: 'greetings',
          offset,
          encoding: 'json/plain',
          value: { text },
        })),
      );
      assert.equal(first.next_offset, 3);
      assert.equal(first.more_ready, false);

      // Another language's publisher: a Payload protobuf in base64. Sent twice, kept once.
      const payload = Payload.encode({
        metadata: { encoding: Buffer.from('json/plain') },
        data: Buffer.from(JSON.stringify({ text: 'hallo' })),
      }).finish();
      const batch: PublishInput = {
        items: [{ topic: 'greetings', data: Buffer.from(payload).toString('base64') }],
        publisher_id: 'foreign-publisher',
        sequence: 1,
      };
      await handle.signal(STREAM_PUBLISH_SIGNAL, batch);
      await handle.signal(STREAM_PUBLISH_SIGNAL, batch);
      const next = await poll({ topics: ['greetings'], from_offset: 3 });
      assert.deepEqual(
        next.items.map(({ offset, data }) => ({ offset, ...decode(data) })),
        [{ offset: 3, encoding: 'json/plain', value: { text: 'hallo' } }],
      );
      assert.equal(await handle.query<number>(STREAM_OFFSET_QUERY), 4);

      await handle.signal(workflows.finish);
      assert.equal(await handle.result(), 4);
    });
  });
});

describe('the default OpenAI provider streams over HTTP (local OpenAI-compatible server)', () => {
  it('asks for a Responses API stream; its deltas reach subscribers and the run', async () => {
    const text = 'Hello from a streamed local server';
    await withFakeOpenAIServer(
      () => ({ events: responsesApiEvents(text, 'resp_streamed') }),
      async (server) => {
        const workflowId = `streamed-openai-${randomUUID()}`;
        const { result, entries } = await testEnv().withWorker({ workflowsPath }, (taskQueue) =>
          runCollectingStream(workflows.streamedTextWithRawEvents, workflowId, taskQueue),
        );
        assert.equal((server.requests[0]?.body as { stream?: unknown } | undefined)?.stream, true);
        assert.equal(result.output, text);
        assert.equal(deltasOf(entries, 1).join(''), text);
        assert.deepEqual(result.deltas, deltasOf(entries, 1));
        // The provider's raw events came too (asked for), one per server-sent event.
        const raw = entries.flatMap(({ data }) =>
          data.kind === 'event' && data.event.type === 'model'
            ? [(data.event as { event: { type: string } }).event.type]
            : [],
        );
        assert.equal(raw.length, text.split(' ').length + 4);
        assert.equal(raw.at(-1), 'response.completed');
        // The final event carries the response the server completed.
        const done = entries.flatMap(({ data }) =>
          data.kind === 'event' && data.event.type === 'response_done' ? [data.event.response.id] : [],
        );
        assert.deepEqual(done, ['resp_streamed']);
        await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
      },
    );
  });
});
