/**
 * The long-conversation section of `pnpm bench` (`--only=longConversation` runs it alone), on our side
 * only: the anchors (Temporal's TS and Python plugins) send the whole conversation with every model
 * call and stop at about 208 turns (the `chat` figure), so they have no turn 600 or 5,000.
 *
 * The agent-patterns long-chat sample (the plugin holds the conversation, the run continues as new on
 * the plugin's replay budget), its worker a process of its own with offline answers, driven by its
 * `sendMessage` Update with 2 KB messages for `turns` turns across runs:
 *
 * 1. Recovery: after each turn of `killAt` the worker is SIGKILLed and a fresh worker process started;
 *    reported: the time until it polls (mostly bundling), the next turn's wall time from then, and the
 *    current run's model calls against its turns.
 * 2. At the end, over every run's history: the start-to-close workflow-task timeouts (none expected),
 *    and the model calls against the turns (a finished call made again would show as more calls).
 * 3. Workflow CPU per turn at the turns of `cpuAt` (the median of `cpuRounds` rounds over them): replay
 *    CPU of the run's history cut after that turn, less that of the history cut `window` turns earlier
 *    (in the run before, for the turns it held), per turn. Each replay's CPU is (3 replays − 1 replay) / 2 in one replay worker, so the worker's
 *    start is left out; it is the process's CPU (workflow thread and the SDK's core).
 * 4. The replay of the longest run on a fresh replay worker: wall ms, next to the 10 s workflow-task timeout.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { decodeTimeoutType } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import {
  fetchContinuedHistories,
  fetchHistory,
  quietBundlerLogger,
  ScriptedModelProvider,
  textResponse,
} from 'openai-agents-temporal/testing';
import { startWorkerProcess } from '../../shared/test/reliability/worker-processes';
import { replayCpuMs } from './replay-cpu';

const longChatPath = fileURLToPath(new URL('../../agent-patterns/src/workflows/long-chat.ts', import.meta.url));
const longChatWorker = fileURLToPath(new URL('../../agent-patterns/test/long-chat-worker-process.ts', import.meta.url));
const MODEL_ACTIVITY = 'OpenAIAgents.invokeModel';
const WORKFLOW_TASK_TIMEOUT_MS = 10_000;

export interface LongConversationPlan {
  turns: number;
  killAt: number[];
  cpuAt: number[];
  /** Turns per CPU figure: the figure at turn N is the mean over turns N − window + 1 to N. */
  window: number;
  /** Each CPU figure is the median of this many measurements, taken in rounds over the figures. */
  cpuRounds: number;
}

/** The section's plan: `--long-chat-turns=N`, `--kill-at=100,600,1000`; `--quick` smaller. */
export function longConversationPlan(quick: boolean, turns?: number, killAt?: number[]): LongConversationPlan {
  const kills = killAt ?? (quick ? [100] : [100, 600, 1000]);
  // A kill needs a next turn: the chat goes one turn past the last kill.
  const chatTurns = Math.max(turns ?? (quick ? 250 : 5000), Math.max(0, ...kills) + 1);
  const window = quick ? 20 : 50;
  const cpuAt = (quick ? [100] : [100, 1000, 2500, 5000]).filter((turn) => turn <= chatTurns);
  // And the chat's last turn, unless a figure covers it already.
  if ((cpuAt.at(-1) ?? 0) <= chatTurns - window) cpuAt.push(chatTurns);
  return { turns: chatTurns, killAt: kills, cpuAt, window, cpuRounds: quick ? 1 : 3 };
}

export interface Recovery {
  killedAfterTurn: number;
  /** From the SIGKILL until the fresh worker process polls (bundling the workflows, mostly). */
  freshWorkerReadyMs: number;
  /** The next turn's Update, from the fresh worker's poll to its answer. */
  nextTurnMs: number;
  /** The current run's model calls and turns right after that turn. */
  runModelCalls: number;
  runTurns: number;
}

export interface LongConversationReport {
  plan: LongConversationPlan;
  turns: number;
  runs: number;
  /** Turns per run (the last run's included), and why the runs continued as new. */
  turnsPerRun: { min: number; max: number };
  continueAsNewReasons: string[];
  /** Wall seconds to drive the whole chat (kills and fresh workers included). */
  chatSeconds: number;
  recoveries: Recovery[];
  /** Over every run's history. */
  modelCalls: number;
  startToCloseTimeouts: number;
  /** A killed worker's sticky queue can hand a task back through one of these: not a failure. */
  scheduleToStartTimeouts: number;
  /** Workflow CPU ms per turn at each turn of `plan.cpuAt`. */
  cpuPerTurnMs: Array<{ turn: number; fromTurn: number; ms: number; rounds: number[] }>;
  longestRunReplay?: { turns: number; events: number; wallMs: number; workflowTaskTimeoutMs: number };
  loadAverage: { start: number[]; end: number[] };
  /** Where the anchors' own chats stopped in this bench run (`chat` figure), when it ran. */
  anchorsStoppedAt?: Record<string, number | string>;
}

