import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { deterministic } from './workflows/deterministic';

const { result, uiUrl } = await runSampleWorkflow(deterministic, {
  taskQueue: TASK_QUEUE,
  args: ['Write a science fiction story about time travel'],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
