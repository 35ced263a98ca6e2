// The five MCP samples with the worker's offline answers and real MCP servers: the npm filesystem and
// memory servers over stdio, and this folder's tools and prompt servers over HTTP on 127.0.0.1. The
// scripted model calls the servers' tools; the answers are made from what the servers returned.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import { scheduledActivityTypes, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { mcpServerProviders, SAMPLE_FILES } from '../src/mcp-servers';
import { offlineAnswers } from '../src/offline-answers';
import { type RunningMcpServer, serveMcp } from '../src/servers/http';
import { createPromptServer } from '../src/servers/prompts';
import { createToolsServer, localWeather, SECRET_WORDS } from '../src/servers/tools';
import * as workflows from '../src/workflows';
import { MITIGATION, SEED_NOTES } from '../src/workflows/memory-research-scratchpad';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

let toolsServer: RunningMcpServer;
let promptServer: RunningMcpServer;
let activities: object;
beforeAll(async () => {
  toolsServer = await serveMcp(createToolsServer);
  promptServer = await serveMcp(createPromptServer);
  // The worker's providers, pointed at this test's servers. Their activities are what the plugin registers.
  const providers = mcpServerProviders({ toolsServerUrl: toolsServer.url, promptServerUrl: promptServer.url });
  activities = Object.assign({}, ...providers.map((provider) => provider.activities));
});
afterAll(async () => {
  await toolsServer?.close();
  await promptServer?.close();
});

const offlineWorker = () => ({ workflowsPath, activities, modelProvider: offlineModelProvider(offlineAnswers) });

/** How many times each activity type was scheduled. */
function activityCounts(history: History): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of scheduledActivityTypes(history)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** The task queue each activity type was scheduled on. */
function activityQueues(history: History): Map<string, string> {
  const queues = new Map<string, string>();
  for (const event of history.events ?? []) {
    const attributes = event.activityTaskScheduledEventAttributes;
    const type = attributes?.activityType?.name;
    if (type && attributes?.taskQueue?.name) queues.set(type, attributes.taskQueue.name);
  }
  return queues;
}

describe('filesystem (stateless provider, npm filesystem server over stdio)', () => {
  it('lists the sample files, finds the first book and reads the songs, through the server’s tools', async () => {
    const { result, history } = await testEnv().runWorkflow(workflows.filesystem, [], offlineWorker());
    for (const file of readdirSync(SAMPLE_FILES)) assert.match(result, new RegExp(`- ${file}`));
    const firstBook = readFileSync(join(SAMPLE_FILES, 'favorite_books.txt'), 'utf8').split('\n')[0] ?? '';
    assert.ok(result.includes(firstBook.replace(/^1\.\s*/, '')), 'the #1 book, as the server read it');
    assert.deepEqual(activityCounts(history), {
      'FileSystemServer-stateless-list-tools': 1, // cacheToolsList: listed once for the three runs
      'FileSystemServer-stateless-call-tool': 4,
      [INVOKE_MODEL_ACTIVITY]: 7,
    });
  });
});

describe('memory research scratchpad (stateful provider, npm memory server over stdio)', () => {
  it('four steps on one connection: later steps find what the first stored, the updates show', async () => {
    const { result, history, workflowId } = await testEnv().runWorkflow(
      workflows.memoryResearchScratchpad,
      [],
      offlineWorker(),
    );
    const [write, query, synthesis, updates] = result.split('\n\n');
    assert.match(write ?? '', new RegExp(`^WRITE CONFIRMATIONS\\nStored ${SEED_NOTES.length} notes`));

    const emailNotes = SEED_NOTES.filter(
      (note) => note.tags.includes('email') && note.tags.includes('ai-summarization'),
    );
    assert.equal(
      query,
      `QUERY RESULTS\nTagged ai-summarization and email: ${emailNotes.map((n) => n.id).join(', ')}. (offline model)`,
    );
    for (const note of emailNotes) assert.ok(synthesis?.includes(`${note.text} (Note: ${note.id})`), note.id);

    const riskNotes = SEED_NOTES.filter((note) => note.tags.includes('risk') && note.id !== 'scratchpad/ai-sum/005');
    const listed = (updates ?? '').split('\n').filter((line) => line.startsWith('- '));
    assert.deepEqual(
      listed.map((line) => line.slice(2, line.indexOf(':'))),
      riskNotes.map((note) => note.id),
      'the deleted note is gone',
    );
    assert.ok(listed[0]?.endsWith(MITIGATION), 'the updated note carries its new observation');

    const { runId } = await testEnv().client.workflow.getHandle(workflowId).describe();
    const queues = activityQueues(history);
    assert.equal(queues.get('MemoryServer-stateful-call-tool'), `MemoryServer-stateful@${runId}`);
    assert.equal(queues.get('MemoryServer-stateful-close'), `MemoryServer-stateful@${runId}`);
    assert.equal(activityCounts(history)['MemoryServer-stateful-server-session'], 1, 'one connection for the run');
  });
});

describe('prompt server (stateless provider, streamable HTTP)', () => {
  it('the agent’s instructions are the prompt the server filled in', async () => {
    const worker = offlineWorker();
    const { result, history } = await testEnv().runWorkflow(
      workflows.promptServer,
      ['error handling', 'typescript'],
      worker,
    );
    assert.deepEqual(
      result.prompts.map((prompt) => prompt.slice(0, prompt.indexOf(':'))),
      ['generate_code_review_instructions', 'generate_review_rubric'],
    );
    assert.match(result.instructions, /typescript code reviewer\. Focus on error handling\./);
    assert.equal(worker.modelProvider.calls[0]?.request.systemInstructions, result.instructions);
    assert.deepEqual(scheduledActivityTypes(history), [
      'PromptServer-stateless-list-prompts',
      'PromptServer-stateless-get-prompt',
      INVOKE_MODEL_ACTIVITY,
    ]);
  });
});

for (const [name, workflow, server] of [
  ['SSE', workflows.sse, 'SseServer'],
  ['streamable HTTP', workflows.streamableHttp, 'StreamableHttpServer'],
] as const) {
  describe(`${name} (stateless provider, this folder’s tools server)`, () => {
    it('adds, reads the local weather and gets the secret word through the server', async () => {
      const { result, history } = await testEnv().runWorkflow(workflow, [], offlineWorker());
      const [sum, weather, secret] = result;
      assert.match(sum ?? '', new RegExp(`= ${7 + 22}\\.`));
      const tokyo = localWeather('Tokyo');
      assert.ok(weather?.includes(`${tokyo?.city}: ${tokyo?.temperatureC}°C, ${tokyo?.conditions}`), weather);
      const word = /The secret word is (\w+)/.exec(secret ?? '')?.[1];
      assert.ok(
        SECRET_WORDS.some((candidate) => candidate === word),
        secret,
      );
      assert.deepEqual(activityCounts(history), {
        [`${server}-stateless-list-tools`]: 6,
        [`${server}-stateless-call-tool`]: 3,
        [INVOKE_MODEL_ACTIVITY]: 6,
      });
    });
  });
}
