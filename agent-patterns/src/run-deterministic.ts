import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { deterministic } from './workflows/deterministic';

const client = await connectClient();
const handle = await client.workflow.start(deterministic, {
  taskQueue: TASK_QUEUE,
  workflowId: `deterministic-${Date.now()}`,
  args: ['Write a science fiction story about time travel'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
