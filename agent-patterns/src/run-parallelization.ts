import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { parallelization } from './workflows/parallelization';

const { result, uiUrl } = await runSampleWorkflow(parallelization, {
  taskQueue: TASK_QUEUE,
  args: ['Hello, world! How are you today?'],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
