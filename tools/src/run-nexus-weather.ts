import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { nexusWeather } from './workflows/nexus-weather';

const question = sampleArguments().join(' ') || 'What will the weather be in Lisbon over the next three days?';
const client = await connectClient();
const handle = await client.workflow.start(nexusWeather, {
  taskQueue: TASK_QUEUE,
  workflowId: `nexus-weather-${Date.now()}`,
  args: [question],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
