import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { DEFAULT_VENDOR_MODEL, vendorModel } from './workflows/weather-haiku';

// The model is a workflow argument, so the run's history records it: the first argument, VENDOR_MODEL, or the default.
const model = sampleArguments()[0] ?? process.env.VENDOR_MODEL ?? DEFAULT_VENDOR_MODEL;
const client = await connectClient();
const handle = await client.workflow.start(vendorModel, {
  taskQueue: TASK_QUEUE,
  workflowId: `vendor-model-${Date.now()}`,
  args: ["What's the weather in Tokyo?", model],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(`${model}:\n${result}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
