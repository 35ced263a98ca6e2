import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { gptOss } from './workflows/weather-haiku';

const client = await connectClient();
const handle = await client.workflow.start(gptOss, {
  taskQueue: TASK_QUEUE,
  workflowId: `gpt-oss-${Date.now()}`,
  args: ["What's the weather in Tokyo?"],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
