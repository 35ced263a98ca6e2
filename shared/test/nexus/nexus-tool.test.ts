// Nexus operations as agent tools, on a real dev server: the test creates a Nexus endpoint that routes
// to a handler worker's task queue; the handler runs each operation as a workflow there. The caller's
// agent calls the operation as a tool; the scripted model sees its result or its failure.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startWorkflow, WorkflowRunOperationHandler } from '@temporalio/nexus';
import { Worker } from '@temporalio/worker';
import * as nexus from 'nexus-rpc';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import { INVOKE_MODEL_ACTIVITY } from '../../src/worker/index.js';
import { lastToolOutput } from '../tool-output.js';
import { forecastWorkflow } from './handler-workflows.js';
import { weatherService } from './service.js';
import { forecastAgent } from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const handlerWorkflowsPath = fileURLToPath(new URL('./handler-workflows.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const handlerTaskQueue = `weather-handler-${randomUUID()}`;
const endpoint = `weather-${randomUUID().slice(0, 8)}`;
let handlerWorker: Worker | undefined;
let handlerRun: Promise<void> | undefined;

// The handler side: an endpoint to its task queue, and a worker with the service's handler there.
beforeAll(async () => {
  const env = testEnv();
  await env.env.connection.operatorService.createNexusEndpoint({
    spec: { name: endpoint, target: { worker: { namespace: 'default', taskQueue: handlerTaskQueue } } },
  });
  handlerWorker = await Worker.create({
    connection: env.env.nativeConnection,
    taskQueue: handlerTaskQueue,
    workflowBundle: await env.bundle(handlerWorkflowsPath),
    nexusServices: [
      nexus.serviceHandler(weatherService, {
        getForecast: new WorkflowRunOperationHandler((context, input) =>
          startWorkflow(context, forecastWorkflow, { workflowId: `forecast-${randomUUID()}`, args: [input] }),
        ),
      }),
    ],
  });
  handlerRun = handlerWorker.run();
}, 120_000);

afterAll(async () => {
  handlerWorker?.shutdown();
  await handlerRun;
});

const modelCalling = (args: Record<string, unknown>) =>
  new ScriptedModelProvider({
    Forecaster: (request, { agentTurn }) =>
      agentTurn === 0 ? toolCallResponse('getForecast', args) : textResponse(`tool said: ${lastToolOutput(request)}`),
  });

const nexusEvents = (history: Awaited<ReturnType<ReturnType<typeof testEnv>['replayAndKeepHistory']>>) =>
  (history.events ?? []).filter((event) => event.nexusOperationScheduledEventAttributes);

describe('nexusOperationAsTool', () => {
  it('the model calls the operation; a workflow on the handler’s task queue answers; the result reaches the model', async () => {
    const model = modelCalling({ city: 'Lisbon', days: 3 });
    const { result, history } = await testEnv().runWorkflow(forecastAgent, ['Weather in Lisbon?', endpoint], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'tool said: {"city":"Lisbon","summary":"3 days of sun in Lisbon"}');
    const [scheduled] = nexusEvents(history);
    assert.equal(scheduled?.nexusOperationScheduledEventAttributes?.endpoint, endpoint);
    assert.equal(scheduled?.nexusOperationScheduledEventAttributes?.operation, 'getForecast');
    assert.deepEqual(
      scheduledActivityTypes(history),
      [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY],
      'no activity for the tool',
    );
    const tool = model.calls[0]?.request.tools.find((t) => t.name === 'getForecast');
    assert.deepEqual(Object.keys((tool as { parameters: { properties: object } }).parameters.properties), [
      'city',
      'days',
    ]);
  });

  it('arguments that break the input schema reach the model as an error; no operation starts', async () => {
    const { result, history } = await testEnv().runWorkflow(forecastAgent, ['Weather for 30 days?', endpoint], {
      workflowsPath,
      modelProvider: modelCalling({ city: 'Lisbon', days: 30 }),
    });
    // agents-core's own message for arguments its zod schema rejects, as for any function tool.
    assert.equal(result, 'tool said: The getForecast tool failed: Invalid JSON input for tool');
    assert.equal(nexusEvents(history).length, 0);
  });

  it('a failed operation reaches the model with the handler’s message, and the run goes on', async () => {
    const { result, history } = await testEnv().runWorkflow(forecastAgent, ['Weather in Atlantis?', endpoint], {
      workflowsPath,
      modelProvider: modelCalling({ city: 'Atlantis', days: 1 }),
    });
    assert.equal(result, 'tool said: The getForecast tool failed: no forecast for Atlantis');
    assert.equal(nexusEvents(history).length, 1);
  });
});
