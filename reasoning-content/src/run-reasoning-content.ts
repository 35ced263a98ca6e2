import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { reasoningReport } from './report';
import { TASK_QUEUE } from './task-queue';
import { DEFAULT_REASONING_MODEL, reasoningContent } from './workflows/reasoning-content';

const PROMPTS = [
  'What is the square root of 841? Please explain your reasoning.',
  'Explain the concept of recursion in programming',
  'Write a haiku about recursion in programming',
];

// The model is a workflow argument, so it is part of the run's history: REASONING_MODEL or the first argument.
const model = sampleArguments()[0] ?? process.env.REASONING_MODEL ?? DEFAULT_REASONING_MODEL;
const client = await connectClient();
for (const [index, prompt] of PROMPTS.entries()) {
  const handle = await client.workflow.start(reasoningContent, {
    taskQueue: TASK_QUEUE,
    workflowId: `reasoning-content-${index + 1}-${Date.now()}`,
    args: [prompt, model],
  });
  const result = await waitForResult(handle);
  const uiUrl = workflowUiUrl(handle);
  console.log(`${'='.repeat(60)}\n${reasoningReport(result)}`);
  console.log(`\nSee the run in the Temporal UI: ${uiUrl}\n`);
}
