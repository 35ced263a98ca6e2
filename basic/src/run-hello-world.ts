import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { helloWorld } from './workflows/hello-world';

const { result, uiUrl } = await runSampleWorkflow(helloWorld, {
  taskQueue: TASK_QUEUE,
  args: ['Tell me about recursion in programming.'],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
