import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { gptOss } from './workflows/weather-haiku';

const client = await connectClient();
const handle = await client.workflow.start(gptOss, {
  taskQueue: TASK_QUEUE,
  workflowId: `gpt-oss-${Date.now()}`,
  args: ["What's the weather in Tokyo?"],
});
console.log(await handle.result());
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
