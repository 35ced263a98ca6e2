// Stateful MCP servers end to end: one connection per workflow run, held by a dedicated worker on the
// run's own task queue; what the first call stores, the next call reads; a lost worker or connection
// is a typed failure the workflow handles.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCPServerStdio, type ModelRequest } from '@openai/agents-core';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MCPFailureTypes, mcpActivityName, statefulTaskQueue } from '../../src/common/mcp.js';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import {
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import { StatefulMCPServerProvider, StatelessMCPServerProvider } from '../../src/worker/index.js';
import { lastToolOutput } from '../tool-output.js';
import {
  directCall,
  noteAcrossWait,
  proceed,
  statefulAgent,
  statefulWithoutConnect,
  statelessNotesAgent,
} from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const serverScript = fileURLToPath(new URL('./stdio-server.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const eventsLog = join(mkdtempSync(join(tmpdir(), 'mcp-stateful-')), 'events.log');
writeFileSync(eventsLog, '');
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const stdioServer = () =>
  new MCPServerStdio({
    name: 'Notes',
    command: process.execPath,
    args: [serverScript],
    env: { MCP_TEST_LOG: eventsLog },
  });

const activities = {
  ...new StatefulMCPServerProvider('Notes', stdioServer).activities,
  // A connection per call: a pooled connection would keep this server's notes between calls.
  ...new StatelessMCPServerProvider('TestServer', stdioServer, { pool: false }).activities,
  ...new StatefulMCPServerProvider('Broken', () => new MCPServerStdio({ command: '/nonexistent/mcp-server' }))
    .activities,
};

/** First run: store a note. Second run: read it back and answer with what the server returned. */
const rememberThenRecall = (request: ModelRequest, { agentTurn }: { agentTurn: number }) =>
  [
    () => toolCallResponse('remember', { key: 'color', value: 'teal' }),
    () => textResponse('stored'),
    () => toolCallResponse('recall', { key: 'color' }),
    () => textResponse(`answer: ${lastToolOutput(request)}`),
  ][agentTurn]?.() ?? textResponse('no more turns');

const processesRunning = () => {
  const lines = readFileSync(eventsLog, 'utf8').split('\n');
  return (
    lines.filter((line) => line.startsWith('start')).length - lines.filter((line) => line.startsWith('exit')).length
  );
};

/** Waits until noteAcrossWait has stored its note (its first call on the dedicated worker completed). */
async function untilNoteStored(handle: WorkflowHandle): Promise<void> {
  const callTool = mcpActivityName('Notes-stateful', 'call-tool');
  for (let i = 0; i < 600; i++) {
    const events = (await handle.fetchHistory()).events ?? [];
    const callIds = events
      .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === callTool)
      .map((event) => Number(event.eventId));
    if (events.some((e) => callIds.includes(Number(e.activityTaskCompletedEventAttributes?.scheduledEventId)))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('the note was never stored');
}

/** Server processes the events log shows started and not yet ended. */
const runningServerPids = (): number[] => {
  const lines = readFileSync(eventsLog, 'utf8').split('\n');
  const pids = (kind: string) =>
    lines.filter((line) => line.startsWith(kind)).map((line) => Number(line.split(' ')[1]));
  const exited = new Set(pids('exit'));
  return pids('start').filter((pid) => !exited.has(pid));
};

describe('stateful MCP server', () => {
  it('keeps one connection for the run: the second run reads what the first stored; it closes with the scope', async () => {
    const model = new ScriptedModelProvider({ 'Notes agent': rememberThenRecall });
    const { result, history, workflowId } = await testEnv().runWorkflow(
      statefulAgent,
      [['Remember that my color is teal.', 'What is my color?'], {}],
      { workflowsPath, activities, modelProvider: model },
    );
    assert.deepEqual(result, ['stored', 'answer: teal']);

    const { runId } = await testEnv().client.workflow.getHandle(workflowId).describe();
    const scheduled = (history.events ?? []).flatMap((event) => {
      const attributes = event.activityTaskScheduledEventAttributes;
      return attributes ? [{ type: attributes.activityType?.name, queue: attributes.taskQueue?.name }] : [];
    });
    const dedicated = statefulTaskQueue('Notes', runId);
    assert.deepEqual(
      scheduled.filter((activity) => activity.type !== INVOKE_MODEL_ACTIVITY).map((a) => `${a.type} on ${a.queue}`),
      [
        `${mcpActivityName('Notes-stateful', 'server-session')} on ${scheduled[0]?.queue}`,
        ...['list-tools', 'call-tool', 'list-tools', 'list-tools', 'call-tool', 'list-tools', 'close'].map(
          (operation) => `${mcpActivityName('Notes-stateful', operation as 'close')} on ${dedicated}`,
        ),
      ],
    );
    assert.notEqual(scheduled[0]?.queue, dedicated, 'the session runs on the workflow’s own task queue');
    // Every MCP activity says what it does in the UI, the close too.
    const summaries = (history.events ?? []).flatMap((event) =>
      event.activityTaskScheduledEventAttributes?.activityType?.name === INVOKE_MODEL_ACTIVITY ||
      !event.activityTaskScheduledEventAttributes
        ? []
        : [Buffer.from(event.userMetadata?.summary?.data ?? new Uint8Array()).toString('utf8')],
    );
    assert.equal(summaries.length, 8);
    for (const summary of summaries) assert.match(summary, /^"Notes: .+"$/);
    assert.equal(summaries.at(-1), '"Notes: close the connection"');
    for (let i = 0; i < 100 && processesRunning() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(processesRunning(), 0, 'the server process ended with the scope');
  });

  it('the same conversation on a stateless server forgets the note between calls', async () => {
    const model = new ScriptedModelProvider({ 'MCP agent': rememberThenRecall });
    const { result } = await testEnv().runWorkflow(
      statelessNotesAgent,
      [['Remember that my color is teal.', 'What is my color?']],
      { workflowsPath, activities, modelProvider: model },
    );
    assert.deepEqual(result, ['stored', 'answer: no note named color']);
  });

  it('a connection that drops is a DedicatedWorkerFailure', async () => {
    const { error } = await testEnv().runFailingWorkflow(
      directCall,
      [{ server: 'Notes', kind: 'stateful', tool: 'crash' }],
      { workflowsPath, activities },
    );
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, MCPFailureTypes.dedicatedWorkerFailure);
    assert.match(error.cause.message, /connection to stateful MCP server "Notes" closed/);
  });

  it('a server process killed between calls is a DedicatedWorkerFailure on the next call', async () => {
    const before = new Set(runningServerPids());
    const result = await testEnv().withWorker({ workflowsPath, activities }, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(noteAcrossWait, {
        taskQueue,
        workflowId: `mcp-server-killed-${Date.now()}`,
        args: [{}],
      });
      await untilNoteStored(handle);
      const [pid] = runningServerPids().filter((running) => !before.has(running));
      assert.ok(pid, 'the session started a server process');
      process.kill(pid, 'SIGKILL');
      await handle.signal(proceed);
      return handle.result();
    });
    assert.equal(result.recalled, undefined);
    assert.match(result.lost ?? '', /^DedicatedWorkerFailure: The connection to stateful MCP server "Notes" closed/);
  });

  it('a server that fails to start fails the run’s operations with that failure', async () => {
    const { error } = await testEnv().runFailingWorkflow(
      directCall,
      [{ server: 'Broken', kind: 'stateful', tool: 'add' }],
      { workflowsPath, activities },
    );
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, MCPFailureTypes.serverStartFailed);
    assert.match(error.cause.message, /"Broken-stateful" failed to start/);
  });

  it('an unknown stateful server name fails at once and names the provider to register', async () => {
    const { error } = await testEnv().runFailingWorkflow(
      directCall,
      [{ server: 'Nowhere', kind: 'stateful', tool: 'add' }],
      { workflowsPath, activities },
    );
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, MCPFailureTypes.unknownServer);
    assert.match(error.cause.message, /StatefulMCPServerProvider\('Nowhere'/);
  });

  it('an operation before connect() says to connect first', async () => {
    const { error } = await testEnv().runFailingWorkflow(statefulWithoutConnect, [], { workflowsPath, activities });
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, MCPFailureTypes.notConnected);
    assert.match(error.cause.message, /call connect\(\) first/);
  });
});

