import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { simpleHostedMcp } from './workflows/simple';

const [question = 'Which language is this repo written in?', serverUrl] = sampleArguments();
const client = await connectClient();
const handle = await client.workflow.start(simpleHostedMcp, {
  taskQueue: TASK_QUEUE,
  workflowId: `simple-hosted-mcp-${Date.now()}`,
  args: serverUrl ? [question, serverUrl] : [question],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(result);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
