import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

// No activities of our own: the plugin registers the model activity, and the tools run in the workflow.
await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  offline: offlineAnswers,
});
