import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { previousResponseId } from './workflows/previous-response-id';

const { result, uiUrl } = await runSampleWorkflow(previousResponseId, {
  taskQueue: TASK_QUEUE,
  args: ['What is the largest country in South America?', 'What is the capital of that country?'],
});
console.log(`First answer: ${result.first}\nSecond answer: ${result.second}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
