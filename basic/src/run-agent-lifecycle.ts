import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { agentLifecycle } from './workflows/agent-lifecycle';

// The max number comes from the command line (`pnpm --filter basic run agent-lifecycle 50`), so the
// launcher also runs where there is no terminal to type into.
const maxNumber = Number(process.argv[2] ?? 50);
if (!Number.isInteger(maxNumber) || maxNumber < 0) {
  console.error(`The max number must be a whole number of 0 or more, not "${process.argv[2]}".`);
  process.exit(1);
}

const client = await connectClient();
const handle = await client.workflow.start(agentLifecycle, {
  taskQueue: TASK_QUEUE,
  workflowId: `agent-lifecycle-${Date.now()}`,
  args: [maxNumber],
});
const { number, events } = await handle.result();
for (const [i, event] of events.entries()) console.log(`${i + 1}. ${event}`);
console.log(`\nFinal number: ${number}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
