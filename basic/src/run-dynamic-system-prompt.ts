import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { dynamicSystemPrompt } from './workflows/dynamic-system-prompt';

// First the workflow picks a style at random, then the launcher asks for a pirate.
const client = await connectClient();
for (const style of [undefined, 'pirate'] as const) {
  const handle = await client.workflow.start(dynamicSystemPrompt, {
    taskQueue: TASK_QUEUE,
    workflowId: `dynamic-system-prompt-${style ?? 'random'}-${Date.now()}`,
    args: ['Tell me a joke.', style],
  });
  const result = await waitForResult(handle);
  const uiUrl = workflowUiUrl(handle);
  console.log(`Style: ${result.style}\nResponse: ${result.response}`);
  console.log(`See the run in the Temporal UI: ${uiUrl}\n`);
}
