import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { codeInterpreter } from './workflows/code-interpreter';

const client = await connectClient();
const handle = await client.workflow.start(codeInterpreter, {
  taskQueue: TASK_QUEUE,
  workflowId: `code-interpreter-${Date.now()}`,
  args: ['What is the square root of 273 * 312821 plus 1782?'],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
const { answer, runs } = result;
for (const { code, logs } of runs) {
  console.log(`The interpreter ran:\n${code}`);
  if (logs.length > 0) console.log(`and printed:\n${logs.join('\n')}`);
  console.log();
}
console.log(answer);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
