import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { llmAsAJudge } from './workflows/llm-as-a-judge';

const client = await connectClient();
const handle = await client.workflow.start(llmAsAJudge, {
  taskQueue: TASK_QUEUE,
  workflowId: `llm-as-a-judge-${Date.now()}`,
  // At most 5 generate-and-judge rounds.
  args: ['A thrilling adventure story about pirates searching for treasure', 5],
});
const { outline, rounds, passed } = await handle.result();
console.log(`The judge ${passed ? 'passed' : 'had not passed'} the outline after ${rounds} round(s).`);
console.log(`Final story outline: ${outline}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
