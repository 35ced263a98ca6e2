import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { memoryResearchScratchpad } from './workflows/memory-research-scratchpad';

const { result, uiUrl } = await runSampleWorkflow(memoryResearchScratchpad, { taskQueue: TASK_QUEUE, args: [] });
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
