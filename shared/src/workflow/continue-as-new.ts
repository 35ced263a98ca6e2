/**
 * When a workflow run should continue as new. Temporal terminates a run whose history passes
 * 50 MB or 51,200 events, and a worker that takes over a run must replay all of it within one
 * workflow task (10 s by default): in a long conversation every turn's run() goes over the whole
 * conversation again, so replay time grows with the square of the turns long before the history
 * nears Temporal's limits. Workflow code checks `historyStatus()` (or `shouldContinueAsNew()`) between turns
 * and, when it says so, carries the conversation into `continueAsNew`. The model calls it after
 * every call and logs one warning per run, so a workflow that never checks is still told.
 *
 * Every figure comes from `workflowInfo()`, which Temporal fills from the workflow task's own
 * history event, or from the run's model calls, so the status is the same on replay.
 */
import type { SuggestContinueAsNewReason } from '@temporalio/common';
import { log, workflowInfo } from '@temporalio/workflow';
import { modelCallChain, type ReplayWork } from './model-call-chain.js';

/** Temporal's default per-run limits: past either, the server terminates the run. */
export const TEMPORAL_HISTORY_LIMITS = { bytes: 50 * 1024 * 1024, events: 51_200 } as const;

/** Own thresholds, for servers that do not suggest continue-as-new (before 1.20) or to act earlier. */
export interface HistoryThresholds {
  /** Continue as new once the history is this many bytes. Default: 80% of Temporal's 50 MB limit. */
  maxHistoryBytes?: number;
  /** Continue as new once the history has this many events. Default: 80% of Temporal's 51,200-event limit. */
  maxHistoryEvents?: number;
  /**
   * Continue as new once the run's replay work (`HistoryStatus.replayWork.units`) reaches this. A
   * worker that did not run the workflow (after a crash, or once the run left its cache) replays the
   * whole run within one workflow task, which Temporal times out after 10 s by default.
   * Default: {@link DEFAULT_MAX_REPLAY_WORK}.
   */
  maxReplayWork?: number;
}

/**
 * The default replay budget, in replay work units (about a byte of model input each). On the 2-core
 * machine it was measured on, 30 million units replayed in about 1.7 s of CPU, but the longest run
 * of the long-chat sample at that budget (149 turns driven by Updates) took 7.1 s of wall time to
 * replay under a load of 28, too near Temporal's default 10 s workflow-task timeout; two thirds of
 * that leaves room (see the package README, "Long conversations"). A 2 KB chat that passes its whole
 * conversation to each turn reaches it in about 65 turns; a chat of short messages, or one the plugin
 * holds (NEW_CONVERSATION_ID), in about 100.
 */
export const DEFAULT_MAX_REPLAY_WORK = 20_000_000;

export const DEFAULT_HISTORY_THRESHOLDS: Required<HistoryThresholds> = {
  maxHistoryBytes: Math.floor(TEMPORAL_HISTORY_LIMITS.bytes * 0.8),
  maxHistoryEvents: Math.floor(TEMPORAL_HISTORY_LIMITS.events * 0.8),
  maxReplayWork: DEFAULT_MAX_REPLAY_WORK,
};

/**
 * Why a run should continue as new:
 *   - `temporal-suggested`: the server suggests it (`workflowInfo().continueAsNewSuggested`; by
 *     default at 4 MB, 4,096 events or 1,800 updates; see `temporalReasons`);
 *   - `history-bytes` / `history-events`: the history passed one of the thresholds;
 *   - `replay-work`: replaying the run on a fresh worker would take too long (`maxReplayWork`).
 */
export type ContinueAsNewReason = 'temporal-suggested' | 'history-bytes' | 'history-events' | 'replay-work';

