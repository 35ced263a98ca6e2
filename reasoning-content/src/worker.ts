import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

// No activities of our own: the one model call is the plugin's model activity.
await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  offline: offlineAnswers,
  // Reasoning models can think for minutes on a hard prompt.
  modelParams: { startToCloseTimeout: '5m' },
});
