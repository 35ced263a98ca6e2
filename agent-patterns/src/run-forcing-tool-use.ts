import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { forcingToolUse, TOOL_USE_MODES } from './workflows/forcing-tool-use';

const client = await connectClient();
// One run per mode: the same question, a different way to finish after the tool call.
for (const mode of TOOL_USE_MODES) {
  const handle = await client.workflow.start(forcingToolUse, {
    taskQueue: TASK_QUEUE,
    workflowId: `forcing-tool-use-${mode}-${Date.now()}`,
    args: ["What's the weather in Tokyo?", mode],
  });
  console.log(`${mode}: ${await handle.result()}`);
  console.log(`  ${workflowUiUrl(handle)}\n`);
}
