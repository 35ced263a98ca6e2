import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

// No activities of our own: the plugin registers the model activity, and web search runs inside it.
await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  offline: offlineAnswers,
  // A web search and the long report both take a while.
  modelParams: { startToCloseTimeout: '120s' },
});
