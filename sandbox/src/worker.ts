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
import { offlineAnswers } from './offline-answers';
import { localSandboxProvider } from './sandbox-provider';
import { TASK_QUEUE } from './task-queue';

// The sandbox runs here, on the worker: a real shell, in session folders under baseDir (a fresh
// temporary folder, printed on the start line).
const { provider, baseDir } = localSandboxProvider();

const { connection, namespace } = await connectWorker();
const worker = await Worker.create({
  connection,
  namespace,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  // Ctrl-C lets in-flight model calls and sandbox commands finish for up to 20 s.
  shutdownGraceTime: '20s',
  plugins: [
    new OpenAIAgentsPlugin({
      // Without OPENAI_API_KEY, this folder's offline answers; with it, OpenAI.
      modelProvider: sampleModelProvider(offlineAnswers),
      // Model calls heartbeat, so one lost with a crashed worker is retried after 5 s rather than after its timeout.
      // SAMPLES_MODEL_MAX_ATTEMPTS, when set, bounds their retries; unset, Temporal retries without a limit.
      modelParams: withModelAttemptLimit({ startToCloseTimeout: '60s', heartbeatTimeout: '5s' }),
      // Each sandbox operation (start, exec, read, write, ...) is an activity this worker runs.
      sandboxClientProviders: [provider],
    }),
  ],
}).catch(explainStartFailure);
await runUntilStopped(worker, { note: `sandbox sessions in ${baseDir}` });
