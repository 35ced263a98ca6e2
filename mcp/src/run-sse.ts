import { runSampleWorkflow } from 'openai-agents-temporal/samples';
import { startServerFix } from './mcp-servers';
import { TASK_QUEUE } from './task-queue';
import { sse } from './workflows/sse';
import { TOOLS_QUESTIONS } from './workflows/tools-server-agent';

const { result, uiUrl } = await runSampleWorkflow(sse, {
  taskQueue: TASK_QUEUE,
  args: [],
  fixes: startServerFix('serve-tools'),
});
for (const [index, question] of TOOLS_QUESTIONS.entries()) console.log(`${question}\n${result[index]}\n`);
console.log(`See the run in the Temporal UI: ${uiUrl}`);
