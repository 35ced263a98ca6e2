import { createInterface } from 'node:readline/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectClient, sampleArguments, waitForResult, watchRun, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import {
  type ApprovalDecision,
  approvals,
  decide,
  type PendingApproval,
  pendingApprovals,
} from './workflows/approvals';

// `--approve` or `--reject` decides every call without asking; otherwise each one is asked y/n.
const args = sampleArguments().filter((arg) => arg !== '--');
const approveAll = args.includes('--approve');
const rejectAll = args.includes('--reject');
if (approveAll && rejectAll) {
  console.error('Pass --approve or --reject, not both.');
  process.exit(2);
}
const request =
  args.filter((arg) => !arg.startsWith('--')).join(' ') ||
  'Please refund order A-1001 ($40, it arrived broken) and order A-1002 ($15, it came a week late).';
const askInTerminal = !approveAll && !rejectAll && process.stdin.isTTY === true;
if (!approveAll && !rejectAll && !askInTerminal) {
  console.log('No terminal to ask in: every call is rejected. Pass --approve to approve them instead.');
}

const client = await connectClient();
const handle = await client.workflow.start(approvals, {
  taskQueue: TASK_QUEUE,
  workflowId: `approvals-${Date.now()}`,
  args: [request],
});
watchRun(handle);
console.log(`Request: ${request}`);
let finished = false;
const result = waitForResult(handle).finally(() => {
  finished = true;
});

/** Ctrl+D or Ctrl+C at a question: leave the run waiting for its decisions, and say how to come back. */
function stopAsking(): never {
  console.log(`\nStopped asking. The run waits for its decisions: ${workflowUiUrl(handle)}`);
  process.exit(130);
}

const terminal = askInTerminal ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
async function decisionFor(approval: PendingApproval): Promise<ApprovalDecision> {
  const call = `${approval.agentName} wants to call ${approval.toolName}(${approval.arguments})`;
  if (!terminal) {
    console.log(`${call}: ${approveAll ? 'approved' : 'rejected'} (${approveAll ? '--approve' : 'no terminal'})`);
    return { callId: approval.callId, approve: approveAll };
  }
  for (;;) {
    const answer = (await terminal.question(`${call}. Approve? [y/n] `).catch(stopAsking)).trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') return { callId: approval.callId, approve: true };
    if (answer === 'n' || answer === 'no') {
      const why = (await terminal.question('Why not (told to the agent; Enter to skip)? ').catch(stopAsking)).trim();
      return {
        callId: approval.callId,
        approve: false,
        ...(why ? { message: `Rejected by the reviewer: ${why}` } : {}),
      };
    }
  }
}

// Ask while the workflow waits; each answer is one Update, checked by the workflow before it is taken.
while (!finished) {
  const pending = await handle.query(pendingApprovals).catch(() => [] as PendingApproval[]);
  for (const approval of pending) {
    const decision = await decisionFor(approval);
    await handle.executeUpdate(decide, { args: [decision] });
  }
  if (pending.length === 0) await Promise.race([result, sleep(500)]);
}
terminal?.close();

const { answer, refunds, decisions } = await result;
console.log(`\n${answer}`);
console.log(`\nRefunds issued: ${refunds.map((refund) => `${refund.orderId} $${refund.amount}`).join(', ') || 'none'}`);
for (const decision of decisions) {
  console.log(`  ${decision.toolName}(${decision.arguments}): ${decision.approve ? 'approved' : 'rejected'}`);
}
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
