import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { previousResponseId } from './workflows/previous-response-id';

const client = await connectClient();
const handle = await client.workflow.start(previousResponseId, {
  taskQueue: TASK_QUEUE,
  workflowId: `previous-response-id-${Date.now()}`,
  args: ['What is the largest country in South America?', 'What is the capital of that country?'],
});
const { first, second } = await handle.result();
console.log(`First answer: ${first}\nSecond answer: ${second}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
