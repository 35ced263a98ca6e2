import { fileURLToPath } from 'node:url';
import { runSampleWorker } from 'openai-agents-temporal/samples';
import { offlineAnswers } from './offline-answers';
import { localSandboxProvider } from './sandbox-provider';
import { TASK_QUEUE } from './task-queue';

const { provider, baseDir } = localSandboxProvider();

await runSampleWorker({
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  offline: offlineAnswers,
  // The sandbox runs here, on the worker: a real shell, in session folders under baseDir.
  pluginOptions: { sandboxClientProviders: [provider] },
  note: `sandbox sessions in ${baseDir}`,
});
