// Both samples on a real dev server with a scripted model: what a subscriber reads from the stream,
// what the workflow returns, and the finished history replayed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { INVOKE_MODEL_ACTIVITY, type ModelStreamItem, subscribeToWorkflowStream } from 'openai-agents-temporal';
import {
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ITEMS_TOPIC, type ItemEvent, TOKENS_TOPIC } from '../src/topics';
import { streamItems, streamText } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('stream-text', () => {
  it('a subscriber reads the answer as text deltas; the workflow saw the same ones; the history replays', async () => {
    const answer = 'Why did the scarecrow win an award? He was outstanding in his field.';
    const model = new ScriptedModelProvider({ Joker: textResponse(answer) });
    const { client } = testEnv();
    const workflowId = `stream-text-${randomUUID()}`;
    const { result, deltas } = await testEnv().withWorker(
      { workflowsPath, modelProvider: model },
      async (taskQueue) => {
        const handle = await client.workflow.start(streamText, { taskQueue, workflowId, args: ['Tell me a joke'] });
        const seen: string[] = [];
        for await (const { data } of subscribeToWorkflowStream<ModelStreamItem>(client, workflowId, {
          topics: [TOKENS_TOPIC],
          pollInterval: '20ms',
        })) {
          if (data.kind === 'event' && data.event.type === 'output_text_delta') seen.push(data.event.delta);
        }
        return { result: await handle.result(), deltas: seen };
      },
    );
    assert.equal(deltas.join(''), answer);
    assert.equal(deltas.length, answer.split(' ').length);
    assert.deepEqual(result, { answer, deltasInWorkflow: deltas.length });
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY]);
  });
});

describe('stream-items', () => {
  it('a subscriber reads the play-by-play: agent, tool call, tool output, message', async () => {
    const jokes = '1. One joke.\n2. Another joke.\n3. A third joke.';
    const model = new ScriptedModelProvider({
      Joker: [toolCallResponse('how_many_jokes', {}), textResponse(jokes)],
    });
    const activities = { howManyJokes: async () => 3 };
    const { client } = testEnv();
    const workflowId = `stream-items-${randomUUID()}`;
    const { result, items } = await testEnv().withWorker(
      { workflowsPath, modelProvider: model, activities },
      async (taskQueue) => {
        const handle = await client.workflow.start(streamItems, { taskQueue, workflowId, args: ['Hello'] });
        const seen: ItemEvent[] = [];
        for await (const { data } of subscribeToWorkflowStream<ItemEvent>(client, workflowId, {
          topics: [ITEMS_TOPIC],
          pollInterval: '20ms',
        })) {
          seen.push(data);
        }
        return { result: await handle.result(), items: seen };
      },
    );
    assert.deepEqual(items, [
      { kind: 'agent', detail: 'Joker' },
      { kind: 'tool_call', detail: 'how_many_jokes({})' },
      { kind: 'tool_output', detail: '3' },
      { kind: 'message', detail: jokes },
    ]);
    assert.equal(result, jokes);
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, 'howManyJokes', INVOKE_MODEL_ACTIVITY]);
  });
});
