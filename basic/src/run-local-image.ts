import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { localImage } from './workflows/local-image';

const client = await connectClient();
const handle = await client.workflow.start(localImage, {
  taskQueue: TASK_QUEUE,
  workflowId: `local-image-${Date.now()}`,
  // Relative to the sample folder: the worker's activity resolves it there, wherever it runs from.
  args: ['media/house-on-a-hill.png', 'What do you see in this image?'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
