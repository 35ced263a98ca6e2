import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { sampleModelProvider, temporalAddress } from 'openai-agents-temporal/samples';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

const connection = await NativeConnection.connect({
  address: temporalAddress(),
});
// No activities of our own: the one model call is the plugin's model activity.
const worker = await Worker.create({
  connection,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: sampleModelProvider(offlineAnswers),
      // Reasoning models can think for minutes on a hard prompt.
      modelParams: { startToCloseTimeout: '5m' },
    }),
  ],
});
console.log(`reasoning-content worker polling ${TASK_QUEUE} on ${temporalAddress()}`);
await worker.run();
