import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { outputGuardrails } from './workflows/output-guardrails';

const questions = [
  "What's the capital of California?", // passes the guardrail
  'My phone number is 650-123-4567. Where do you think I live?', // trips it
];

const client = await connectClient();
for (const [index, question] of questions.entries()) {
  const handle = await client.workflow.start(outputGuardrails, {
    taskQueue: TASK_QUEUE,
    workflowId: `output-guardrails-${index + 1}-${Date.now()}`,
    args: [question],
  });
  const result = await waitForResult(handle);
  const uiUrl = workflowUiUrl(handle);
  console.log(`> ${question}\n${result}`);
  console.log(`  ${uiUrl}\n`);
}
