import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { llmAsAJudge } from './workflows/llm-as-a-judge';

const client = await connectClient();
const handle = await client.workflow.start(llmAsAJudge, {
  taskQueue: TASK_QUEUE,
  workflowId: `llm-as-ajudge-${Date.now()}`,
  // At most 5 generate-and-judge rounds.
  args: ['A thrilling adventure story about pirates searching for treasure', 5],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log(`The judge ${result.passed ? 'passed' : 'had not passed'} the outline after ${result.rounds} round(s).`);
console.log(`Final story outline: ${result.outline}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
