// Starts the approval sample, then decides each MCP call the agent asks for: `--approve` or `--reject`
// decides without asking; otherwise it asks on the terminal, and for a rejection asks why. The
// decision reaches the waiting workflow as an Update; a rejection's reason is told to the model.
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { connectClient, sampleArguments, waitForResult, watchRun, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { approvalHostedMcp, decideApproval, type PendingApproval, pendingApprovals } from './workflows/approval';

const flags = new Set(sampleArguments().filter((arg) => arg.startsWith('--') && !arg.startsWith('--reason=')));
const reasonFlag = sampleArguments()
  .find((arg) => arg.startsWith('--reason='))
  ?.slice('--reason='.length);
const [question = 'Which language is this repo written in?'] = sampleArguments().filter((arg) => !arg.startsWith('--'));
const preset = flags.has('--approve') ? true : flags.has('--reject') ? false : undefined;
const DEFAULT_REASON = 'The person running the launcher said no.';

/** The decision on one call, with the reason the model is told when it is a rejection. */
async function decide(approval: PendingApproval): Promise<{ approve: boolean; reason?: string }> {
  const call = `${approval.toolName}(${approval.arguments}) on MCP server ${approval.serverLabel}`;
  if (preset !== undefined) {
    console.log(`${preset ? 'Approving' : 'Rejecting'} ${call} (${preset ? '--approve' : '--reject'}).`);
    return preset ? { approve: true } : { approve: false, reason: reasonFlag || DEFAULT_REASON };
  }
  if (!stdin.isTTY) {
    console.log(`Rejecting ${call}: no terminal to ask on. Pass --approve or --reject.`);
    return { approve: false, reason: reasonFlag || DEFAULT_REASON };
  }
  const terminal = createInterface({ input: stdin, output: stdout });
  try {
    if (/^y(es)?$/i.test((await terminal.question(`The agent wants to call ${call}. Approve? [y/N] `)).trim())) {
      return { approve: true };
    }
    const why = (await terminal.question('Why not? The model is told (Enter for no reason): ')).trim();
    return { approve: false, reason: why || reasonFlag || DEFAULT_REASON };
  } finally {
    terminal.close();
  }
}

const client = await connectClient();
const handle = await client.workflow.start(approvalHostedMcp, {
  taskQueue: TASK_QUEUE,
  workflowId: `approval-hosted-mcp-${Date.now()}`,
  args: [question],
});
watchRun(handle);
let finished = false;
const result = waitForResult(handle).finally(() => {
  finished = true;
});
while (!finished) {
  // The query needs a worker; until one runs the workflow, there is nothing to decide yet.
  const pending = await handle.query(pendingApprovals).catch(() => [] as PendingApproval[]);
  for (const approval of pending) {
    const decision = await decide(approval);
    try {
      await handle.executeUpdate(decideApproval, { args: [{ id: approval.id, ...decision }] });
    } catch (error) {
      if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      console.log(`The workflow refused the decision: ${error.cause?.message ?? error.message}`);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const { answer, decisions } = await result;
console.log(`\n${answer}`);
console.log(`\nDecisions: ${decisions.map((d) => `${d.id} ${d.approve ? 'approved' : 'rejected'}`).join(', ')}`);
console.log(`See the run in the Temporal UI: ${workflowUiUrl(handle)}`);
