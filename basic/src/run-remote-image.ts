import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
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
console.log(await handle.result());
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
