import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { filesystem } from './workflows/filesystem';

const { result, uiUrl } = await runSampleWorkflow(filesystem, { taskQueue: TASK_QUEUE, args: [] });
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
