import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { sampleModelProvider, temporalAddress } from 'openai-agents-temporal/samples';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

const connection = await NativeConnection.connect({
  address: temporalAddress(),
});
// No activities of our own: the plugin registers the model activity, and the tools run in the workflow.
const worker = await Worker.create({
  connection,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: sampleModelProvider(offlineAnswers),
      modelParams: { startToCloseTimeout: '30s' },
    }),
  ],
});
console.log(`customer-service worker polling ${TASK_QUEUE} on ${temporalAddress()}`);
await worker.run();
