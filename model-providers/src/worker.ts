import { fileURLToPath } from 'node:url';
import type { ModelProvider } from '@openai/agents-core';
import { NativeConnection, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { offlineModelProvider, temporalAddress } from 'openai-agents-temporal/samples';
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

// Every model this worker serves, chosen by name inside the model activity. The workflows only name models.
const offline = offlineModelProvider(offlineAnswers);
const chat = chatCompletionsSettingsFromEnv();
let endpoint: ModelProvider;
if (await endpointAnswers(chat)) {
  endpoint = new ChatCompletionsModelProvider(chat);
  console.log(
    `Models without a vendor prefix: ${chat.baseURL} (default ${chat.model}${chat.stream ? ', streamed' : ''}).`,
  );
} else {
  endpoint = offline;
  console.log(
    `No OpenAI-compatible server answers at ${chat.baseURL}: models without a vendor prefix get offline answers. ` +
      `Start one (e.g. \`ollama serve\`, then \`ollama pull ${chat.model}\`) or set CHAT_COMPLETIONS_BASE_URL, then restart the worker.`,
  );
}
const byVendor: Record<string, ModelProvider> = {};
for (const [name, vendor] of Object.entries(vendors())) {
  if (process.env[vendor.apiKeyVariable]) {
    byVendor[name] = new AiSdkModelProvider(vendor.languageModel);
  } else {
    byVendor[name] = offline;
    console.log(`${vendor.apiKeyVariable} is not set: ${name}/… models get offline answers.`);
  }
}

const connection = await NativeConnection.connect({
  address: temporalAddress(),
});
const worker = await Worker.create({
  connection,
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: new VendorRoutingModelProvider(byVendor, endpoint),
      // A local model on a laptop can take minutes to answer.
      modelParams: { startToCloseTimeout: '5m' },
    }),
  ],
});
console.log(`model-providers worker polling ${TASK_QUEUE} on ${temporalAddress()}`);
await worker.run();
