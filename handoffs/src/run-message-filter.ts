import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { messageFilter } from './workflows/message-filter';

const client = await connectClient();
const handle = await client.workflow.start(messageFilter, {
  taskQueue: TASK_QUEUE,
  workflowId: `message-filter-${Date.now()}`,
  args: [process.argv[2] ?? 'Sora'],
});
const { finalOutput, finalMessages } = await handle.result();
console.log('The conversation after the handoff filter (no tool items, first two messages dropped):');
console.log(JSON.stringify(finalMessages, null, 2));
console.log(`\nSpanish Assistant: ${finalOutput}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
