// Stateless MCP servers end to end: a real MCP server over stdio, spawned by the provider's activities
// on the worker, used from workflows through statelessMcpServer; the scripted model calls its tools.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCPServerStdio } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MCPFailureTypes, mcpActivityName } from '../../src/common/mcp.js';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import {
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import { StatelessMCPServerProvider } from '../../src/worker/index.js';
import { lastToolOutput } from '../tool-output.js';
import { directCall, mcpServerClassInWorkflow, prompts, statelessAgent } from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const serverScript = fileURLToPath(new URL('./stdio-server.ts', import.meta.url));
const eventsLog = join(mkdtempSync(join(tmpdir(), 'mcp-stateless-')), 'events.log');
writeFileSync(eventsLog, '');
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const stdioServer = (options: { tenant?: string; timeout?: number } = {}) =>
  new MCPServerStdio({
    name: 'TestServer',
    command: process.execPath,
    args: [serverScript],
    env: { MCP_TEST_LOG: eventsLog, MCP_TEST_TENANT: options.tenant ?? 'nobody' },
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });

// A connection per call (`pool: false`): these tests count server processes per operation. Pooled
// connections are tested in pool.test.ts.
const perCall = { pool: false } as const;
const activities = {
  ...new StatelessMCPServerProvider('TestServer', (tenant: string | undefined) => stdioServer({ tenant }), perCall)
    .activities,
  ...new StatelessMCPServerProvider('ImpatientServer', () => stdioServer({ timeout: 300 }), perCall).activities,
  ...new StatelessMCPServerProvider('Broken', () => new MCPServerStdio({ command: '/nonexistent/mcp-server' }), perCall)
    .activities,
};

const LIST = mcpActivityName('TestServer-stateless', 'list-tools');
const CALL = mcpActivityName('TestServer-stateless', 'call-tool');

/** The model calls `tool` with `args` on even turns, and answers with the tool's output on odd ones. */
const callsTool = (tool: string, args: (turn: number) => Record<string, unknown>) =>
  new ScriptedModelProvider({
    'MCP agent': (request, { agentTurn }) =>
      agentTurn % 2 === 0
        ? toolCallResponse(tool, args(agentTurn))
        : textResponse(`answer: ${lastToolOutput(request)}`),
  });

const startsAndExits = () => {
  const lines = readFileSync(eventsLog, 'utf8').split('\n');
  return {
    starts: lines.filter((line) => line.startsWith('start')).length,
    exits: lines.filter((line) => line.startsWith('exit')).length,
  };
};

async function failureOf(call: Parameters<typeof directCall>[0]) {
  const { error, history } = await testEnv().runFailingWorkflow(directCall, [call], { workflowsPath, activities });
  assert.ok(error.cause instanceof ApplicationFailure, `a typed failure, got ${error.cause}`);
  return { failure: error.cause, history };
}

describe('stateless MCP server in an agent', () => {
  it('the model calls a tool of the real server; each operation is an activity; the result reaches the answer', async () => {
    const model = callsTool('add', () => ({ a: 2, b: 3 }));
    const { result, history } = await testEnv().runWorkflow(statelessAgent, [['What is 2 + 3?'], {}], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.deepEqual(result, ['answer: 5']);
    assert.deepEqual(scheduledActivityTypes(history), [LIST, INVOKE_MODEL_ACTIVITY, CALL, LIST, INVOKE_MODEL_ACTIVITY]);
    const tool = model.calls[0]?.request.tools.find((t) => t.name === 'add');
    assert.equal(tool?.type, 'function');
    assert.deepEqual(Object.keys((tool as { parameters: { properties: object } }).parameters.properties), ['a', 'b']);
  });

  it('cacheToolsList lists the tools once per run; each operation’s server process exits after its call', async () => {
    const before = startsAndExits();
    const model = callsTool('add', (turn) => ({ a: turn, b: 1 }));
    const { result, history } = await testEnv().runWorkflow(
      statelessAgent,
      [['first sum', 'second sum'], { cacheToolsList: true }],
      { workflowsPath, activities, modelProvider: model },
    );
    assert.deepEqual(result, ['answer: 1', 'answer: 3']);
    const types = scheduledActivityTypes(history);
    assert.equal(types.filter((type) => type === LIST).length, 1);
    assert.equal(types.filter((type) => type === CALL).length, 2);
    // (The MCP client may start a server twice while it negotiates the protocol version.)
    const after = startsAndExits();
    assert.ok(after.starts - before.starts >= 3, 'a server process for each operation');
    assert.equal(after.exits - before.exits, after.starts - before.starts, 'each one closed after its call');
  });

  it('the factory argument from the workflow reaches the factory (and is recorded in the history)', async () => {
    const model = callsTool('whoami', () => ({}));
    const { result, history } = await testEnv().runWorkflow(
      statelessAgent,
      [['Who do you serve?'], { factoryArgument: 'acme' }],
      { workflowsPath, activities, modelProvider: model },
    );
    assert.deepEqual(result, ['answer: acme']);
    const callInput = history.events?.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === CALL)
      ?.activityTaskScheduledEventAttributes?.input?.payloads?.[0]?.data;
    assert.match(Buffer.from(callInput ?? []).toString(), /"factoryArgument":"acme"/);
  });
});

