import { connectClient, sampleArguments, waitForResult, watchRun, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { endSessionChat, sendSessionMessage, sessionChat } from './workflows/session-chat';

const messages = sampleArguments().filter((arg) => arg !== '--');
if (messages.length === 0) {
  messages.push('Hi, my name is Ada.', 'I like hiking.', 'Suggest a weekend plan for me.', 'What is my name?');
}

// Two turns per run, so this short chat shows the session carried across continue-as-new.
const client = await connectClient();
const handle = await client.workflow.start(sessionChat, {
  taskQueue: TASK_QUEUE,
  workflowId: `session-chat-${Date.now()}`,
  args: [{ turnsPerRun: 2 }],
});
// Says when no worker picks the chat up, while the updates below wait for their replies.
watchRun(handle);
for (const message of messages) {
  const { reply, turn, run } = await handle.executeUpdate(sendSessionMessage, { args: [message] });
  console.log(`[turn ${turn}, run ${run}] you: ${message}`);
  console.log(`  assistant: ${reply}`);
}
await handle.signal(endSessionChat);
const result = await waitForResult(handle);
console.log(`\n${result.turns} turns in ${result.runs} runs; the session holds ${result.sessionItems} items.`);
console.log(`See the chat's first run in the Temporal UI: ${workflowUiUrl(handle)}`);
