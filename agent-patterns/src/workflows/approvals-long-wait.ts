import { RunState, run } from '@openai/agents';
import type { Duration } from '@temporalio/common';
import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import { type HistoryThresholds, historyStatus } from 'openai-agents-temporal/workflow';
import { ApprovalDesk, type ApprovalsResult, type DecisionRecord, type Refund, refundAgent } from './approvals';

/** What one run hands to the next while approvals wait; a new request starts with `{ request }`. */
export interface LongWaitApprovalsInput {
  request: string;
  /**
   * While approvals wait longer than this, the workflow continues as new and carries the paused run,
   * so one run's history stays short however long people take. Default 1 day.
   */
  continueAsNewAfter?: Duration;
  /** Continue as new also when the history passes these (Updates add events). Default: 80% of Temporal's limits. */
  thresholds?: HistoryThresholds;
  /** Carried across continue-as-new: what the run had when it continued. */
  carried?: {
    /** The agent run paused on its approvals (`RunState.toString()`). */
    pausedRun: string;
    /** Decisions taken on the paused run's calls so far. */
    decided: DecisionRecord[];
    /** Decisions of earlier pauses, already applied. */
    applied: DecisionRecord[];
    refunds: Refund[];
    runs: number;
  };
}

export interface LongWaitApprovalsResult extends ApprovalsResult {
  /** Runs of this workflow, from 1: one more than the times it continued as new. */
  runs: number;
}

/**
 * The approvals desk (approvals.ts) for waits of days: the same agent, Query and Update, but while the
 * calls wait longer than `continueAsNewAfter` (or the history grows too long), the workflow continues as
 * new and carries the paused run as `RunState.toString()` with the decisions taken so far.
 */
export async function approvalsLongWait(input: LongWaitApprovalsInput): Promise<LongWaitApprovalsResult> {
  const refunds = input.carried?.refunds ?? [];
  const runs = input.carried?.runs ?? 1;
  const agent = refundAgent(refunds);
  const desk = new ApprovalDesk(input.carried ?? {});
  let result = input.carried ? undefined : await run(agent, input.request);
  const paused = input.carried
    ? await RunState.fromString<undefined, ReturnType<typeof refundAgent>>(agent, input.carried.pausedRun)
    : undefined;
  for (;;) {
    const state = result?.state ?? paused;
    if (!state) throw new Error('unreachable: a run or a paused run is always at hand');
    const interruptions = result ? result.interruptions : state.getInterruptions();
    if (interruptions.length === 0) {
      return { answer: String(result?.finalOutput ?? ''), refunds, decisions: desk.decisions, runs };
    }
    desk.waitFor(interruptions);
    const decidedInTime = await condition(
      () => desk.allDecided() || historyStatus(input.thresholds).shouldContinueAsNew,
      input.continueAsNewAfter ?? '1 day',
    );
    if (!decidedInTime || !desk.allDecided()) {
      // A long wait: carry the paused run and the decisions so far into a new run.
      await condition(allHandlersFinished);
      return continueAsNew<typeof approvalsLongWait>({
        ...input,
        carried: {
          pausedRun: state.toString(),
          decided: desk.undecidedCarry(),
          applied: desk.decisions,
          refunds,
          runs: runs + 1,
        },
      });
    }
    desk.applyTo(state);
    result = await run(agent, state);
  }
}
