import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { llmAsAJudge } from './workflows/llm-as-a-judge';

const { result, uiUrl } = await runSampleWorkflow(llmAsAJudge, {
  taskQueue: TASK_QUEUE,
  // At most 5 generate-and-judge rounds.
  args: ['A thrilling adventure story about pirates searching for treasure', 5],
});
console.log(`The judge ${result.passed ? 'passed' : 'had not passed'} the outline after ${result.rounds} round(s).`);
console.log(`Final story outline: ${result.outline}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
