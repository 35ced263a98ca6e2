import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { remoteImage } from './workflows/remote-image';

const client = await connectClient();
const handle = await client.workflow.start(remoteImage, {
  taskQueue: TASK_QUEUE,
  workflowId: `remote-image-${Date.now()}`,
  args: [
    'https://upload.wikimedia.org/wikipedia/commons/0/0c/GoldenGateBridge-001.jpg',
    'What do you see in this image?',
  ],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
