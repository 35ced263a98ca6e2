import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { routing } from './workflows/routing';

const { result, uiUrl } = await runSampleWorkflow(routing, {
  taskQueue: TASK_QUEUE,
  args: ["Bonjour! Comment allez-vous aujourd'hui?"],
});
console.log(`${result.agent}: ${result.response}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
