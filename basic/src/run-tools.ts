import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { tools } from './workflows/tools';

const client = await connectClient();
const handle = await client.workflow.start(tools, {
  taskQueue: TASK_QUEUE,
  workflowId: `tools-${Date.now()}`,
  args: ['What is the weather in Tokio?'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
