// The weather service's side: the Nexus endpoint that routes to it, and its worker, which handles each
// getForecast operation by starting a forecast workflow on its own task queue.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Connection } from '@temporalio/client';
import { startWorkflow, WorkflowRunOperationHandler } from '@temporalio/nexus';
import { type NativeConnection, Worker } from '@temporalio/worker';
import * as nexus from 'nexus-rpc';
import { WEATHER_ENDPOINT, WEATHER_SERVICE_TASK_QUEUE, weatherService } from './service';
import { forecastWorkflow } from './workflows';

const weatherServiceHandler = nexus.serviceHandler(weatherService, {
  getForecast: new WorkflowRunOperationHandler((context, request) =>
    startWorkflow(context, forecastWorkflow, { workflowId: `forecast-${randomUUID()}`, args: [request] }),
  ),
});

/** Creates the endpoint (what `temporal operator nexus endpoint create` does) unless it exists. */
export async function ensureWeatherEndpoint(connection: Connection, namespace: string): Promise<'created' | 'exists'> {
  const { endpoints } = await connection.operatorService.listNexusEndpoints({ name: WEATHER_ENDPOINT });
  if (endpoints?.some((endpoint) => endpoint.spec?.name === WEATHER_ENDPOINT)) return 'exists';
  await connection.operatorService.createNexusEndpoint({
    spec: { name: WEATHER_ENDPOINT, target: { worker: { namespace, taskQueue: WEATHER_SERVICE_TASK_QUEUE } } },
  });
  return 'created';
}

export function createWeatherServiceWorker(connection: NativeConnection, namespace: string): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue: WEATHER_SERVICE_TASK_QUEUE,
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    nexusServices: [weatherServiceHandler],
  });
}
