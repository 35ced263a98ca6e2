import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import { createReportActivities } from './activities';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

/** Where saveReport writes: FINANCIAL_REPORTS_DIR, else reports/ in this folder. */
const reportsDir = process.env.FINANCIAL_REPORTS_DIR ?? fileURLToPath(new URL('../reports', import.meta.url));

await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  activities: createReportActivities(reportsDir),
  offline: offlineAnswers,
  // The writer's long report needs more than the 60-second default.
  modelParams: { startToCloseTimeout: '120s' },
  note: `reports go to ${reportsDir}`,
});
