import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { tools } from './workflows/tools';

const client = await connectClient();
const handle = await client.workflow.start(tools, {
  taskQueue: TASK_QUEUE,
  workflowId: `tools-${Date.now()}`,
  args: ['What is the weather in Tokio?'],
});
console.log(await handle.result());
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
