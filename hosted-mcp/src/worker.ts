import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

// No activities of our own: hosted MCP tools run on OpenAI's side, within the model activity.
await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  offline: offlineAnswers,
});
