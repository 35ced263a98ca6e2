import { Agent, type RunState, type RunToolApprovalItem, run, tool } from '@openai/agents';
import { ApplicationFailure, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { z } from 'zod';

/** A tool call that waits for a person's decision. */
export interface PendingApproval {
  callId: string;
  toolName: string;
  /** The arguments the model gave, as JSON. */
  arguments: string;
  agentName: string;
}

export interface ApprovalDecision {
  callId: string;
  approve: boolean;
  /** For a rejection: what the model is told instead of the tool's output. */
  message?: string;
}

export interface DecisionRecord extends ApprovalDecision {
  toolName: string;
  arguments: string;
}

export interface Refund {
  orderId: string;
  amount: number;
  reason: string;
}

export interface ApprovalsResult {
  answer: string;
  refunds: Refund[];
  decisions: DecisionRecord[];
}

/** The tool calls that wait for a decision now; empty while the agent is working. */
export const pendingApprovals = defineQuery<PendingApproval[]>('pendingApprovals');
/** Why `decide` refused a decision: the `type` of the ApplicationFailure a client gets. */
export const DecisionRefused = {
  /** Not `{ callId: string, approve: boolean }`. */
  invalid: 'InvalidDecision',
  /** No pending call has this id. */
  notWaiting: 'NotWaitingForApproval',
  /** The call was decided already; the first decision stands. */
  alreadyDecided: 'AlreadyDecided',
} as const;

/** Approve or reject one pending call; returns the calls still waiting. Unknown or decided call ids are refused. */
export const decide = defineUpdate<PendingApproval[], [ApprovalDecision]>('decide');

/**
 * A refund desk whose one tool, issuing a refund, waits for a person's approval. The agent run pauses
 * on its interruptions; the workflow shows them through a Query, takes decisions through a validated
 * Update, applies them to the run's `RunState` and runs on from it. (approvals-long-wait.ts is the
 * same desk for waits of days: it continues as new while it waits.)
 */
export async function approvals(request: string): Promise<ApprovalsResult> {
  const refunds: Refund[] = [];
  const agent = refundAgent(refunds);
  const desk = new ApprovalDesk();
  let result = await run(agent, request);
  while (result.interruptions.length > 0) {
    desk.waitFor(result.interruptions);
    await condition(() => desk.allDecided());
    desk.applyTo(result.state);
    result = await run(agent, result.state);
  }
  return { answer: String(result.finalOutput ?? ''), refunds, decisions: desk.decisions };
}

/** The refund agent; approved refunds are added to `refunds`. */
export function refundAgent(refunds: Refund[]) {
  const issueRefund = tool({
    name: 'issue_refund',
    description: 'Refund an order. A person approves each refund before it is issued.',
    parameters: z.object({ orderId: z.string(), amount: z.number(), reason: z.string() }),
    needsApproval: true,
    // Runs only once approved. Here the refund is kept in the workflow's state; a real desk would make
    // it an activity (activityAsTool takes `needsApproval` too).
    execute: async (refund) => {
      refunds.push(refund);
      return `Refund of $${refund.amount.toFixed(2)} for order ${refund.orderId} issued.`;
    },
  });
  return new Agent({
    name: 'Refund agent',
    instructions:
      'You handle refund requests. Call issue_refund once per order to refund. When done, tell the customer ' +
      'which refunds were issued and which were declined, in two sentences at most.',
    tools: [issueRefund],
  });
}

/**
 * The workflow's side of the decisions: the calls waiting, the decisions taken on them (through the
 * `decide` Update, checked by its validator) and those applied so far. Creating it sets the handlers.
 */
export class ApprovalDesk {
  #waiting: RunToolApprovalItem[] = [];
  #decided: Map<string, DecisionRecord>;
  /** Every decision applied to the run, oldest first. */
  readonly decisions: DecisionRecord[];

  constructor(carried: { decided?: DecisionRecord[]; applied?: DecisionRecord[] } = {}) {
    this.#decided = new Map((carried.decided ?? []).map((record) => [record.callId, record]));
    this.decisions = [...(carried.applied ?? [])];
    setHandler(pendingApprovals, () => this.pending());
    setHandler(
      decide,
      (decision) => {
        const item = this.#waiting.find((candidate) => callIdOf(candidate) === decision.callId);
        if (item) {
          const { toolName, arguments: args } = describe(item);
          this.#decided.set(decision.callId, { ...decision, toolName, arguments: args });
        }
        return this.pending();
      },
      {
        // A refused Update leaves no trace in the history, so a wrong call id changes nothing.
        validator: (decision) => {
          if (typeof decision?.callId !== 'string' || typeof decision.approve !== 'boolean') {
            throw ApplicationFailure.nonRetryable(
              'Send { callId: string, approve: boolean, message?: string }.',
              DecisionRefused.invalid,
            );
          }
          const pending = this.pending();
          if (!pending.some((approval) => approval.callId === decision.callId)) {
            const ids = pending.map((approval) => approval.callId).join(', ') || 'none';
            const why = this.#decided.has(decision.callId) ? 'is already decided' : 'is not waiting for approval';
            throw ApplicationFailure.nonRetryable(
              `Tool call ${decision.callId} ${why}. Calls waiting: ${ids}.`,
              this.#decided.has(decision.callId) ? DecisionRefused.alreadyDecided : DecisionRefused.notWaiting,
            );
          }
        },
      },
    );
  }

  /** The run paused on these calls. */
  waitFor(items: RunToolApprovalItem[]): void {
    this.#waiting = items;
  }

  /** The calls still waiting for a decision. */
  pending(): PendingApproval[] {
    return this.#waiting.filter((item) => !this.#decided.has(callIdOf(item))).map(describe);
  }

  allDecided(): boolean {
    return this.#waiting.every((item) => this.#decided.has(callIdOf(item)));
  }

  /** Decisions taken on the waiting calls and not yet applied (what a continued run must carry). */
  undecidedCarry(): DecisionRecord[] {
    return [...this.#decided.values()];
  }

  /** Approves or rejects each waiting call on the run's state, as decided; then nothing waits. */
  applyTo<TAgent extends Agent>(state: RunState<undefined, TAgent>): void {
    for (const item of this.#waiting) {
      const decision = this.#decided.get(callIdOf(item));
      if (!decision) continue;
      this.decisions.push(decision);
      if (decision.approve) state.approve(item);
      else state.reject(item, decision.message ? { message: decision.message } : undefined);
    }
    this.#decided = new Map();
    this.#waiting = [];
  }
}

function callIdOf(item: RunToolApprovalItem): string {
  const raw = item.rawItem as { callId?: string; id?: string };
  return raw.callId ?? raw.id ?? '';
}

function describe(item: RunToolApprovalItem): PendingApproval {
  return {
    callId: callIdOf(item),
    toolName: item.name ?? 'unknown tool',
    arguments: item.arguments ?? '',
    agentName: item.agent.name,
  };
}
