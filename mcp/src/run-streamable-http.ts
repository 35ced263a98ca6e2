import { connectClient, waitForResult, workflowUiUrl } from 'sample-kit';
import { startServerFix } from './mcp-servers';
import { TASK_QUEUE } from './task-queue';
import { streamableHttp } from './workflows/streamable-http';
import { TOOLS_QUESTIONS } from './workflows/tools-server-agent';

const client = await connectClient();
const handle = await client.workflow.start(streamableHttp, {
  taskQueue: TASK_QUEUE,
  workflowId: `streamable-http-${Date.now()}`,
  args: [],
});
// A failure to reach the MCP server names the command that starts it.
const result = await waitForResult(handle, { fixes: startServerFix('serve-tools') });
const uiUrl = workflowUiUrl(handle);
for (const [index, question] of TOOLS_QUESTIONS.entries()) console.log(`${question}\n${result[index]}\n`);
console.log(`See the run in the Temporal UI: ${uiUrl}`);
