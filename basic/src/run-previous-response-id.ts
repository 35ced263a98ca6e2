import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { previousResponseId } from './workflows/previous-response-id';

const client = await connectClient();
const handle = await client.workflow.start(previousResponseId, {
  taskQueue: TASK_QUEUE,
  workflowId: `previous-response-id-${Date.now()}`,
  args: ['What is the largest country in South America?', 'What is the capital of that country?'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(`First answer: ${result.first}\nSecond answer: ${result.second}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
