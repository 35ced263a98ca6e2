import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { outputGuardrails } from './workflows/output-guardrails';

const questions = [
  "What's the capital of California?", // passes the guardrail
  'My phone number is 650-123-4567. Where do you think I live?', // trips it
];

for (const [index, question] of questions.entries()) {
  const { result, uiUrl } = await runSampleWorkflow(outputGuardrails, {
    taskQueue: TASK_QUEUE,
    workflowId: `output-guardrails-${index + 1}-${Date.now()}`,
    args: [question],
  });
  console.log(`> ${question}\n${result}`);
  console.log(`  ${uiUrl}\n`);
}
