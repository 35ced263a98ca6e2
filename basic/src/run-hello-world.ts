import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { helloWorld } from './workflows/hello-world';

const client = await connectClient();
const handle = await client.workflow.start(helloWorld, {
  taskQueue: TASK_QUEUE,
  workflowId: `hello-world-${Date.now()}`,
  args: ['Tell me about recursion in programming.'],
});
console.log(await handle.result());
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
