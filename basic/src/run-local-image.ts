import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { localImage } from './workflows/local-image';

const { result, uiUrl } = await runSampleWorkflow(localImage, {
  taskQueue: TASK_QUEUE,
  // Relative to the sample folder: the worker's activity resolves it there, wherever it runs from.
  args: ['media/house-on-a-hill.png', 'What do you see in this image?'],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
