import { Agent, run, tool } from '@openai/agents';
import { ActivityFailure, isCancellation, proxyActivities, uuid4 } from '@temporalio/workflow';
import { z } from 'zod';
import type { BankActivities } from '../activities/bank';

const bank = proxyActivities<BankActivities>({
  startToCloseTimeout: '30s',
  // A step held by a worker that died is retried 2 s after its last heartbeat, not after 30 s.
  heartbeatTimeout: '2s',
  retry: { initialInterval: '1s' },
});

/**
 * One tool that is a durable two-step operation: withdraw, then deposit, each its own activity.
 * The model can only call the whole transfer. If the worker dies between the two steps, the
 * workflow resumes on another worker after the withdrawal and goes on with the deposit; each step
 * carries a key, so a retried step never moves the money twice. A deposit that fails for good
 * (no such account) puts the money back.
 */
const transferMoney = tool({
  name: 'transfer_money',
  description: 'Move an amount from one bank account to another.',
  parameters: z.object({
    from: z.string().describe('The account to take the money from.'),
    to: z.string().describe('The account to put the money into.'),
    amount: z.number().describe('How much to move; more than 0.'),
  }),
  execute: async ({ from, to, amount }) => {
    if (!(amount > 0)) return `Nothing moved: the amount must be more than 0, got ${amount}.`;
    // uuid4() in workflow code is deterministic: the same id on replay, so the same step keys.
    const transferId = uuid4();
    await bank.withdraw({ key: `${transferId}/withdraw`, account: from, amount });
    try {
      await bank.deposit({ key: `${transferId}/deposit`, account: to, amount });
    } catch (error) {
      if (isCancellation(error)) throw error;
      await bank.deposit({ key: `${transferId}/refund`, account: from, amount });
      return `The transfer failed and ${amount} went back to ${from}: ${causeMessage(error)}`;
    }
    return `Moved ${amount} from ${from} to ${to} (transfer ${transferId}).`;
  },
  errorFunction: (_context, error) => {
    if (isCancellation(error)) throw error;
    return `Nothing moved: ${causeMessage(error)}`;
  },
});

/** A bank teller agent moves money with its one tool, a durable two-step transfer. */
export async function moneyTransfer(request: string): Promise<string> {
  const teller = new Agent({
    name: 'Bank teller',
    instructions:
      'You move money between accounts with the transfer_money tool, once per request, then say in one ' +
      'sentence what happened.',
    tools: [transferMoney],
  });
  const result = await run(teller, request);
  return result.finalOutput ?? '';
}

/** The activity's own message, rather than the wrapper's "Activity task failed". */
function causeMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