describe('MCP prompts from a workflow', () => {
  it('lists the prompts and gets one filled in', async () => {
    const { result, history } = await testEnv().runWorkflow(prompts, [], { workflowsPath, activities });
    assert.deepEqual(result, { names: ['greeting'], text: 'Greet Ada warmly.' });
    assert.deepEqual(scheduledActivityTypes(history), [
      mcpActivityName('TestServer-stateless', 'list-prompts'),
      mcpActivityName('TestServer-stateless', 'get-prompt'),
    ]);
  });
});

describe('clear MCP errors', () => {
  it('an unknown server name fails at once and names the provider to register', async () => {
    const { failure, history } = await failureOf({ server: 'Nowhere', kind: 'stateless', tool: 'add' });
    assert.equal(failure.type, MCPFailureTypes.unknownServer);
    assert.match(failure.message, /StatelessMCPServerProvider\('Nowhere'/);
    const attempts = history.events
      ?.filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => e.activityTaskStartedEventAttributes?.attempt);
    assert.deepEqual(attempts, [1], 'no retries of an activity no worker has');
  });

  it('a server that fails to start', async () => {
    const { failure } = await failureOf({
      server: 'Broken',
      kind: 'stateless',
      tool: 'add',
      activityOptions: { startToCloseTimeout: '30s', retry: { maximumAttempts: 2, initialInterval: '100ms' } },
    });
    assert.equal(failure.type, MCPFailureTypes.serverStartFailed);
    assert.match(failure.message, /"Broken-stateless" failed to start: .*ENOENT/);
  });

  it('a tool the server does not have', async () => {
    const { failure } = await failureOf({ server: 'TestServer', kind: 'stateless', tool: 'divide', arguments: {} });
    assert.equal(failure.type, MCPFailureTypes.toolNotFound);
    assert.match(failure.message, /no tool named "divide"\. Its tools: add, remember, recall, whoami, slow, crash\./);
  });

  it('a prompt the server does not have', async () => {
    const { failure } = await failureOf({ server: 'TestServer', kind: 'stateless', prompt: 'farewell' });
    assert.equal(failure.type, MCPFailureTypes.promptNotFound);
    assert.match(failure.message, /no prompt named "farewell"\. Its prompts: greeting\./);
  });

  it('a tool call over the MCP client’s request timeout', async () => {
    const { failure, history } = await failureOf({
      server: 'ImpatientServer',
      kind: 'stateless',
      tool: 'slow',
      arguments: { ms: 3000 },
    });
    assert.equal(failure.type, MCPFailureTypes.timeout);
    assert.match(failure.message, /did not answer in time while calling tool "slow"/);
    assert.equal(history.events?.filter((e) => e.activityTaskStartedEventAttributes).length, 1, 'not retried');
  });

  it('a tool call over the activity’s start-to-close timeout', async () => {
    const { failure } = await failureOf({
      server: 'TestServer',
      kind: 'stateless',
      tool: 'slow',
      arguments: { ms: 10_000 },
      activityOptions: { startToCloseTimeout: '2s', retry: { maximumAttempts: 1 } },
    });
    assert.equal(failure.type, MCPFailureTypes.timeout);
    assert.match(
      failure.message,
      /TestServer-stateless-call-tool of MCP server "TestServer" timed out \(START_TO_CLOSE\)/,
    );
  });

  for (const throughAgent of [false, true]) {
    it(`MCPServerStdio used in workflow code ${throughAgent ? 'in an agent' : 'directly'} fails the workflow, naming the providers`, async () => {
      const { error, history } = await testEnv().runFailingWorkflow(mcpServerClassInWorkflow, [throughAgent], {
        workflowsPath,
        modelProvider: new ScriptedModelProvider([textResponse('unused')]),
      });
      const failure = error.cause;
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(failure.type, MCPFailureTypes.serverClassInWorkflow);
      assert.match(failure.message, /MCPServerStdio cannot run in workflow code/);
      assert.match(failure.message, /StatelessMCPServerProvider/);
      assert.match(failure.message, /statelessMcpServer\('MyServer'\)/);
      assert.equal(
        history.events?.filter((e) => e.workflowTaskFailedEventAttributes).length,
        0,
        'no workflow task failures (no retry loop)',
      );
    });
  }
});
