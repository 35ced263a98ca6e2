import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { agentsAsTools } from './workflows/agents-as-tools';

const { result, uiUrl } = await runSampleWorkflow(agentsAsTools, {
  taskQueue: TASK_QUEUE,
  args: ["Please translate 'Good morning, how are you?' to Spanish and French"],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
