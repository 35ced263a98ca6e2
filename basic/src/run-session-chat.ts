import {
  sampleArguments,
  startSampleWorkflow,
  waitForSampleResult,
  workflowUiUrl,
} from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { endSessionChat, sendSessionMessage, sessionChat } from './workflows/session-chat';

const messages = sampleArguments().filter((arg) => arg !== '--');
if (messages.length === 0) {
  messages.push('Hi, my name is Ada.', 'I like hiking.', 'Suggest a weekend plan for me.', 'What is my name?');
}

// Two turns per run, so this short chat shows the session carried across continue-as-new.
const handle = await startSampleWorkflow(sessionChat, { taskQueue: TASK_QUEUE, args: [{ turnsPerRun: 2 }] });
for (const message of messages) {
  const { reply, turn, run } = await handle.executeUpdate(sendSessionMessage, { args: [message] });
  console.log(`[turn ${turn}, run ${run}] you: ${message}`);
  console.log(`  assistant: ${reply}`);
}
await handle.signal(endSessionChat);
const result = await waitForSampleResult(handle);
console.log(`\n${result.turns} turns in ${result.runs} runs; the session holds ${result.sessionItems} items.`);
console.log(`See the chat's first run in the Temporal UI: ${workflowUiUrl(handle)}`);
