import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { DEFAULT_VENDOR_MODEL, vendorModel } from './workflows/weather-haiku';

// The model is a workflow argument, so the run's history records it: the first argument, VENDOR_MODEL, or the default.
const model = process.argv[2] ?? process.env.VENDOR_MODEL ?? DEFAULT_VENDOR_MODEL;
const client = await connectClient();
const handle = await client.workflow.start(vendorModel, {
  taskQueue: TASK_QUEUE,
  workflowId: `vendor-model-${Date.now()}`,
  args: ["What's the weather in Tokyo?", model],
});
console.log(`${model}:\n${await handle.result()}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
