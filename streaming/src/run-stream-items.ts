import { subscribeToWorkflowStream } from 'openai-agents-temporal';
import {
  sampleArguments,
  startSampleWorkflow,
  waitForSampleResult,
  workflowUiUrl,
} from 'openai-agents-temporal/samples';
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
const handle = await startSampleWorkflow(streamItems, { taskQueue: TASK_QUEUE, args: [prompt] });

// The play-by-play the workflow publishes; the subscription ends with the workflow.
for await (const { data } of subscribeToWorkflowStream<ItemEvent>(handle.client, handle.workflowId, {
  topics: [ITEMS_TOPIC],
})) {
  const detail = data.detail.includes('\n') ? `\n  ${data.detail.replaceAll('\n', '\n  ')}` : ` ${data.detail}`;
  console.log(`[${LABELS[data.kind]}]${detail}`);
}

const result = await waitForSampleResult(handle);
console.log(
  `\nDone: ${result.split('\n\n').length} message(s). See the run in the Temporal UI: ${workflowUiUrl(handle)}`,
);
