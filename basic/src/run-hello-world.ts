import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { helloWorld } from './workflows/hello-world';

const client = await connectClient();
const handle = await client.workflow.start(helloWorld, {
  taskQueue: TASK_QUEUE,
  workflowId: `hello-world-${Date.now()}`,
  args: ['Tell me about recursion in programming.'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
