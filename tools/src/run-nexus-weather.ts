import { runSampleWorkflow, sampleArguments } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { nexusWeather } from './workflows/nexus-weather';

const question = sampleArguments().join(' ') || 'What will the weather be in Lisbon over the next three days?';
const { result, uiUrl } = await runSampleWorkflow(nexusWeather, { taskQueue: TASK_QUEUE, args: [question] });
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
