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
      // Hosted tools run inside the model call: code, searches and images take longer than a plain answer.
      modelParams: { startToCloseTimeout: '2m' },
    }),
  ],
});
console.log(`tools worker polling ${TASK_QUEUE} on ${temporalAddress()}`);
await worker.run();
