import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { deterministic } from './workflows/deterministic';

const client = await connectClient();
const handle = await client.workflow.start(deterministic, {
  taskQueue: TASK_QUEUE,
  workflowId: `deterministic-${Date.now()}`,
  args: ['Write a science fiction story about time travel'],
});
console.log(await handle.result());
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
