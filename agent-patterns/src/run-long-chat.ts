import { connectClient, sampleArguments, waitForResult, watchRun, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { endChat, longChat, sendMessage } from './workflows/long-chat';

// Messages from the command line, or these.
const messages = sampleArguments().filter((arg) => arg !== '--');
if (messages.length === 0) {
  messages.push(
    'Hi! I am planning a trip to Lisbon in May.',
    'What should I see on my first day?',
    'And where could I eat fish that evening?',
    'Is a day trip to Sintra worth it?',
    'How do I get there from the centre?',
    'Thanks! Can you sum up my plan so far?',
  );
}

const client = await connectClient();
const handle = await client.workflow.start(longChat, {
  taskQueue: TASK_QUEUE,
  workflowId: `long-chat-${Date.now()}`,
  // A small threshold, so this short chat shows continue-as-new; by default the chat continues as
  // new on the plugin's replay budget (about 100 turns) or when Temporal suggests it.
  args: [{ thresholds: { maxHistoryBytes: 8_000 } }],
});
watchRun(handle);
for (const message of messages) {
  // The handle addresses the workflow by id, so each Update reaches the chat's current run.
  const { reply, turn, run } = await handle.executeUpdate(sendMessage, { args: [message] });
  console.log(`[turn ${turn}, run ${run}] you: ${message}`);
  console.log(`  assistant: ${reply}`);
}
await handle.signal(endChat);
const result = await waitForResult(handle);

console.log(`\n${result.turns} turns in ${result.runs} run(s) of one workflow.`);
for (const continued of result.continuedRuns) {
  console.log(
    `  run ${continued.run} continued as new after turn ${continued.turns} ` +
      `(${continued.reasons.join(', ')}; history ${(continued.historyBytes / 1024).toFixed(0)} KB in ` +
      `${continued.historyEvents} events), carrying the conversation's id`,
  );
}
console.log(`\nSee the chat's first run in the Temporal UI: ${workflowUiUrl(handle)}`);
