import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import {
  loadSampleEnv,
  SAMPLE_MODEL_PARAMS,
  sampleModelProvider,
  temporalConnectConfig,
} from 'openai-agents-temporal/samples';
import { mcpServerProviders, promptServerUrl, toolsServerUrl } from './mcp-servers';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

loadSampleEnv();
// Warnings and errors only (the SDK's and webpack's INFO lines are long).
Runtime.install({ logger: new DefaultLogger(process.argv.includes('--verbose') ? 'INFO' : 'WARN') });
const config = temporalConnectConfig();
const modelProvider = sampleModelProvider(offlineAnswers);
const worker = await Worker.create({
  connection: await NativeConnection.connect(config.connectionOptions),
  namespace: config.namespace,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  plugins: [
    new OpenAIAgentsPlugin({
      ...(modelProvider ? { modelProvider } : {}),
      modelParams: SAMPLE_MODEL_PARAMS,
      // The MCP servers run here, on the worker; workflows reach them by name through activities.
      mcpServerProviders: mcpServerProviders(),
    }),
  ],
});
console.log(
  `mcp worker polling ${TASK_QUEUE} on ${config.address}; tools server ${toolsServerUrl()}, prompt server ` +
    `${promptServerUrl()}`,
);
await worker.run();
