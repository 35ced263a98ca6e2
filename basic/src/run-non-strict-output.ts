import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { nonStrictOutput, type Outcome } from './workflows/non-strict-output';

const client = await connectClient();
const handle = await client.workflow.start(nonStrictOutput, {
  taskQueue: TASK_QUEUE,
  workflowId: `non-strict-output-${Date.now()}`,
  args: ['Tell me 3 short jokes.'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
const show = (outcome: Outcome) => (outcome.ok ? JSON.stringify(outcome.output, null, 2) : `failed: ${outcome.error}`);
console.log(`Strict schema: ${show(result.strict)}\n`);
console.log(`Non-strict schema: ${show(result.nonStrict)}\n`);
console.log(`See the run in the Temporal UI: ${uiUrl}`);
