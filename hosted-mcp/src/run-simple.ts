import { runSampleWorkflow, sampleArguments } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { simpleHostedMcp } from './workflows/simple';

const [question = 'Which language is this repo written in?', serverUrl] = sampleArguments();
const { result, uiUrl } = await runSampleWorkflow(simpleHostedMcp, {
  taskQueue: TASK_QUEUE,
  args: serverUrl ? [question, serverUrl] : [question],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
