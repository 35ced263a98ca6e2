import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { filesystem } from './workflows/filesystem';

const client = await connectClient();
const handle = await client.workflow.start(filesystem, {
  taskQueue: TASK_QUEUE,
  workflowId: `filesystem-${Date.now()}`,
  args: [],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
