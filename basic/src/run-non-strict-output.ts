import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { nonStrictOutput, type Outcome } from './workflows/non-strict-output';

const { result, uiUrl } = await runSampleWorkflow(nonStrictOutput, {
  taskQueue: TASK_QUEUE,
  args: ['Tell me 3 short jokes.'],
});
const show = (outcome: Outcome) => (outcome.ok ? JSON.stringify(outcome.output, null, 2) : `failed: ${outcome.error}`);
console.log(`Strict schema: ${show(result.strict)}\n`);
console.log(`Non-strict schema: ${show(result.nonStrict)}\n`);
console.log(`See the run in the Temporal UI: ${uiUrl}`);
