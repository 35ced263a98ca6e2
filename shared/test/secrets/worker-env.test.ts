// Secrets by reference: workflows name a worker environment variable (workerEnvRef), the worker
// resolves it against the plugin's allow-list just before the activity runs, and the value never
// enters the history. Every payload of every event is searched for it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MCPServerStdio } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FailureTypes } from '../../src/common/names.js';
import {
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import { StatelessMCPServerProvider, workerEnvRef } from '../../src/worker/index.js';
import { lastToolOutput } from '../tool-output.js';
import { boundKeyAgent, statelessAgent } from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const serverScript = fileURLToPath(new URL('../mcp/stdio-server.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const SECRET = `sk-test-${randomBytes(12).toString('hex')}`;
process.env.I25_SERVICE_TOKEN = SECRET;
process.env.I25_OTHER_TOKEN = `other-${randomBytes(12).toString('hex')}`;
const allowList = ['I25_SERVICE_TOKEN'];

// The server says "authorized" when its factory got the secret itself, never the secret.
const provider = new StatelessMCPServerProvider(
  'TestServer',
  (argument: { token?: unknown } | undefined) =>
    new MCPServerStdio({
      name: 'TestServer',
      command: process.execPath,
      args: [serverScript],
      env: {
        MCP_TEST_TENANT: argument?.token === SECRET ? 'authorized' : `not authorized (${typeof argument?.token})`,
      },
    }),
);

const activities = {
  async checkKey(input: { service: string; apiKey: unknown }): Promise<string> {
    return input.apiKey === SECRET ? `${input.service} accepts the key` : `${input.service} rejects the key`;
  },
};

const callsThenRepeats = (agent: string, tool: string, args: Record<string, unknown>) =>
  new ScriptedModelProvider({
    [agent]: (request, { agentTurn }) =>
      agentTurn === 0 ? toolCallResponse(tool, args) : textResponse(`tool said: ${lastToolOutput(request)}`),
  });

/** The whole history as the server stores it (every payload's bytes), searched for `text`. */
function historyContains(history: History, text: string): boolean {
  const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
  return bytes.includes(Buffer.from(text));
}

describe('secrets by reference (workerEnvRef)', () => {
  it('an MCP factory argument: the factory gets the value, the history only the name', async () => {
    const model = callsThenRepeats('MCP agent', 'whoami', {});
    const { result, history } = await testEnv().runWorkflow(
      statelessAgent,
      [['Who am I?'], { factoryArgument: { token: workerEnvRef('I25_SERVICE_TOKEN') } }],
      { workflowsPath, mcpServerProviders: [provider], workerEnvAllowList: allowList, modelProvider: model },
    );
    assert.deepEqual(result, ['tool said: authorized']);
    assert.ok(historyContains(history, 'I25_SERVICE_TOKEN'), 'the reference is recorded');
    assert.ok(!historyContains(history, SECRET), 'the secret is not');
  });

  it('an activity tool’s bound argument: the activity gets the value, the model and the history never see it', async () => {
    const model = callsThenRepeats('Keyed agent', 'checkKey', { service: 'weather' });
    const { result, history } = await testEnv().runWorkflow(boundKeyAgent, ['Check it.', 'I25_SERVICE_TOKEN'], {
      workflowsPath,
      activities,
      workerEnvAllowList: allowList,
      modelProvider: model,
    });
    assert.equal(result, 'tool said: weather accepts the key');
    const toolSchema = model.calls[0]?.request.tools.find((tool) => tool.name === 'checkKey');
    assert.deepEqual(Object.keys((toolSchema as { parameters: { properties: object } }).parameters.properties), [
      'service',
    ]);
    assert.ok(!historyContains(history, SECRET));
  });

  it('a name not in the allow-list: the tool fails with an error that names what to add; no value is read', async () => {
    const model = callsThenRepeats('Keyed agent', 'checkKey', { service: 'weather' });
    const { result, history } = await testEnv().runWorkflow(boundKeyAgent, ['Check it.', 'I25_OTHER_TOKEN'], {
      workflowsPath,
      activities,
      workerEnvAllowList: allowList,
      modelProvider: model,
    });
    assert.match(result, /tool said: The checkKey tool failed: workerEnvRef\("I25_OTHER_TOKEN"\) is not allowed/);
    assert.match(result, /workerEnvAllowList: \['I25_OTHER_TOKEN'\]/);
    assert.ok(!historyContains(history, process.env.I25_OTHER_TOKEN ?? 'unset'));
  });

  it('a name not in the allow-list for an MCP factory fails the run with a typed, non-retried failure', async () => {
    const { error, history } = await testEnv().runFailingWorkflow(
      statelessAgent,
      [['Who am I?'], { factoryArgument: { token: workerEnvRef('I25_OTHER_TOKEN') } }],
      {
        workflowsPath,
        mcpServerProviders: [provider],
        workerEnvAllowList: allowList,
        modelProvider: callsThenRepeats('MCP agent', 'whoami', {}),
      },
    );
    let cause: unknown = error.cause;
    while (
      cause instanceof Error &&
      !(cause instanceof ApplicationFailure && cause.type === FailureTypes.workerEnvNotAllowed)
    ) {
      cause = cause.cause;
    }
    assert.ok(cause instanceof ApplicationFailure, `a ${FailureTypes.workerEnvNotAllowed} failure, got ${error.cause}`);
    const attempts = history.events?.filter((e) => e.activityTaskStartedEventAttributes).length;
    assert.equal(attempts, 1, 'not retried');
    assert.ok(!historyContains(history, process.env.I25_OTHER_TOKEN ?? 'unset'));
  });

  it('a reference the model writes into its own arguments is refused, not resolved', async () => {
    const model = callsThenRepeats('Keyed agent', 'checkKey', { service: workerEnvRef('I25_SERVICE_TOKEN') });
    const { result, history } = await testEnv().runWorkflow(boundKeyAgent, ['Check it.', 'I25_SERVICE_TOKEN', true], {
      workflowsPath,
      activities,
      workerEnvAllowList: allowList,
      modelProvider: model,
    });
    assert.match(result, /may not contain a worker environment reference/);
    assert.ok(!historyContains(history, SECRET));
  });
});
