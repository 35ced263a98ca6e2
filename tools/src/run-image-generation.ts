import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { imageGeneration } from './workflows/image-generation';

const client = await connectClient();
const handle = await client.workflow.start(imageGeneration, {
  taskQueue: TASK_QUEUE,
  workflowId: `image-generation-${Date.now()}`,
  args: ['Create an image of a frog eating a pizza, comic book style.'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
const { answer, images } = result;
if (answer) console.log(answer);
if (images.length === 0) console.log('The model generated no image.');
// The worker wrote the files, so they are on the worker's machine (here too when both run locally).
for (const { path, bytes, format } of images) console.log(`Image (${format}, ${bytes} bytes): ${path}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
