import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import {
  connectWorker,
  explainStartFailure,
  runUntilStopped,
  sampleModelProvider,
  withModelAttemptLimit,
} from 'sample-kit';
import * as activities from './activities';
import { offlineAnswers } from './offline-answers';
import { TASK_QUEUE } from './task-queue';

const { connection, namespace } = await connectWorker();
const worker = await Worker.create({
  connection,
  namespace,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  activities,
  // Ctrl-C lets in-flight model calls and tools finish for up to 20 s.
  shutdownGraceTime: '20s',
  plugins: [
    new OpenAIAgentsPlugin({
      // Without OPENAI_API_KEY, this folder's offline answers; with it, OpenAI.
      modelProvider: sampleModelProvider(offlineAnswers),
      // Hosted tools run inside the model call: code, searches and images take longer than a plain answer.
      // Model calls heartbeat, so one lost with a crashed worker is retried after 5 s rather than after its timeout.
      // SAMPLES_MODEL_MAX_ATTEMPTS, when set, bounds their retries; unset, Temporal retries without a limit.
      modelParams: withModelAttemptLimit({ startToCloseTimeout: '2m', heartbeatTimeout: '5s' }),
    }),
  ],
}).catch(explainStartFailure);
await runUntilStopped(worker);
