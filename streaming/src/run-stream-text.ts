import { type ModelStreamItem, subscribeToWorkflowStream } from 'openai-agents-temporal';
import { connectClient, sampleArguments, waitForResult, watchRun, workflowUiUrl, writeStreamedText } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { TOKENS_TOPIC } from './topics';
import { streamText } from './workflows/stream-text';

const prompt = sampleArguments().join(' ') || 'Please tell me 5 jokes.';
const client = await connectClient();
const handle = await client.workflow.start(streamText, {
  taskQueue: TASK_QUEUE,
  workflowId: `stream-text-${Date.now()}`,
  args: [prompt],
});
watchRun(handle);

// The model's events as the model activity publishes them; the subscription ends with the workflow.
for await (const { data } of subscribeToWorkflowStream<ModelStreamItem>(handle.client, handle.workflowId, {
  topics: [TOKENS_TOPIC],
})) {
  if (data.kind === 'attempt' && data.attempt > 1) {
    // A retried call starts its answer again: what came before was from an attempt that was lost.
    writeStreamedText(`\n[model call ${data.call}, attempt ${data.attempt}: the answer starts again]\n`);
  } else if (data.kind === 'event' && data.event.type === 'output_text_delta') {
    // Through the launcher's terminal, so its status lines never land in the middle of a word.
    writeStreamedText(data.event.delta);
  }
}

const { answer, deltasInWorkflow } = await waitForResult(handle);
console.log(`\n\nResult (the workflow saw the same ${deltasInWorkflow} text deltas):\n${answer}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
