import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { parallelization } from './workflows/parallelization';

const client = await connectClient();
const handle = await client.workflow.start(parallelization, {
  taskQueue: TASK_QUEUE,
  workflowId: `parallelization-${Date.now()}`,
  args: ['Hello, world! How are you today?'],
});
console.log(await handle.result());
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
