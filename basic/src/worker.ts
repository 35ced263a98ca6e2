import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { sampleModelProvider, temporalAddress } from 'openai-agents-temporal/samples';
import * as activities from './activities';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

const connection = await NativeConnection.connect({
  address: temporalAddress(),
});
const worker = await Worker.create({
  connection,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  activities,
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: sampleModelProvider(offlineAnswers),
      modelParams: { startToCloseTimeout: '30s' },
    }),
  ],
});
console.log(`basic worker polling ${TASK_QUEUE} on ${temporalAddress()}`);
await worker.run();
