import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { agentLifecycle } from './workflows/agent-lifecycle';

// The max number comes from the command line (`pnpm --filter basic run agent-lifecycle 50`), so the
// launcher also runs where there is no terminal to type into.
const [given = '50'] = sampleArguments();
const maxNumber = Number(given);
if (!Number.isInteger(maxNumber) || maxNumber < 0) {
  console.error(`The max number must be a whole number of 0 or more, not "${given}".`);
  process.exit(1);
}

const client = await connectClient();
const handle = await client.workflow.start(agentLifecycle, {
  taskQueue: TASK_QUEUE,
  workflowId: `agent-lifecycle-${Date.now()}`,
  args: [maxNumber],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
for (const [i, event] of result.events.entries()) console.log(`${i + 1}. ${event}`);
console.log(`\nFinal number: ${result.number}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
