import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { forcingToolUse, TOOL_USE_MODES } from './workflows/forcing-tool-use';

// One run per mode: the same question, a different way to finish after the tool call.
for (const mode of TOOL_USE_MODES) {
  const { result, uiUrl } = await runSampleWorkflow(forcingToolUse, {
    taskQueue: TASK_QUEUE,
    workflowId: `forcing-tool-use-${mode}-${Date.now()}`,
    args: ["What's the weather in Tokyo?", mode],
  });
  console.log(`${mode}: ${result}`);
  console.log(`  ${uiUrl}\n`);
}
