// Workflow code that imports from '@openai/agents' as the Agents SDK's docs do: it runs on the dev server
// with the plugin's activity-backed model and replays; what belongs on the worker fails the workflow, by name.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as agents from '@openai/agents';
import * as agentsOpenAI from '@openai/agents-openai';
import { ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../src/common/names.js';
import {
  handoffResponse,
  items,
  modelResponse,
  ScriptedModelProvider,
  scheduledActivityTypes,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../src/testing/index.js';
import * as workflowSafe from '../src/workflow/openai-agents.js';
import { workerOnlyApiMessage } from '../src/workflow/openai-agents.js';
import * as workflows from './workflows/agents-sdk-imports.js';

const workflowsPath = fileURLToPath(new URL('./workflows/agents-sdk-imports.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('the workflow-safe form of @openai/agents', () => {
  it('has every runtime export of @openai/agents and of @openai/agents-openai, and nothing else', () => {
    const real = new Set([...Object.keys(agents), ...Object.keys(agentsOpenAI)]);
    // workerOnlyApiMessage is the one addition: the plugin's own, for tests and tools.
    const ours = new Set(Object.keys(workflowSafe).filter((name) => name !== 'workerOnlyApiMessage'));
    assert.deepEqual(
      [...real].filter((name) => !ours.has(name)),
      [],
      'missing from the workflow-safe form',
    );
    assert.deepEqual(
      [...ours].filter((name) => !real.has(name)),
      [],
      'not in @openai/agents',
    );
  });

  it('re-exports agents-core itself: one Agent class, one run', () => {
    assert.equal(workflowSafe.Agent, agents.Agent);
    assert.equal(workflowSafe.run, agents.run);
    assert.equal(workflowSafe.hostedMcpTool, agents.hostedMcpTool);
  });

  it('builds the hosted tools agents-openai builds', () => {
    assert.deepEqual(workflowSafe.programmaticToolCallingTool(), agentsOpenAI.programmaticToolCallingTool());
    assert.deepEqual(workflowSafe.toolSearchTool(), agentsOpenAI.toolSearchTool());
    const described = { description: 'Find the deferred billing tools', execution: 'server' } as const;
    assert.deepEqual(workflowSafe.toolSearchTool(described), agentsOpenAI.toolSearchTool(described));
    const serverSideWithExecute = { execute: async () => [] };
    assert.throws(() => agentsOpenAI.toolSearchTool(serverSideWithExecute), agents.UserError);
    assert.throws(() => workflowSafe.toolSearchTool(serverSideWithExecute), agents.UserError);
    const execute = async () => [];
    const clientSide = workflowSafe.toolSearchTool({ execution: 'client', execute });
    assert.deepEqual(clientSide, agentsOpenAI.toolSearchTool({ execution: 'client', execute }));
    assert.equal(agents.getClientToolSearchExecutor(clientSide), execute);
    assert.equal(workflowSafe.isOpenAIResponsesRawModelStreamEvent.length, 1);
  });

  it('tells the raw stream events of each OpenAI API apart as agents-openai does', () => {
    for (const source of ['openai-responses', 'openai-chat-completions', 'other']) {
      const event = { type: 'raw_model_stream_event' as const, data: { type: 'model' as const, event: {} }, source };
      assert.equal(
        workflowSafe.isOpenAIResponsesRawModelStreamEvent(event),
        agentsOpenAI.isOpenAIResponsesRawModelStreamEvent(event),
      );
      assert.equal(
        workflowSafe.isOpenAIChatCompletionsRawModelStreamEvent(event),
        agentsOpenAI.isOpenAIChatCompletionsRawModelStreamEvent(event),
      );
    }
  });
});

describe('a workflow written with @openai/agents imports only', () => {
  it('hands off, calls a function tool, uses hosted tools, returns structured output, and replays', async () => {
    const model = new ScriptedModelProvider([
      handoffResponse('Trip planner'),
      toolCallResponse('get_weather', { city: 'Lisbon' }),
      modelResponse(
        items.hostedToolCall('web_search_call', {
          type: 'web_search_call',
          action: { type: 'search', query: 'Lisbon' },
        }),
        items.text(JSON.stringify({ city: 'Lisbon', days: 3 })),
      ),
    ]);
    const { result, history } = await testEnv().runWorkflow(workflows.travelDesk, ['Three sunny days somewhere'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(result, { plan: { city: 'Lisbon', days: 3 }, lastAgent: 'Trip planner' });
    // Every model call went through the plugin's activity, not @openai/agents' OpenAIProvider default.
    assert.deepEqual(scheduledActivityTypes(history), Array(3).fill(INVOKE_MODEL_ACTIVITY));
    const plannerTools = model.calls[1]?.request.tools ?? [];
    // The tools as agents-openai builds them, as they reach the model activity (JSON).
    const expectedHostedTools = [
      agentsOpenAI.webSearchTool({ searchContextSize: 'low' }),
      agentsOpenAI.fileSearchTool('vs_guides'),
    ];
    assert.deepEqual(
      plannerTools.filter((tool) => tool.type === 'hosted_tool'),
      JSON.parse(JSON.stringify(expectedHostedTools)),
    );
    assert.ok(plannerTools.some((tool) => tool.type === 'function' && tool.name === 'get_weather'));
    const toolOutput = model.calls[2]?.request.input;
    assert.ok(JSON.stringify(toolOutput).includes('Lisbon: sunny, 24 °C'), 'the function tool ran in the workflow');
  });

  it('an input guardrail trips as in agents-core', async () => {
    const model = new ScriptedModelProvider([handoffResponse('Trip planner')]);
    const { error } = await testEnv().runFailingWorkflow(workflows.travelDesk, ['Do my homework'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, 'InputGuardrailTripwireTriggered');
  });

  it('each API that belongs on the worker fails the workflow at the call, with its own message', async () => {
    const failures = await testEnv().withWorker({ workflowsPath }, (taskQueue) =>
      Promise.all(
        workflows.WORKER_ONLY_API_NAMES.map((name) =>
          testEnv()
            .client.workflow.execute(workflows.callsWorkerOnlyApi, {
              taskQueue,
              workflowId: `${taskQueue}-${name}`,
              args: [name],
            })
            .then(
              (result) => ({ name, error: new Error(`the workflow returned ${result}`) }),
              (error: unknown) => ({ name, error }),
            ),
        ),
      ),
    );
    assert.equal(failures.length, 17);
    for (const { name, error } of failures) {
      assert.ok(error instanceof WorkflowFailedError, `${name}: ${error}`);
      assert.ok(error.cause instanceof ApplicationFailure, `${name}: ${error.cause}`);
      assert.equal(error.cause.type, FailureTypes.workerOnlyApi, name);
      assert.equal(error.cause.message, workerOnlyApiMessage(name));
      assert.equal(error.cause.nonRetryable, true);
    }
    const messages = new Map(failures.map(({ name }) => [name, workerOnlyApiMessage(name)]));
    assert.match(messages.get('OpenAIProvider') ?? '', /OpenAIAgentsPlugin\(\{ modelProvider/);
    assert.match(messages.get('setDefaultOpenAIKey') ?? '', /OPENAI_API_KEY/);
    assert.match(messages.get('setDefaultOpenAITracingExporter') ?? '', /worker process/);
    assert.match(messages.get('realtime.RealtimeAgent') ?? '', /browser or a server process/);
  });
});
