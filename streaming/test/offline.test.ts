// Both samples with the folder's offline answers, as the worker runs them without OPENAI_API_KEY.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ModelStreamItem, subscribeToWorkflowStream } from 'openai-agents-temporal';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as activities from '../src/activities';
import { offlineAnswers } from '../src/offline-answers';
import { ITEMS_TOPIC, type ItemEvent, TOKENS_TOPIC } from '../src/topics';
import { streamItems, streamText } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const offlineWorker = { workflowsPath, activities, modelProvider: offlineModelProvider(offlineAnswers) };

describe('offline model (the worker without OPENAI_API_KEY)', () => {
  it('stream-text: five jokes, streamed word by word', async () => {
    const { client } = testEnv();
    const workflowId = `stream-text-${randomUUID()}`;
    const { result, deltas } = await testEnv().withWorker(offlineWorker, async (taskQueue) => {
      const handle = await client.workflow.start(streamText, {
        taskQueue,
        workflowId,
        args: ['Please tell me 5 jokes.'],
      });
      const seen: string[] = [];
      for await (const { data } of subscribeToWorkflowStream<ModelStreamItem>(client, workflowId, {
        topics: [TOKENS_TOPIC],
      })) {
        if (data.kind === 'event' && data.event.type === 'output_text_delta') seen.push(data.event.delta);
      }
      return { result: await handle.result(), deltas: seen };
    });
    assert.equal(deltas.join(''), result.answer);
    assert.equal(result.deltasInWorkflow, deltas.length);
    assert.deepEqual(result.answer.split('\n').filter((line) => /^\d\. /.test(line)).length, 5);
    assert.match(result.answer, /\(offline model\)$/);
    // The README shows this run's output: its count is this run's.
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    assert.match(readme, new RegExp(`Result \\(the workflow saw the same ${deltas.length} text deltas\\)`));
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('stream-items: the tool decides how many jokes; the message tells that many', async () => {
    const { client } = testEnv();
    const workflowId = `stream-items-${randomUUID()}`;
    const { result, items } = await testEnv().withWorker(offlineWorker, async (taskQueue) => {
      const handle = await client.workflow.start(streamItems, { taskQueue, workflowId, args: ['Hello'] });
      const seen: ItemEvent[] = [];
      for await (const { data } of subscribeToWorkflowStream<ItemEvent>(client, workflowId, {
        topics: [ITEMS_TOPIC],
      })) {
        seen.push(data);
      }
      return { result: await handle.result(), items: seen };
    });
    assert.deepEqual(
      items.map(({ kind }) => kind),
      ['agent', 'tool_call', 'tool_output', 'message'],
    );
    const count = Number(items[2]?.detail);
    assert.ok(count >= 1 && count <= 10, `drew ${items[2]?.detail}`);
    assert.equal(result.split('\n').filter((line) => /^\d+\. /.test(line)).length, count);
    assert.equal(items[3]?.detail, result);
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });
});
