import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { localSandbox } from './workflows/local-sandbox';

const prompt =
  sampleArguments().join(' ') ||
  'Count the items in inventory.csv, write the total to summary.md, and tick off the to-do items you did in todo.md.';

const client = await connectClient();
const handle = await client.workflow.start(localSandbox, {
  taskQueue: TASK_QUEUE,
  workflowId: `local-sandbox-${Date.now()}`,
  args: [prompt],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
console.log('What the agent did in the sandbox:');
for (const action of result.actions) console.log(`  ${action}`);
console.log('\nThe workspace afterwards:');
for (const [path, content] of Object.entries(result.files)) {
  console.log(`--- ${path}\n${content.trimEnd()}`);
}
console.log(`\n${result.answer}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
