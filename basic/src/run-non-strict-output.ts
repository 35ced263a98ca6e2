import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { nonStrictOutput, type Outcome } from './workflows/non-strict-output';

const client = await connectClient();
const handle = await client.workflow.start(nonStrictOutput, {
  taskQueue: TASK_QUEUE,
  workflowId: `non-strict-output-${Date.now()}`,
  args: ['Tell me 3 short jokes.'],
});
const { strict, nonStrict } = await handle.result();
const show = (outcome: Outcome) => (outcome.ok ? JSON.stringify(outcome.output, null, 2) : `failed: ${outcome.error}`);
console.log(`Strict schema: ${show(strict)}\n`);
console.log(`Non-strict schema: ${show(nonStrict)}\n`);
console.log(`See the run in the Temporal UI: ${workflowUiUrl(handle)}`);