const message = (turn: number) => `message ${turn}: ${'What should I see next, and how do I get there? '.repeat(42)}`;
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

/** The history cut after the workflow task that followed the `turn`-th model call's completion (0: the first task). */
function cutAfterTurn(history: History, turn: number): History {
  const events = history.events ?? [];
  let completed = 0;
  for (const [index, event] of events.entries()) {
    if (event.activityTaskCompletedEventAttributes) completed++;
    if (completed === turn && event.workflowTaskCompletedEventAttributes) {
      return { ...history, events: events.slice(0, index + 1) };
    }
  }
  return history;
}

const turnsOf = (history: History) =>
  (history.events ?? []).filter((event) => event.workflowExecutionUpdateCompletedEventAttributes).length;
const modelCallsOf = (history: History) =>
  (history.events ?? []).filter(
    (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === MODEL_ACTIVITY,
  ).length;
const timeoutsOf = (history: History, type: 'START_TO_CLOSE' | 'SCHEDULE_TO_START') =>
  (history.events ?? []).filter(
    (event) =>
      event.workflowTaskTimedOutEventAttributes &&
      decodeTimeoutType(event.workflowTaskTimedOutEventAttributes.timeoutType) === type,
  ).length;

export async function measureLongConversation(
  client: Client,
  address: string,
  plan: LongConversationPlan,
  log: (message: string) => void,
): Promise<LongConversationReport> {
  const loadStart = load();
  const taskQueue = `long-chat-bench-${crypto.randomUUID()}`;
  const workflowId = `long-chat-bench-${crypto.randomUUID()}`;
  const workerEnv = { TEMPORAL_ADDRESS: address, TASK_QUEUE: taskQueue };
  log(
    `long conversation: the long-chat sample for ${plan.turns} turns of 2 KB, SIGKILL after ${plan.killAt.join(', ')}`,
  );
  let worker: ChildProcess = await startWorkerProcess(workerEnv, longChatWorker);
  const chatStarted = performance.now();
  const handle = await client.workflow.start('longChat', { taskQueue, workflowId, args: [{}] });
  const recoveries: Recovery[] = [];
  try {
    for (let turn = 1; turn <= plan.turns; turn++) {
      const started = performance.now();
      await handle.executeUpdate('sendMessage', { args: [message(turn)] });
      const recovery = recoveries.at(-1);
      if (recovery && recovery.killedAfterTurn === turn - 1) {
        recovery.nextTurnMs = Math.round(performance.now() - started);
        const run = await fetchHistory(client, workflowId);
        recovery.runModelCalls = modelCallsOf(run);
        recovery.runTurns = turnsOf(run);
        log(`long conversation: recovery ${JSON.stringify(recovery)}`);
      }
      if (turn % 500 === 0) log(`long conversation: turn ${turn}, load ${load().join(' ')}`);
      if (plan.killAt.includes(turn)) {
        worker.kill('SIGKILL');
        await once(worker, 'exit');
        const killed = performance.now();
        worker = await startWorkerProcess(workerEnv, longChatWorker);
        const freshWorkerReadyMs = Math.round(performance.now() - killed);
        recoveries.push({ killedAfterTurn: turn, freshWorkerReadyMs, nextTurnMs: 0, runModelCalls: 0, runTurns: 0 });
      }
    }
    await handle.signal('endChat');
    await handle.result();
  } finally {
    worker.kill('SIGKILL');
    await once(worker, 'exit');
  }
  const chatSeconds = Math.round((performance.now() - chatStarted) / 1000);

  const histories = await fetchContinuedHistories(client, workflowId, handle.firstExecutionRunId);
  const runTurns = histories.map(turnsOf);
  const reasons = new Set<string>();
  for (const history of histories) {
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    if (!input) continue;
    const carried = JSON.parse(new TextDecoder().decode(input)) as { continuedRuns?: Array<{ reasons: string[] }> };
    for (const reason of carried.continuedRuns?.at(-1)?.reasons ?? []) reasons.add(reason);
  }

  // Workflow CPU per turn: each figure's window of turns, split over the runs that held them.
  const bundle = await bundleWorkflowCode({
    workflowsPath: longChatPath,
    plugins: [new OpenAIAgentsPlugin()],
    logger: quietBundlerLogger,
  });
  const replayModel = new ScriptedModelProvider([textResponse('not called on replay')]);
  const firstTurnOfRun: number[] = [];
  runTurns.reduce((before, turns, run) => {
    firstTurnOfRun[run] = before + 1;
    return before + turns;
  }, 0);
  const windowCpuMs = async (turn: number, fromTurn: number) => {
    let cpu = 0;
    for (const [run, history] of histories.entries()) {
      const first = firstTurnOfRun[run] ?? 0;
      const last = first + (runTurns[run] ?? 0) - 1;
      const from = Math.max(fromTurn, first);
      const to = Math.min(turn, last);
      if (from > to) continue;
      const cpuTo = await replayCpuMs(bundle, cutAfterTurn(history, to - first + 1), replayModel);
      const cpuBefore = await replayCpuMs(bundle, cutAfterTurn(history, from - first), replayModel);
      cpu += cpuTo - cpuBefore;
    }
    return cpu / (turn - fromTurn + 1);
  };
  // In rounds over the turns, so that a change in the machine's load falls on every figure alike; the median.
  const samples = plan.cpuAt.map(() => [] as number[]);
  for (let round = 0; round < plan.cpuRounds; round++) {
    for (const [index, turn] of plan.cpuAt.entries()) {
      samples[index]?.push(await windowCpuMs(turn, Math.max(1, turn - plan.window + 1)));
    }
    log(`long conversation: workflow CPU per turn, round ${round + 1} of ${plan.cpuRounds} done`);
  }
  const cpuPerTurnMs = plan.cpuAt.map((turn, index) => {
    const sorted = [...(samples[index] ?? [])].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    const ms = (value: number) => Math.round(value * 100) / 100;
    return { turn, fromTurn: Math.max(1, turn - plan.window + 1), ms: ms(median), rounds: sorted.map(ms) };
  });

  let longestRunReplay: LongConversationReport['longestRunReplay'];
  const longest = histories
    .map((history, run) => ({ history, turns: runTurns[run] ?? 0, events: history.events?.length ?? 0 }))
    .sort((a, b) => b.events - a.events)[0];
  if (longest) {
    const started = performance.now();
    await Worker.runReplayHistory({ workflowBundle: bundle, plugins: [new OpenAIAgentsPlugin()] }, longest.history);
    longestRunReplay = {
      turns: longest.turns,
      events: longest.events,
      wallMs: Math.round(performance.now() - started),
      workflowTaskTimeoutMs: WORKFLOW_TASK_TIMEOUT_MS,
    };
  }
  return {
    plan,
    turns: runTurns.reduce((a, b) => a + b, 0),
    runs: histories.length,
    turnsPerRun: { min: Math.min(...runTurns), max: Math.max(...runTurns) },
    continueAsNewReasons: [...reasons],
    chatSeconds,
    recoveries,
    modelCalls: histories.reduce((sum, history) => sum + modelCallsOf(history), 0),
    startToCloseTimeouts: histories.reduce((sum, history) => sum + timeoutsOf(history, 'START_TO_CLOSE'), 0),
    scheduleToStartTimeouts: histories.reduce((sum, history) => sum + timeoutsOf(history, 'SCHEDULE_TO_START'), 0),
    cpuPerTurnMs,
    longestRunReplay,
    loadAverage: { start: loadStart, end: load() },
  };
}

/** The section as lines of text, below the bench's table. */
export function longConversationTable(report: LongConversationReport): string {
  const rows: Array<[string, string]> = [
    [
      'chat',
      `${report.turns} turns of 2 KB in ${report.runs} runs (${report.turnsPerRun.min}–${report.turnsPerRun.max} turns each, continued on ${report.continueAsNewReasons.join(', ') || 'nothing'}), ${report.chatSeconds} s`,
    ],
    ...report.cpuPerTurnMs.map(({ turn, fromTurn, ms, rounds }): [string, string] => [
      `workflow CPU per turn at turn ${turn}`,
      `${ms.toFixed(2)} ms (replay CPU of turns ${fromTurn}–${turn}; median of ${rounds.join(', ')})`,
    ]),
    ...report.recoveries.map((recovery): [string, string] => [
      `SIGKILL after turn ${recovery.killedAfterTurn}`,
      `next turn ${recovery.nextTurnMs} ms after the fresh worker polled (${recovery.freshWorkerReadyMs} ms to start it); run: ${recovery.runModelCalls} model calls, ${recovery.runTurns} turns`,
    ]),
    [
      'every run',
      `${report.modelCalls} model calls for ${report.turns} turns; ${report.startToCloseTimeouts} start-to-close workflow-task timeouts (${report.scheduleToStartTimeouts} schedule-to-start: the killed workers' sticky queues)`,
    ],
  ];
  const replay = report.longestRunReplay;
  if (replay) {
    rows.push([
      'replay of the longest run',
      `${replay.wallMs} ms wall (${replay.turns} turns, ${replay.events} events) against the ${replay.workflowTaskTimeoutMs / 1000} s workflow-task timeout`,
    ]);
  }
  const stops = Object.entries(report.anchorsStoppedAt ?? {}).map(([side, at]) =>
    typeof at === 'number' ? `${side} stopped at turn ${at}` : `${side}: ${at}`,
  );
  rows.push([
    'the anchors',
    `${stops.length ? `in this run's chat figure, ${stops.join('; ')}` : 'chat figure not run here'}; they pass the whole conversation to every model call and stop at about turn 208 (the server terminates the run): no long conversation to compare`,
  ]);
  rows.push([
    'load average',
    `${report.loadAverage.start.join(' ')} at the start, ${report.loadAverage.end.join(' ')} at the end`,
  ]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    'Long conversation (this plugin only)',
    ...rows.map(([label, text]) => `${label.padEnd(width)}   ${text}`),
  ].join('\n');
}