describe('stateful MCP server whose worker is killed', () => {
  it('the workflow gets DedicatedWorkerFailure on its next call, handles it, and the history replays', async () => {
    const { code } = await testEnv().bundle(workflowsPath);
    const bundlePath = join(mkdtempSync(join(tmpdir(), 'mcp-bundle-')), 'bundle.js');
    writeFileSync(bundlePath, code);
    const taskQueue = `mcp-kill-${Date.now()}`;
    const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: testEnv().env.address,
        TASK_QUEUE: taskQueue,
        BUNDLE_PATH: bundlePath,
        MCP_TEST_LOG: eventsLog,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    for (let i = 0; i < 600 && !output.includes('worker ready'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(output, /worker ready/);

    const workflowId = `mcp-kill-${Date.now()}`;
    const handle = await testEnv().client.workflow.start(noteAcrossWait, {
      taskQueue,
      workflowId,
      args: [{ sessionOptions: { heartbeatTimeout: '2s' }, activityOptions: { scheduleToStartTimeout: '5s' } }],
    });
    await untilNoteStored(handle);

    child.kill('SIGKILL');
    await once(child, 'exit');
    const survivor = await testEnv().createWorker({ workflowsPath, taskQueue });
    const result = await survivor.runUntil(async () => {
      await handle.signal(proceed);
      return handle.result();
    });
    assert.equal(result.recalled, undefined);
    assert.match(result.lost ?? '', /^DedicatedWorkerFailure: /);
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });
});
