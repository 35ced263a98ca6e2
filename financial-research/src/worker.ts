import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { sampleModelProvider, temporalAddress } from 'openai-agents-temporal/samples';
import { createReportActivities } from './activities';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

/** Where saveReport writes: FINANCIAL_REPORTS_DIR, else reports/ in this folder. */
const reportsDir = process.env.FINANCIAL_REPORTS_DIR ?? fileURLToPath(new URL('../reports', import.meta.url));

const connection = await NativeConnection.connect({
  address: temporalAddress(),
});
const worker = await Worker.create({
  connection,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  activities: createReportActivities(reportsDir),
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: sampleModelProvider(offlineAnswers),
      // The writer's long report needs more than the 60-second default.
      modelParams: { startToCloseTimeout: '120s' },
    }),
  ],
});
console.log(`financial-research worker polling ${TASK_QUEUE} on ${temporalAddress()}; reports go to ${reportsDir}`);
await worker.run();
