import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { memoryResearchScratchpad } from './workflows/memory-research-scratchpad';

const client = await connectClient();
const handle = await client.workflow.start(memoryResearchScratchpad, {
  taskQueue: TASK_QUEUE,
  workflowId: `memory-research-scratchpad-${Date.now()}`,
  args: [],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
