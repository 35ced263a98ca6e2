import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { gptOss } from './workflows/weather-haiku';

const { result, uiUrl } = await runSampleWorkflow(gptOss, {
  taskQueue: TASK_QUEUE,
  args: ["What's the weather in Tokyo?"],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
