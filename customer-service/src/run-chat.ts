/**
 * A terminal chat with the airline's agents. The conversation is a workflow: this launcher starts
 * it, or attaches to it when it is already running, and each message is an Update.
 *
 *   pnpm --filter customer-service run chat                              a new conversation
 *   pnpm --filter customer-service run chat --conversation-id my-chat    start or resume my-chat
 *   pnpm --filter customer-service run chat --conversation-id ci "How much baggage can I bring?" --end
 *
 * With messages as arguments it sends them in order and exits (non-zero if one was refused), for
 * scripts and CI. `--end` ends the conversation afterwards; otherwise it stays open to resume.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { connectClient, workflowUiUrl } from 'sample-kit';
import { startOrAttach } from './conversation';
import { endConversationSignal, formatChatLine, historyQuery, sendMessageUpdate } from './workflows/customer-service';

const { values, positionals } = parseArgs({
  options: {
    'conversation-id': { type: 'string' },
    end: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const conversationId = values['conversation-id'] ?? `customer-service-${Date.now()}`;

const conversation = await startOrAttach(await connectClient(), conversationId);

const history = await conversation.query(historyQuery);
if (history.length > 0) {
  console.log(`Resuming conversation ${conversationId}:\n`);
  for (const line of history) console.log(formatChatLine(line));
} else {
  console.log(`New conversation ${conversationId}.`);
}

/** Sends one message and prints the reply; a refused or failed message is reported, and nothing is lost. */
async function send(message: string): Promise<boolean> {
  try {
    const lines = await conversation.executeUpdate(sendMessageUpdate, { args: [message] });
    for (const line of lines.slice(1)) console.log(formatChatLine(line));
    return true;
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    console.log(`Not sent: ${error.cause?.message ?? error.message}`);
    return false;
  }
}

let end = values.end;
if (positionals.length > 0) {
  for (const message of positionals) {
    console.log(formatChatLine({ kind: 'user', text: message }));
    if (!(await send(message))) process.exitCode = 1;
  }
} else {
  const interactive = process.stdin.isTTY === true;
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  if (interactive) {
    console.log('\nType a message and press Enter. /end ends the conversation; /quit or Ctrl-D leaves it open.');
    terminal.setPrompt('You: ');
    terminal.prompt();
  }
  for await (const line of terminal) {
    const command = line.trim();
    if (command === '/quit') break;
    if (command === '/end') {
      end = true;
      break;
    }
    // Typed lines are on screen already; piped ones are shown as they are sent.
    if (!interactive) console.log(formatChatLine({ kind: 'user', text: line }));
    await send(line);
    if (interactive) terminal.prompt();
  }
  terminal.close();
}

const { runId } = await conversation.describe();
if (end) {
  await conversation.signal(endConversationSignal);
  const transcript = await conversation.result();
  console.log(`\nConversation ${conversationId} ended after ${transcript.length} lines.`);
} else {
  console.log(
    `\nThe conversation stays open. Resume it with:\n  pnpm --filter customer-service run chat --conversation-id ${conversationId}`,
  );
}
console.log(`See it in the Temporal UI: ${workflowUiUrl({ workflowId: conversationId, runId })}`);
