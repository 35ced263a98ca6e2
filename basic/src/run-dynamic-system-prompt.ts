import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { dynamicSystemPrompt } from './workflows/dynamic-system-prompt';

// First the workflow picks a style at random, then the launcher asks for a pirate.
for (const style of [undefined, 'pirate'] as const) {
  const { result, uiUrl } = await runSampleWorkflow(dynamicSystemPrompt, {
    taskQueue: TASK_QUEUE,
    workflowId: `dynamic-system-prompt-${style ?? 'random'}-${Date.now()}`,
    args: ['Tell me a joke.', style],
  });
  console.log(`Style: ${result.style}\nResponse: ${result.response}`);
  console.log(`See the run in the Temporal UI: ${uiUrl}\n`);
}
