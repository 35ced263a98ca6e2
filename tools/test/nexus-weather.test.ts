// The nexus-weather sample on a real dev server: the weather service's endpoint and worker (its own
// task queue, its own workflows), and the caller's agent calling getForecast as a tool, with the offline answers.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Worker } from '@temporalio/worker';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import { scheduledActivityTypes, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import { createWeatherServiceWorker, ensureWeatherEndpoint } from '../src/weather-service/handler';
import { WEATHER_ENDPOINT, WEATHER_SERVICE_TASK_QUEUE } from '../src/weather-service/service';
import { nexusWeather } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const offlineWorker = { workflowsPath, modelProvider: offlineModelProvider(offlineAnswers) };
let serviceWorker: Worker | undefined;
let serviceRun: Promise<void> | undefined;

beforeAll(async () => {
  const env = testEnv();
  assert.equal(await ensureWeatherEndpoint(env.env.connection, 'default'), 'created');
  assert.equal(await ensureWeatherEndpoint(env.env.connection, 'default'), 'exists', 'a second start reuses it');
  serviceWorker = await createWeatherServiceWorker(env.env.nativeConnection, 'default');
  serviceRun = serviceWorker.run();
}, 120_000);

afterAll(async () => {
  serviceWorker?.shutdown();
  await serviceRun;
});

describe('nexus weather (an agent calls another team’s Nexus operation)', () => {
  it('the forecast comes from a workflow on the weather service’s task queue', async () => {
    const { result, history } = await testEnv().runWorkflow(
      nexusWeather,
      ['What will the weather be in Oslo over the next two days?'],
      offlineWorker,
    );
    assert.equal(result, 'Oslo: day 1 rain, up to 3°C; day 2 cloudy, up to 4°C. (offline model)');
    const scheduled = history.events?.find(
      (event) => event.nexusOperationScheduledEventAttributes,
    )?.nexusOperationScheduledEventAttributes;
    assert.equal(scheduled?.endpoint, WEATHER_ENDPOINT);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY]);
    // The operation's workflow ran on the service's own task queue: the started event links to it.
    const started = history.events?.find((event) => event.nexusOperationStartedEventAttributes);
    const linked = started?.links?.find((link) => link.workflowEvent)?.workflowEvent;
    assert.ok(linked?.workflowId, 'the operation’s start links to the forecast workflow');
    const forecast = await testEnv()
      .client.workflow.getHandle(linked.workflowId, linked.runId ?? undefined)
      .describe();
    assert.equal(forecast.type, 'forecastWorkflow');
    assert.equal(forecast.taskQueue, WEATHER_SERVICE_TASK_QUEUE);
  });

  it('a city the service does not cover: the model is told the service’s own message', async () => {
    const { result } = await testEnv().runWorkflow(nexusWeather, ['Weather in Atlantis for one day?'], offlineWorker);
    assert.equal(
      result,
      'The weather service could not help: The getForecast tool failed: no forecast for Atlantis; the service covers lisbon, oslo, tokyo (offline model)',
    );
  });
});
