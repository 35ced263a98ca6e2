import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { forcingToolUse, TOOL_USE_MODES } from './workflows/forcing-tool-use';

// One run per mode: the same question, a different way to finish after the tool call.
const client = await connectClient();
for (const mode of TOOL_USE_MODES) {
  const handle = await client.workflow.start(forcingToolUse, {
    taskQueue: TASK_QUEUE,
    workflowId: `forcing-tool-use-${mode}-${Date.now()}`,
    args: ["What's the weather in Tokyo?", mode],
  });
  const result = await waitForResult(handle);
  const uiUrl = workflowUiUrl(handle);
  console.log(`${mode}: ${result}`);
  console.log(`  ${uiUrl}\n`);
}
