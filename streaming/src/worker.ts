import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import * as activities from './activities';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  activities,
  offline: offlineAnswers,
});
