import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import { mcpServerProviders, promptServerUrl, toolsServerUrl } from './mcp-servers';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  offline: offlineAnswers,
  // The MCP servers run here, on the worker; workflows reach them by name through activities.
  pluginOptions: { mcpServerProviders: mcpServerProviders() },
  note: `tools server ${toolsServerUrl()}, prompt server ${promptServerUrl()}`,
});
