import { subscribeToWorkflowStream } from 'openai-agents-temporal';
import { connectClient, sampleArguments, waitForResult, watchRun, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { ITEMS_TOPIC, type ItemEvent } from './topics';
import { streamItems } from './workflows/stream-items';

const LABELS: Record<ItemEvent['kind'], string> = {
  agent: 'agent',
  tool_call: 'tool call',
  tool_output: 'tool output',
  message: 'message',
};

const prompt = sampleArguments().join(' ') || 'Hello';
const client = await connectClient();
const handle = await client.workflow.start(streamItems, {
  taskQueue: TASK_QUEUE,
  workflowId: `stream-items-${Date.now()}`,
  args: [prompt],
});
watchRun(handle);

// The play-by-play the workflow publishes; the subscription ends with the workflow.
for await (const { data } of subscribeToWorkflowStream<ItemEvent>(handle.client, handle.workflowId, {
  topics: [ITEMS_TOPIC],
})) {
  const detail = data.detail.includes('\n') ? `\n  ${data.detail.replaceAll('\n', '\n  ')}` : ` ${data.detail}`;
  console.log(`[${LABELS[data.kind]}]${detail}`);
}

const result = await waitForResult(handle);
console.log(
  `\nDone: ${result.split('\n\n').length} message(s). See the run in the Temporal UI: ${workflowUiUrl(handle)}`,
);
