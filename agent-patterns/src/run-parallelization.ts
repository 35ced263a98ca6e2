import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { parallelization } from './workflows/parallelization';

const client = await connectClient();
const handle = await client.workflow.start(parallelization, {
  taskQueue: TASK_QUEUE,
  workflowId: `parallelization-${Date.now()}`,
  args: ['Hello, world! How are you today?'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
