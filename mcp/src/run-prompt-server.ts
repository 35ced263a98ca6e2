import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { startServerFix } from './mcp-servers';
import { TASK_QUEUE } from './task-queue';
import { promptServer } from './workflows/prompt-server';

const { result, uiUrl } = await runSampleWorkflow(promptServer, {
  fixes: startServerFix('serve-prompts'),
  taskQueue: TASK_QUEUE,
  args: ['security vulnerabilities', 'python'],
});
console.log(`Prompts on the server:\n${result.prompts.map((prompt) => `- ${prompt}`).join('\n')}`);
console.log(`\nInstructions from generate_code_review_instructions:\n${result.instructions}`);
console.log(`\nReview:\n${result.review}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
