// Pooled connections of stateless MCP servers: a real stdio server, spawned on the worker; the log the
// server writes (`start <pid>`, `exit <pid>`) shows how many processes the calls used.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { MCPServerStdio } from '@openai/agents-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { mcpActivityName } from '../../src/common/mcp.js';
import {
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import { StatelessMCPServerProvider } from '../../src/worker/index.js';
import { lastToolOutput } from '../tool-output.js';
import { statelessAgent } from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const serverScript = fileURLToPath(new URL('./stdio-server.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** A provider whose server processes log to a file of their own. */
function loggedProvider(options: ConstructorParameters<typeof StatelessMCPServerProvider>[2] = {}) {
  const log = join(mkdtempSync(join(tmpdir(), 'mcp-pool-')), 'events.log');
  writeFileSync(log, '');
  const provider = new StatelessMCPServerProvider(
    'TestServer',
    (tenant: string | undefined) =>
      new MCPServerStdio({
        name: 'TestServer',
        command: process.execPath,
        args: [serverScript],
        env: { MCP_TEST_LOG: log, MCP_TEST_TENANT: tenant ?? 'nobody' },
      }),
    options,
  );
  const pids = (event: 'start' | 'exit') =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith(`${event} `))
      .map((line) => Number(line.split(' ')[1]));
  return { provider, pids };
}

const addingModel = () =>
  new ScriptedModelProvider({
    'MCP agent': (request, { agentTurn }) =>
      agentTurn % 2 === 0 ? toolCallResponse('add', { a: agentTurn, b: 1 }) : textResponse(lastToolOutput(request)),
  });

/** Waits for a condition that a child process's exit makes true, for at most 10 s. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 10_000) assert.fail(`still not true after 10 s: ${what}`);
    await sleep(50);
  }
}

const CALL = mcpActivityName('TestServer-stateless', 'call-tool');
const LIST = mcpActivityName('TestServer-stateless', 'list-tools');

describe('pooled stateless MCP connections', () => {
  it('calls share one server process; the worker closes it when it stops', async () => {
    const { provider, pids } = loggedProvider();
    const prompts = ['one', 'two', 'three'];
    const { result, history } = await testEnv().runWorkflow(statelessAgent, [prompts, {}], {
      workflowsPath,
      mcpServerProviders: [provider],
      modelProvider: addingModel(),
    });
    assert.deepEqual(result, ['1', '3', '5']);
    const operations = scheduledActivityTypes(history).filter((type) => type === CALL || type === LIST).length;
    assert.equal(operations, 9, 'three list-tools and a call per run, and a list-tools after each call');
    // (The MCP client may start a server twice while it negotiates the protocol version.)
    assert.ok(pids('start').length <= 2, `one server for ${operations} operations, got ${pids('start').length}`);
    assert.equal(provider.pooledConnections, 0, 'the pool is empty once the worker stopped');
    await eventually('every server process exited', () => pids('exit').length === pids('start').length);
  });

  it('a pooled connection whose server died is replaced; the workflow never sees it', async () => {
    const { provider, pids } = loggedProvider();
    const worker = { workflowsPath, mcpServerProviders: [provider], modelProvider: addingModel() };
    await testEnv().withWorker(worker, async (taskQueue) => {
      const client = testEnv().client;
      const first = await client.workflow.execute(statelessAgent, {
        taskQueue,
        workflowId: `pool-first-${crypto.randomUUID()}`,
        args: [['one'], {}],
      });
      assert.deepEqual(first, ['1']);
      const exited = pids('exit');
      const [pid, ...others] = pids('start').filter((started) => !exited.includes(started));
      assert.ok(pid && others.length === 0, 'one pooled server process is running');
      process.kill(pid, 'SIGKILL');
      const workflowId = `pool-second-${crypto.randomUUID()}`;
      const second = await client.workflow.execute(statelessAgent, { taskQueue, workflowId, args: [['two'], {}] });
      assert.deepEqual(second, ['1']);
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const attempts = (history.events ?? []).flatMap((event) =>
        event.activityTaskStartedEventAttributes ? [event.activityTaskStartedEventAttributes.attempt] : [],
      );
      assert.ok(
        attempts.every((attempt) => attempt === 1),
        `no activity failed or retried: ${attempts}`,
      );
      assert.ok(!pids('start').slice(-1).includes(pid), 'a new server process serves the second run');
    });
  });

  it('a connection idle past the idle timeout closes; each factory argument has its own', async () => {
    const { provider, pids } = loggedProvider({ pool: { idleTimeoutMs: 100 } });
    const worker = { workflowsPath, mcpServerProviders: [provider], modelProvider: addingModel() };
    await testEnv().withWorker(worker, async (taskQueue) => {
      const client = testEnv().client;
      for (const tenant of ['acme', 'globex']) {
        await client.workflow.execute(statelessAgent, {
          taskQueue,
          workflowId: `pool-idle-${crypto.randomUUID()}`,
          args: [['one'], { factoryArgument: tenant }],
        });
      }
      assert.ok(pids('start').length >= 2, 'a server per factory argument');
      // While the worker still runs: only the idle timeout can close them.
      await eventually('the idle connections closed', () => provider.pooledConnections === 0);
      await eventually('their processes exited', () => pids('exit').length === pids('start').length);
    });
  });

  it('rejects an idle timeout that is not a number of milliseconds', () => {
    assert.throws(
      () =>
        new StatelessMCPServerProvider('Bad', () => new MCPServerStdio({ command: 'x' }), {
          pool: { idleTimeoutMs: -1 },
        }),
      /idleTimeoutMs must be a number of milliseconds/,
    );
  });
});
