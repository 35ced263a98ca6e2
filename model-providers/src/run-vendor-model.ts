import { runSampleWorkflow, sampleArguments } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { DEFAULT_VENDOR_MODEL, vendorModel } from './workflows/weather-haiku';

// The model is a workflow argument, so the run's history records it: the first argument, VENDOR_MODEL, or the default.
const model = sampleArguments()[0] ?? process.env.VENDOR_MODEL ?? DEFAULT_VENDOR_MODEL;
const { result, uiUrl } = await runSampleWorkflow(vendorModel, {
  taskQueue: TASK_QUEUE,
  args: ["What's the weather in Tokyo?", model],
});
console.log(`${model}:\n${result}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
