import { Agent, RunState, type RunToolApprovalItem, run, tool } from '@openai/agents-core';
import type { Duration } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import { type HistoryThresholds, historyStatus } from 'openai-agents-temporal/workflow';
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

/** What one run hands to the next when the wait is long; a new request starts with `{ request }`. */
export interface ApprovalsInput {
  request: string;
  /** The agent run paused on its approvals (`RunState.toString()`), carried across continue-as-new. */
  pausedRun?: string;
  /** Decisions taken on the paused run's approvals before it continued as new. */
  decided?: DecisionRecord[];
  /** Decisions of earlier pauses. */
  history?: DecisionRecord[];
  refunds?: Refund[];
  runs?: number;
  /**
   * While approvals wait longer than this, the workflow continues as new and carries the paused run,
   * so one run's history stays short however long people take. Default 1 day.
   */
  continueAsNewAfter?: Duration;
  /** Continue as new also when the history passes these (Updates add events). Default: 80% of Temporal's limits. */
  thresholds?: HistoryThresholds;
}

export interface ApprovalsResult {
  answer: string;
  refunds: Refund[];
  decisions: DecisionRecord[];
  /** Runs of this workflow, from 1: one more than the times it continued as new. */
  runs: number;
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
 * Update, applies them to the run's `RunState` and runs on from it. If the wait outlasts
 * `continueAsNewAfter`, it continues as new and carries the paused run as `RunState.toString()`, with
 * the decisions taken so far.
 */
export async function approvals(input: ApprovalsInput): Promise<ApprovalsResult> {
  const refunds = input.refunds ?? [];
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
  const agent = new Agent({
    name: 'Refund agent',
    instructions:
      'You handle refund requests. Call issue_refund once per order to refund. When done, tell the customer ' +
      'which refunds were issued and which were declined, in two sentences at most.',
    tools: [issueRefund],
  });

  const runs = input.runs ?? 1;
  const history = input.history ?? [];
  type RefundAgent = typeof agent;
  let paused: RunState<undefined, RefundAgent> | undefined;
  let waiting: RunToolApprovalItem[] = [];
  let decided = new Map<string, DecisionRecord>((input.decided ?? []).map((record) => [record.callId, record]));

  const stillPending = (): PendingApproval[] =>
    waiting.filter((item) => !decided.has(callIdOf(item))).map((item) => describe(item));

  setHandler(pendingApprovals, stillPending);
  setHandler(
    decide,
    (decision) => {
      const item = waiting.find((candidate) => callIdOf(candidate) === decision.callId);
      if (item) decided.set(decision.callId, { ...decision, ...pick(describe(item)) });
      return stillPending();
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
        const pending = stillPending();
        if (!pending.some((approval) => approval.callId === decision.callId)) {
          const ids = pending.map((approval) => approval.callId).join(', ') || 'none';
          const why = decided.has(decision.callId) ? 'is already decided' : 'is not waiting for approval';
          throw ApplicationFailure.nonRetryable(
            `Tool call ${decision.callId} ${why}. Calls waiting: ${ids}.`,
            decided.has(decision.callId) ? DecisionRefused.alreadyDecided : DecisionRefused.notWaiting,
          );
        }
      },
    },
  );

  let result = input.pausedRun ? undefined : await run(agent, input.request);
  paused = input.pausedRun ? await RunState.fromString<undefined, RefundAgent>(agent, input.pausedRun) : undefined;
  for (;;) {
    const state = result?.state ?? paused;
    if (!state) throw new Error('unreachable: a run or a paused run is always at hand');
    waiting = result ? result.interruptions : state.getInterruptions();
    if (waiting.length === 0) {
      return { answer: String(result?.finalOutput ?? ''), refunds, decisions: history, runs };
    }

    const allDecided = () => waiting.every((item) => decided.has(callIdOf(item)));
    const decidedInTime = await condition(
      () => allDecided() || historyStatus(input.thresholds).shouldContinueAsNew,
      input.continueAsNewAfter ?? '1 day',
    );
    if (!decidedInTime || !allDecided()) {
      // A long wait: carry the paused run and the decisions so far into a new run.
      await condition(allHandlersFinished);
      return continueAsNew<typeof approvals>({
        ...input,
        pausedRun: state.toString(),
        decided: [...decided.values()],
        history,
        refunds,
        runs: runs + 1,
      });
    }

    for (const item of waiting) {
      const decision = decided.get(callIdOf(item));
      if (!decision) continue;
      history.push(decision);
      if (decision.approve) state.approve(item);
      else state.reject(item, decision.message ? { message: decision.message } : undefined);
    }
    decided = new Map();
    waiting = [];
    result = await run(agent, state);
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

function pick({ toolName, arguments: args }: PendingApproval): Pick<DecisionRecord, 'toolName' | 'arguments'> {
  return { toolName, arguments: args };
}
