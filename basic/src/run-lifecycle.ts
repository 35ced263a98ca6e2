import { connectClient, waitForResult, wholeNumberArgument, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { lifecycle } from './workflows/lifecycle';

// The max number comes from the command line (`pnpm --filter basic run lifecycle 50`), so the
// launcher also runs where there is no terminal to type into.
const maxNumber = wholeNumberArgument('max number', 50);

const client = await connectClient();
const handle = await client.workflow.start(lifecycle, {
  taskQueue: TASK_QUEUE,
  workflowId: `lifecycle-${Date.now()}`,
  args: [maxNumber],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
for (const [i, { event, usage }] of result.events.entries()) {
  console.log(
    `${i + 1}. ${event}. Usage: ${usage.requests} requests, ${usage.inputTokens} input tokens, ` +
      `${usage.outputTokens} output tokens, ${usage.totalTokens} total tokens`,
  );
}
console.log(`\nFinal number: ${result.number}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
