// The weather service's worker, a team of its own: creates the Nexus endpoint if the server lacks it,
// then serves getForecast operations (each a workflow on its task queue) until Ctrl-C.

import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { clientConnectionOptions, temporalConnectConfig } from 'sample-kit';
import { createWeatherServiceWorker, ensureWeatherEndpoint } from './weather-service/handler';
import { WEATHER_ENDPOINT, WEATHER_SERVICE_TASK_QUEUE } from './weather-service/service';

const config = temporalConnectConfig();
const connection = await Connection.connect(clientConnectionOptions(config));
const endpoint = await ensureWeatherEndpoint(connection, config.namespace);
await connection.close();
const worker = await createWeatherServiceWorker(
  await NativeConnection.connect(config.connectionOptions),
  config.namespace,
);
console.log(
  `Weather service: Nexus endpoint ${WEATHER_ENDPOINT} (${endpoint}) -> task queue ${WEATHER_SERVICE_TASK_QUEUE}. Ctrl-C stops it.`,
);
await worker.run();
