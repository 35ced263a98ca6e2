import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { startServerFix } from './mcp-servers';
import { TASK_QUEUE } from './task-queue';
import { promptServer } from './workflows/prompt-server';

const client = await connectClient();
const handle = await client.workflow.start(promptServer, {
  taskQueue: TASK_QUEUE,
  workflowId: `prompt-server-${Date.now()}`,
  args: ['security vulnerabilities', 'python'],
});
// A failure to reach the MCP server names the command that starts it.
const result = await waitForResult(handle, { fixes: startServerFix('serve-prompts') });
const uiUrl = workflowUiUrl(handle);
console.log(`Prompts on the server:\n${result.prompts.map((prompt) => `- ${prompt}`).join('\n')}`);
console.log(`\nInstructions from generate_code_review_instructions:\n${result.instructions}`);
console.log(`\nReview:\n${result.review}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
