import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { agentsAsTools } from './workflows/agents-as-tools';

const client = await connectClient();
const handle = await client.workflow.start(agentsAsTools, {
  taskQueue: TASK_QUEUE,
  workflowId: `agents-as-tools-${Date.now()}`,
  args: ["Please translate 'Good morning, how are you?' to Spanish and French"],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
