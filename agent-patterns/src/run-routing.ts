import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { routing } from './workflows/routing';

const client = await connectClient();
const handle = await client.workflow.start(routing, {
  taskQueue: TASK_QUEUE,
  workflowId: `routing-${Date.now()}`,
  args: ["Bonjour! Comment allez-vous aujourd'hui?"],
});
const { agent, response } = await handle.result();
console.log(`${agent}: ${response}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
