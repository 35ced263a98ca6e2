import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { tools } from './workflows/tools';

const { result, uiUrl } = await runSampleWorkflow(tools, {
  taskQueue: TASK_QUEUE,
  args: ['What is the weather in Tokio?'],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
