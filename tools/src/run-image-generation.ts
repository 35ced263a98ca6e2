import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { imageGeneration } from './workflows/image-generation';

const { result, uiUrl } = await runSampleWorkflow(imageGeneration, {
  taskQueue: TASK_QUEUE,
  args: ['Create an image of a frog eating a pizza, comic book style.'],
});
const { answer, images } = result;
if (answer) console.log(answer);
if (images.length === 0) console.log('The model generated no image.');
// The worker wrote the files, so they are on the worker's machine (here too when both run locally).
for (const { path, bytes, format } of images) console.log(`Image (${format}, ${bytes} bytes): ${path}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
