import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { messageFilter } from './workflows/message-filter';

const client = await connectClient();
const handle = await client.workflow.start(messageFilter, {
  taskQueue: TASK_QUEUE,
  workflowId: `message-filter-${Date.now()}`,
  args: [sampleArguments()[0] ?? 'Sora'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
const { finalOutput, finalMessages } = result;
console.log('The conversation after the handoff filter (no tool items, first two messages dropped):');
console.log(JSON.stringify(finalMessages, null, 2));
console.log(`\nSpanish Assistant: ${finalOutput}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
