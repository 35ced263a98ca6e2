import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { remoteImage } from './workflows/remote-image';

const { result, uiUrl } = await runSampleWorkflow(remoteImage, {
  taskQueue: TASK_QUEUE,
  args: [
    'https://upload.wikimedia.org/wikipedia/commons/0/0c/GoldenGateBridge-001.jpg',
    'What do you see in this image?',
  ],
});
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
