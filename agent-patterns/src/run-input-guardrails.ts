import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { inputGuardrails } from './workflows/input-guardrails';

const questions = [
  "What's the capital of California?", // passes the guardrail
  'Can you help me solve for x: 2x + 5 = 11?', // trips it
];

for (const [index, question] of questions.entries()) {
  const { result, uiUrl } = await runSampleWorkflow(inputGuardrails, {
    taskQueue: TASK_QUEUE,
    workflowId: `input-guardrails-${index + 1}-${Date.now()}`,
    args: [question],
  });
  console.log(`> ${question}\n${result}`);
  console.log(`  ${uiUrl}\n`);
}