export interface HistoryStatus {
  /** True when any reason holds: carry what the run needs into `continueAsNew` at the next safe point. */
  shouldContinueAsNew: boolean;
  reasons: ContinueAsNewReason[];
  /** The server's own reasons when it suggests continue-as-new (it may send none). */
  temporalReasons: SuggestContinueAsNewReason[];
  /** The history so far, as of the current workflow task (bytes are 0 on servers before 1.20). */
  historyBytes: number;
  historyEvents: number;
  /** What replaying this run redoes: its model calls and their inputs, summed (the same on replay). */
  replayWork: ReplayWork;
}

/** Where this run's history stands against Temporal's limits. Call it from workflow code only. */
export function historyStatus(thresholds: HistoryThresholds = {}): HistoryStatus {
  const { maxHistoryBytes, maxHistoryEvents, maxReplayWork } = {
    ...DEFAULT_HISTORY_THRESHOLDS,
    ...withoutUndefined(thresholds),
  };
  const info = workflowInfo();
  const replayWork = modelCallChain.replayWork();
  const reasons: ContinueAsNewReason[] = [];
  if (info.continueAsNewSuggested) reasons.push('temporal-suggested');
  if (info.historySize >= maxHistoryBytes) reasons.push('history-bytes');
  if (info.historyLength >= maxHistoryEvents) reasons.push('history-events');
  if (replayWork.units >= maxReplayWork) reasons.push('replay-work');
  return {
    shouldContinueAsNew: reasons.length > 0,
    reasons,
    temporalReasons: info.continueAsNewSuggested ? [...(info.suggestedContinueAsNewReasons ?? [])] : [],
    historyBytes: info.historySize,
    historyEvents: info.historyLength,
    replayWork,
  };
}

/** `historyStatus(thresholds).shouldContinueAsNew`. */
export function shouldContinueAsNew(thresholds?: HistoryThresholds): boolean {
  return historyStatus(thresholds).shouldContinueAsNew;
}

// Temporal keeps module state per workflow run, so this is "warned in this run".
let warnedInThisRun = false;

/**
 * Logs one warning per run once the history calls for continue-as-new (default thresholds). The
 * activity-backed model calls this after every model call; workflow logs are not repeated on replay.
 */
export function warnOnceIfHistoryNearLimit(): void {
  if (warnedInThisRun) return;
  const status = historyStatus();
  if (!status.shouldContinueAsNew) return;
  warnedInThisRun = true;
  const { replayWork } = status;
  const advice =
    "Check historyStatus() from 'openai-agents-temporal/workflow' between turns and carry the conversation " +
    '(result.history, or, in a conversation the plugin holds, result.lastResponseId) into continueAsNew.';
  const meta = {
    historyBytes: status.historyBytes,
    historyEvents: status.historyEvents,
    reasons: status.reasons,
    temporalReasons: status.temporalReasons,
    replayWork,
  };
  // The replay budget comes first: past it, a worker that has to replay the run may not finish in time.
  if (status.reasons.includes('replay-work')) {
    log.warn(
      `This run's ${replayWork.modelCalls} model calls handed the runner ${formatMegabytes(replayWork.inputBytes)} ` +
        `of input in ${replayWork.inputItems} items, past the replay budget: a worker that must replay the run ` +
        '(after a crash, or once the run has left its cache) redoes all of it within one workflow task, which ' +
        `Temporal times out after 10 s by default, and the run stops making progress once that fails. ${advice}`,
      meta,
    );
    return;
  }
  const why = status.reasons.includes('temporal-suggested')
    ? `Temporal suggests continue-as-new${status.temporalReasons.length ? ` (${status.temporalReasons.join(', ')})` : ''}`
    : 'it is past 80% of what Temporal allows';
  log.warn(
    `Workflow history is ${formatMegabytes(status.historyBytes)} in ${status.historyEvents} events and ${why}. ` +
      `Temporal terminates a run at ${formatMegabytes(TEMPORAL_HISTORY_LIMITS.bytes)} or ` +
      `${TEMPORAL_HISTORY_LIMITS.events} events, and each model call adds the whole conversation. ${advice}`,
    meta,
  );
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
