import { fileURLToPath } from 'node:url';
import type { ModelProvider } from '@openai/agents-core';
import { Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import {
  connectWorker,
  describeModel,
  explainStartFailure,
  offlineModelProvider,
  runUntilStopped,
  withModelAttemptLimit,
} from 'sample-kit';
import { offlineAnswers } from './offline-answers';
import { AiSdkModelProvider } from './providers/ai-sdk';
import {
  ChatCompletionsModelProvider,
  chatCompletionsSettingsFromEnv,
  endpointAnswers,
} from './providers/chat-completions';
import { VendorRoutingModelProvider } from './providers/vendor-routing';
import { vendors } from './providers/vendors';
import { TASK_QUEUE } from './task-queue';

const { connection, namespace } = await connectWorker();

// Every model this worker serves, chosen by name inside the model activity. The workflows only name models.
const offline = offlineModelProvider(offlineAnswers);
const chat = chatCompletionsSettingsFromEnv();
let endpoint: ModelProvider;
let endpointDescription: string;
if (await endpointAnswers(chat)) {
  endpoint = new ChatCompletionsModelProvider(chat);
  endpointDescription = `${chat.baseURL} (default ${chat.model}${chat.stream ? ', streamed' : ''})`;
} else {
  endpoint = offline;
  endpointDescription =
    `offline answers (no OpenAI-compatible server answers at ${chat.baseURL}: start one, e.g. \`ollama serve\` ` +
    `then \`ollama pull ${chat.model}\`, or set CHAT_COMPLETIONS_BASE_URL, and restart the worker)`;
}
const byVendor: Record<string, ModelProvider> = {};
const offlineVendors: string[] = [];
for (const [name, vendor] of Object.entries(vendors())) {
  if (process.env[vendor.apiKeyVariable]) {
    byVendor[name] = new AiSdkModelProvider(vendor.languageModel);
  } else {
    byVendor[name] = offline;
    offlineVendors.push(`${name}/… (${vendor.apiKeyVariable} is not set)`);
  }
}
const vendorDescription = offlineVendors.length > 0 ? `; offline answers for ${offlineVendors.join(', ')}` : '';

const worker = await Worker.create({
  connection,
  namespace,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  // Ctrl-C lets in-flight model calls finish for up to 20 s.
  shutdownGraceTime: '20s',
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: describeModel(
        new VendorRoutingModelProvider(byVendor, endpoint),
        `models without a vendor prefix: ${endpointDescription}${vendorDescription}`,
      ),
      // A local model on a laptop can take minutes to answer. Model calls heartbeat, so one lost with a
      // crashed worker is retried after 5 s rather than after its timeout.
      // SAMPLES_MODEL_MAX_ATTEMPTS, when set, bounds their retries; unset, Temporal retries without a limit.
      modelParams: withModelAttemptLimit({ startToCloseTimeout: '5m', heartbeatTimeout: '5s' }),
    }),
  ],
}).catch(explainStartFailure);
await runUntilStopped(worker);
