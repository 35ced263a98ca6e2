import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { inputGuardrails } from './workflows/input-guardrails';

const questions = [
  "What's the capital of California?", // passes the guardrail
  'Can you help me solve for x: 2x + 5 = 11?', // trips it
];

const client = await connectClient();
for (const [index, question] of questions.entries()) {
  const handle = await client.workflow.start(inputGuardrails, {
    taskQueue: TASK_QUEUE,
    workflowId: `input-guardrails-${index + 1}-${Date.now()}`,
    args: [question],
  });
  const result = await waitForResult(handle);
  const uiUrl = workflowUiUrl(handle);
  console.log(`> ${question}\n${result}`);
  console.log(`  ${uiUrl}\n`);
}
