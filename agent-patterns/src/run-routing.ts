import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { routing } from './workflows/routing';

const client = await connectClient();
const handle = await client.workflow.start(routing, {
  taskQueue: TASK_QUEUE,
  workflowId: `routing-${Date.now()}`,
  args: ["Bonjour! Comment allez-vous aujourd'hui?"],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(`${result.agent}: ${result.response}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
