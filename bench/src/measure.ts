/**
 * The measurements: one piece of code in the driver for every side. Each side is a process with its own
 * SDK and plugin (bench/src/protocol.ts); the driver asks it to bundle, run workflows and replay them, and
 * reads every finished run's history from the server itself. Times come from history event timestamps
 * (the server's clock), from the side's clock (bundling, replay) or from the driver's (throughput latency).
 *
 * Fairness: every figure runs in rounds, and round r starts with side (offset + r) mod n, so each side
 * goes first as often as the others; within a side, the agent and the plain variant alternate too.
 */
import { performance } from 'node:perf_hooks';
import type { WorkflowName } from './workload';

/** `oursFast` is this plugin in its opt-in fast mode (bench/ours/side.ts, BENCH_OURS_MODE=fast). */
export const SIDE_KEYS = ['ours', 'oursFast', 'temporal', 'python'] as const;
export type SideKey = (typeof SIDE_KEYS)[number];

/** A side process, as the driver sees it (bench/src/side-process.ts). */
export interface Side {
  readonly key: SideKey;
  bundle(kind: 'agents' | 'plain'): Promise<{ ms: number; bytes: number }>;
  startWorker(): Promise<void>;
  execute(workflow: WorkflowName, args: unknown[], workflowId: string, timeoutSeconds: number): Promise<unknown>;
  /**
   * Replays a finished run `times` times in one new replay worker: each replay's ms on the side's clock, and
   * the side process's CPU ms during it (all threads; a busy machine disturbs it less than wall time).
   */
  replay(workflowId: string, times: number): Promise<{ ms: number[]; cpuMs: number[] }>;
  /** The side process's resident memory now, read from outside (/proc); undefined where there is no /proc. */
  rssBytes(): number | undefined;
}

/** Reads a finished run from the server: its events (as `historyToJSON` writes them) and the server's size. */
export type ReadHistory = (workflowId: string) => Promise<{ events: HistoryEvent[]; bytes: number }>;

/**
 * How much is measured: sized for a 2-core machine (see the README for how long a run takes). A quick run
 * (`pnpm bench --quick`) runs each workload a few times only, to check that the bench works.
 */
export function planFor(quick: boolean, only?: string[]) {
  return {
    /** The figures to measure (`--only=chat,replay`); all when unset. The warm-up always runs. */
    only,
    bundleRuns: quick ? 1 : 5,
    warmUpRuns: quick ? 2 : 5,
    stepRounds: quick ? 1 : 10,
    callsPerRound: 21,
    firstTaskRuns: quick ? 3 : 30,
    historyTurns: [1, 5, 10, 20],
    replayCalls: 100,
    replayRounds: quick ? 1 : 3,
    replaysPerRound: quick ? 1 : 3,
    concurrency: [1, 10, 100],
    throughputWindows: quick ? 1 : 3,
    throughputWarmUpMs: quick ? 500 : 2000,
    throughputWindowMs: quick ? 2000 : 8000,
    /** The window opens at the latest this long after the clients start, even if some have not finished one workflow. */
    throughputRampUpLimitMs: quick ? 10000 : 30000,
    /** A quick run's chats stop at 100 turns: Temporal's plugins reach the 50 MB limit only after about 200. */
    chatTurns: quick ? [20, 100] : [20, 100, 1000],
    /** Agent workflows in flight at once for the worker's peak memory (each a 2-turn conversation with a tool). */
    memoryConcurrent: quick ? 50 : 300,
    workflowTimeoutSeconds: 120,
    chatTimeoutSeconds: 600,
  };
}
export type Plan = ReturnType<typeof planFor>;

export type Unavailable = { unavailable: string };
export type Maybe<T> = T | Unavailable;
export const isUnavailable = (figure: unknown): figure is Unavailable =>
  typeof figure === 'object' && figure !== null && 'unavailable' in figure;
export interface Stats {
  median: number;
  p95: number;
  n: number;
}

export interface ReplayFigure {
  workflow: WorkflowName;
  activities: number;
  historyBytes: number;
  events: number;
  /** The first replay of each round: starting the replay worker (loading the bundle or the sandbox) and one replay. */
  workerStartAndFirstMs: Stats;
  /** The other replays of each round. */
  ms: Stats;
  /** The side process's CPU per replay (all threads), of the other replays of each round. */
  cpuMs: Stats;
}

/** One long chat: either it ran all its turns, or where it stopped and why. */
export interface ChatFigure {
  turns: number;
  bytes: number;
  events: number;
  /** Model calls that completed: the turns that finished. */
  completedTurns: number;
  /** From the run's first event to its last (server clock). */
  seconds: number;
  /** Of which in workflow tasks (started to completed): the workflow code, on the worker. */
  workflowTaskSeconds: number;
  /** Average bytes per turn since the previous chat that completed (or since 0). */
  bytesPerTurnSincePrevious?: number;
  /** Set when the run did not complete. */
  stopped?: { atTurn: number; how: string; reason: string };
}

export interface SideFigures {
  /** Activity types one agent workflow of the throughput workload scheduled, in order. */
  workload: Maybe<{ activities: string[]; answer: string }>;
  bundle: Maybe<{ agents: { ms: Stats; bytes: number }; plain: { ms: Stats; bytes: number } }>;
  modelCall: Maybe<{
    modelStepMs: Stats;
    bareStepMs: Stats;
    /** What a model call adds to a bare activity step: model − bare, medians and p95s. */
    addedMs: { median: number; p95: number };
    ratioMedian: number;
    ratioP95: number;
  }>;
  firstTask: Maybe<{ agentMs: Stats; plainMs: Stats; addedMs: number }>;
  history: Maybe<{ turns: number; bytes: number; events: number; bytesPerTurnSincePrevious: number }[]>;
  chat: Maybe<ChatFigure[]>;
  replay: Maybe<{ agent: ReplayFigure; plain: ReplayFigure; addedMedianMs: number }>;
  throughput: Maybe<ThroughputLevel[]>;
  /**
   * The baseline of `throughput`, measured in the same rounds: a plain workflow with as many bare activities
   * as one agent workflow of the throughput workload schedules (`workload.activities`).
   */
  throughputPlain: Maybe<(ThroughputLevel & { activities: number })[]>;
  /**
   * The side process's resident memory (worker, client and SDK; all its threads), read from outside:
   * idle after the warm-up, the peak while `concurrent` agent workflows run at once, and idle again after.
   */
  memory: Maybe<{ concurrent: number; completed: number; idleBytes: number; peakBytes: number; afterBytes: number }>;
}

/** Throughput at one level of concurrency. */
export interface ThroughputLevel {
  concurrency: number;
  /** Median over the windows. */
  workflowsPerSecond: number;
  /** Each window's workflows per second, in the order they ran. */
  windows: number[];
  completed: number;
  latencyMs: Stats;
}

const FIGURES = [
  'workload',
  'bundle',
  'modelCall',
  'firstTask',
  'history',
  'chat',
  'replay',
  'throughput',
  'throughputPlain',
  'memory',
] as const;

/** Every figure unavailable, for the same reason. */
export function unavailableFigures(reason: string): SideFigures {
  return Object.fromEntries(FIGURES.map((name) => [name, { unavailable: reason }])) as Record<
    (typeof FIGURES)[number],
    Unavailable
  >;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { median: round(at(0.5)), p95: round(at(0.95)), n: sorted.length };
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const median = (values: number[]) => stats(values).median;
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface HistoryEvent {
  eventType: string;
  eventTime: string;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
  workflowExecutionTerminatedEventAttributes?: { reason?: string };
  workflowExecutionFailedEventAttributes?: { failure?: { message?: string } };
}

/** An RFC 3339 event time in milliseconds, keeping the sub-millisecond digits. */
function eventMs(time: string): number {
  const [whole = '', fraction = '0'] = time.replace('Z', '').split('.');
  return Date.parse(`${whole}Z`) + Number(`0.${fraction}`) * 1000;
}

const ofType = (list: HistoryEvent[], type: string) => list.filter((e) => e.eventType === `EVENT_TYPE_${type}`);
const timesOf = (list: HistoryEvent[], type: string) => ofType(list, type).map((e) => eventMs(e.eventTime));

/** From one activity being scheduled to the next: the round trip plus the workflow task that follows it. */
function activitySteps(list: HistoryEvent[]): number[] {
  const scheduled = timesOf(list, 'ACTIVITY_TASK_SCHEDULED');
  return scheduled.slice(1).map((time, i) => time - (scheduled[i] ?? time));
}

/** The first workflow task: from its start to its completion. */
function firstTaskMs(list: HistoryEvent[]): number {
  const [started] = timesOf(list, 'WORKFLOW_TASK_STARTED');
  const [completed] = timesOf(list, 'WORKFLOW_TASK_COMPLETED');
  if (started === undefined || completed === undefined) throw new Error('no completed workflow task');
  return completed - started;
}

function rssOf(side: Side): number {
  const bytes = side.rssBytes();
  if (bytes === undefined) throw new Error('no /proc to read the side process’s memory from');
  return bytes;
}

/** Resident memory once the side has been idle for 2 s: the median of 5 readings 200 ms apart. */
async function idleRss(side: Side): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(rssOf(side));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return median(readings);
}

/** The sides in the order of round `round`: a rotation, so that every side leads equally often. */
export function orderOf<T>(sides: readonly T[], offset: number, round: number): T[] {
  const start = (offset + round) % Math.max(1, sides.length);
  return [...sides.slice(start), ...sides.slice(0, start)];
}

/** Two variants in the order of round `round`: they alternate. */
const alternate = <const T extends string>(pair: readonly [T, T], round: number): [T, T] =>
  round % 2 === 0 ? [pair[0], pair[1]] : [pair[1], pair[0]];

/**
 * Runs the bench: every figure for every side, in rounds (see the file's comment). A side that fails a
 * step is left out of that figure's later rounds and gets the failure as the figure's reason; a side
 * whose worker does not start or whose agent workflow does not run gets every figure unavailable.
 */
export async function measureAll(
  sides: Side[],
  plan: Plan,
  offset: number,
  readHistory: ReadHistory,
  log: (message: string) => void,
): Promise<Record<SideKey, SideFigures>> {
  const results = new Map<SideKey, Partial<SideFigures>>(sides.map((side) => [side.key, {}]));
  const set = <K extends keyof SideFigures>(side: Side, figure: K, value: SideFigures[K]) => {
    const figures = results.get(side.key);
    if (figures) figures[figure] = value;
  };
  let live = [...sides];
  let roundCounter = 0;
  const wanted = (figure: keyof SideFigures) => !plan.only || plan.only.includes(figure);

  /** Runs `count` rounds of `step` over the live sides; returns the failure of each side that failed. */
  async function rounds(count: number, step: (side: Side, round: number) => Promise<void>) {
    const failed = new Map<SideKey, Unavailable>();
    for (let round = 0; round < count; round++) {
      for (const side of orderOf(live, offset, roundCounter++)) {
        if (failed.has(side.key)) continue;
        try {
          await step(side, round);
        } catch (error) {
          failed.set(side.key, { unavailable: reason(error) });
        }
      }
    }
    return failed;
  }

  /** Sets a figure on every live side: its failure, or what `build` makes of its collected data. */
  function settle<K extends keyof SideFigures>(
    figure: K,
    failed: Map<SideKey, Unavailable>,
    build: (side: Side) => SideFigures[K],
  ) {
    for (const side of live) {
      const failure = failed.get(side.key);
      if (failure) {
        set(side, figure, failure);
        continue;
      }
      try {
        set(side, figure, build(side));
      } catch (error) {
        set(side, figure, { unavailable: reason(error) });
      }
    }
  }

  /** Leaves the sides that failed out of every later figure, with all their remaining figures unavailable. */
  function drop(failed: Map<SideKey, Unavailable>, why: string) {
    for (const [key, failure] of failed) {
      const figures = results.get(key) ?? {};
      results.set(key, { ...unavailableFigures(`${why}: ${failure.unavailable}`), ...figures });
    }
    live = live.filter((side) => !failed.has(side.key));
  }

  let counter = 0;
  const runTag = Date.now().toString(36);
  const nextId = (side: Side, what: string) => `bench-${side.key}-${what}-${runTag}-${++counter}`;
  const run = async (side: Side, workflow: WorkflowName, args: unknown[], what: string) => {
    const id = nextId(side, what);
    const result = await side.execute(workflow, args, id, plan.workflowTimeoutSeconds);
    return { id, result };
  };
  const perSide = <T>(make: () => T) => new Map<SideKey, T>(sides.map((side) => [side.key, make()]));
  const of = <T>(map: Map<SideKey, T>, side: Side): T => {
    const value = map.get(side.key);
    if (value === undefined) throw new Error(`no data for ${side.key}`);
    return value;
  };

  if (wanted('bundle')) {
    log('bundling');
    const bundles = perSide(() => ({ agents: [] as number[], plain: [] as number[], agentsBytes: 0, plainBytes: 0 }));
    settle(
      'bundle',
      await rounds(plan.bundleRuns, async (side, round) => {
        for (const kind of alternate(['agents', 'plain'], round)) {
          const { ms, bytes } = await side.bundle(kind);
          of(bundles, side)[kind].push(ms);
          of(bundles, side)[`${kind}Bytes`] = bytes;
        }
      }),
      (side) => {
        const b = of(bundles, side);
        return {
          agents: { ms: stats(b.agents), bytes: b.agentsBytes },
          plain: { ms: stats(b.plain), bytes: b.plainBytes },
        };
      },
    );
  }

  log('starting the workers');
  drop(await rounds(1, (side) => side.startWorker()), 'the worker did not start');

  log('warming up');
  const lastWarmUp = new Map<SideKey, { id: string; result: unknown }>();
  const warmUpFailed = await rounds(plan.warmUpRuns, async (side) => {
    lastWarmUp.set(side.key, await run(side, 'conversation', [2, true], 'warmup'));
    await run(side, 'plain', [3], 'warmup');
  });
  const workloads = new Map<SideKey, { activities: string[]; answer: string }>();
  for (const side of live) {
    const last = lastWarmUp.get(side.key);
    if (warmUpFailed.has(side.key) || !last) continue;
    const activities = (await readHistory(last.id)).events
      .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter((name): name is string => name !== undefined);
    if (
      activities.length !== 4 ||
      activities[1] !== 'lookup' ||
      activities.filter((a) => a === 'lookup').length !== 1
    ) {
      warmUpFailed.set(side.key, {
        unavailable: `the agent workflow scheduled ${activities.join(', ')}; expected model, lookup, model, model`,
      });
      continue;
    }
    workloads.set(side.key, { activities, answer: String(last.result) });
  }
  settle('workload', warmUpFailed, (side) => of(workloads, side));
  drop(warmUpFailed, 'the agent workflow does not run');

  if (wanted('memory')) {
    log(`worker memory: idle, and the peak of ${plan.memoryConcurrent} agent workflows at once`);
    const memory = perSide(() => ({ idleBytes: 0, peakBytes: 0, afterBytes: 0, completed: 0 }));
    settle(
      'memory',
      await rounds(1, async (side) => {
        const figure = of(memory, side);
        figure.idleBytes = await idleRss(side);
        let peak = rssOf(side);
        const sampler = setInterval(() => {
          peak = Math.max(peak, rssOf(side));
        }, 50);
        // A busy machine may not finish all of them within the workflow timeout: the peak is measured anyway.
        const settled = await Promise.allSettled(
          Array.from({ length: plan.memoryConcurrent }, () => run(side, 'conversation', [2, true], 'memory')),
        ).finally(() => clearInterval(sampler));
        figure.completed = settled.filter((outcome) => outcome.status === 'fulfilled').length;
        figure.peakBytes = Math.max(peak, rssOf(side));
        figure.afterBytes = await idleRss(side);
      }),
      (side) => ({ concurrent: plan.memoryConcurrent, ...of(memory, side) }),
    );
  }

  if (wanted('modelCall')) {
    log('model call steps');
    const steps = perSide(() => ({ model: [] as number[], bare: [] as number[] }));
    settle(
      'modelCall',
      await rounds(plan.stepRounds, async (side, round) => {
        for (const kind of alternate(['model', 'bare'], round)) {
          const { id } =
            kind === 'model'
              ? await run(side, 'conversation', [plan.callsPerRound, false], 'steps')
              : await run(side, 'plain', [plan.callsPerRound], 'steps');
          of(steps, side)[kind].push(...activitySteps((await readHistory(id)).events));
        }
      }),
      (side) => {
        const modelStepMs = stats(of(steps, side).model);
        const bareStepMs = stats(of(steps, side).bare);
        return {
          modelStepMs,
          bareStepMs,
          addedMs: {
            median: round(modelStepMs.median - bareStepMs.median),
            p95: round(modelStepMs.p95 - bareStepMs.p95),
          },
          ratioMedian: round(modelStepMs.median / bareStepMs.median),
          ratioP95: round(modelStepMs.p95 / bareStepMs.p95),
        };
      },
    );
  }

  if (wanted('firstTask')) {
    log('first workflow tasks');
    const firstTasks = perSide(() => ({ agent: [] as number[], plain: [] as number[] }));
    settle(
      'firstTask',
      await rounds(plan.firstTaskRuns, async (side, round) => {
        for (const kind of alternate(['agent', 'plain'], round)) {
          const { id } =
            kind === 'agent'
              ? await run(side, 'conversation', [1, false], 'first-task')
              : await run(side, 'plain', [1], 'first-task');
          of(firstTasks, side)[kind].push(firstTaskMs((await readHistory(id)).events));
        }
      }),
      (side) => {
        const agentMs = stats(of(firstTasks, side).agent);
        const plainMs = stats(of(firstTasks, side).plain);
        return { agentMs, plainMs, addedMs: round(agentMs.median - plainMs.median) };
      },
    );
  }

  if (wanted('history')) {
    log('history sizes');
    const sizes = perSide(
      () => [] as { turns: number; bytes: number; events: number; bytesPerTurnSincePrevious: number }[],
    );
    settle(
      'history',
      await rounds(1, async (side) => {
        for (const turns of plan.historyTurns) {
          const { id } = await run(side, 'conversation', [turns, false], `history-${turns}`);
          const { bytes, events } = await readHistory(id);
          const previous = of(sizes, side).at(-1) ?? { turns: 0, bytes: 0 };
          const bytesPerTurnSincePrevious = Math.round((bytes - previous.bytes) / (turns - previous.turns));
          of(sizes, side).push({ turns, bytes, events: events.length, bytesPerTurnSincePrevious });
        }
      }),
      (side) => of(sizes, side),
    );
  }

  if (wanted('replay')) {
    log(`replay of ${plan.replayCalls} model calls, and of a plain workflow of ${plan.replayCalls} activities`);
    const replayRuns = () => ({
      id: '',
      bytes: 0,
      events: 0,
      activities: 0,
      first: [] as number[],
      rest: [] as number[],
      cpu: [] as number[],
    });
    const replayed = perSide(() => ({ agent: replayRuns(), plain: replayRuns() }));
    settle(
      'replay',
      await rounds(plan.replayRounds, async (side, round) => {
        const runs = of(replayed, side);
        if (round === 0) {
          runs.agent.id = (await run(side, 'conversation', [plan.replayCalls, false], 'replay')).id;
          runs.plain.id = (await run(side, 'plain', [plan.replayCalls], 'replay-plain')).id;
          for (const kind of ['agent', 'plain'] as const) {
            const { bytes, events } = await readHistory(runs[kind].id);
            Object.assign(runs[kind], {
              bytes,
              events: events.length,
              activities: ofType(events, 'ACTIVITY_TASK_SCHEDULED').length,
            });
          }
        }
        for (const kind of alternate(['agent', 'plain'], round)) {
          const { ms, cpuMs } = await side.replay(runs[kind].id, plan.replaysPerRound + 1);
          const [first = Number.NaN, ...rest] = ms;
          runs[kind].first.push(first);
          runs[kind].rest.push(...rest);
          runs[kind].cpu.push(...cpuMs.slice(1));
        }
      }),
      (side) => {
        const runs = of(replayed, side);
        const figure = (kind: 'agent' | 'plain'): ReplayFigure => ({
          workflow: kind === 'agent' ? 'conversation' : 'plain',
          activities: runs[kind].activities,
          historyBytes: runs[kind].bytes,
          events: runs[kind].events,
          workerStartAndFirstMs: stats(runs[kind].first),
          ms: stats(runs[kind].rest),
          cpuMs: stats(runs[kind].cpu),
        });
        const agent = figure('agent');
        const plain = figure('plain');
        return { agent, plain, addedMedianMs: round(agent.ms.median - plain.ms.median) };
      },
    );
  }

  if (wanted('throughput') || wanted('throughputPlain')) {
    log(
      `throughput at ${plan.concurrency.join(', ')} concurrent workflows, agent and plain, ${plan.throughputWindows} window(s) each`,
    );
    const collect = () => plan.concurrency.map(() => ({ rates: [] as number[], latencies: [] as number[] }));
    const windows = perSide(() => ({ agent: collect(), plain: collect() }));
    // The baseline schedules as many bare activities as one agent workflow of this workload did in the warm-up.
    const plainActivities = (side: Side) => of(workloads, side).activities.length;
    const failed = await rounds(plan.throughputWindows, async (side, window) => {
      for (const [level, concurrency] of plan.concurrency.entries()) {
        for (const kind of alternate(['agent', 'plain'], window)) {
          const runOne =
            kind === 'agent'
              ? () => run(side, 'conversation', [2, true], 'tput')
              : () => run(side, 'plain', [plainActivities(side)], 'tput-plain');
          const { latencies } = await throughputWindow(concurrency, plan, runOne);
          const collected = of(windows, side)[kind][level];
          collected?.rates.push(round(latencies.length / (plan.throughputWindowMs / 1000)));
          collected?.latencies.push(...latencies);
        }
      }
    });
    const levels = (side: Side, kind: 'agent' | 'plain'): ThroughputLevel[] =>
      plan.concurrency.map((concurrency, level) => {
        const { rates, latencies } = of(windows, side)[kind][level] ?? { rates: [], latencies: [] };
        return {
          concurrency,
          workflowsPerSecond: median(rates),
          windows: rates,
          completed: latencies.length,
          latencyMs: stats(latencies),
        };
      });
    settle('throughput', failed, (side) => levels(side, 'agent'));
    settle('throughputPlain', failed, (side) =>
      levels(side, 'plain').map((level) => ({ ...level, activities: plainActivities(side) })),
    );
  }

  if (wanted('chat')) {
    log(`long chats of ${plan.chatTurns.join(', ')} turns (about 2 KB per user turn)`);
    const chats = perSide(() => [] as ChatFigure[]);
    settle(
      'chat',
      await rounds(1, async (side) => {
        for (const turns of plan.chatTurns) {
          of(chats, side).push(await longChat(side, turns, nextId(side, `chat-${turns}`), plan, readHistory));
        }
      }),
      (side) => {
        let previous = { turns: 0, bytes: 0 };
        return of(chats, side).map((chat) => {
          if (chat.stopped) return chat;
          const figure = {
            ...chat,
            bytesPerTurnSincePrevious: Math.round((chat.bytes - previous.bytes) / (chat.turns - previous.turns)),
          };
          previous = chat;
          return figure;
        });
      },
    );
  }

  return Object.fromEntries(
    sides.map((side) => [side.key, { ...unavailableFigures('not measured in this run'), ...results.get(side.key) }]),
  ) as Record<SideKey, SideFigures>;
}

/**
 * `concurrency` clients each run workflows back to back (agent workflows of three model calls and one tool
 * activity each, or the plain baseline). Completions are counted over a window that opens once every client
 * has finished one workflow (and the warm-up time has passed; at the latest after the ramp-up limit), so the
 * ramp-up is left out.
 * The latencies are on the driver's clock.
 */
async function throughputWindow(concurrency: number, plan: Plan, runOne: () => Promise<unknown>) {
  const earliest = performance.now() + plan.throughputWarmUpMs;
  const warm = new Set<number>();
  let from = Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  const client = async (lane: number) => {
    while (performance.now() < from + plan.throughputWindowMs) {
      const start = performance.now();
      await runOne();
      const end = performance.now();
      if (end >= from && end < from + plan.throughputWindowMs) latencies.push(end - start);
      warm.add(lane);
      if (warm.size === concurrency && from === Number.POSITIVE_INFINITY) from = Math.max(end, earliest);
    }
  };
  const limit = setTimeout(() => {
    if (from === Number.POSITIVE_INFINITY) from = Math.max(performance.now(), earliest);
  }, plan.throughputRampUpLimitMs);
  await Promise.all(Array.from({ length: concurrency }, (_, lane) => client(lane)));
  clearTimeout(limit);
  return { latencies };
}

/**
 * A chat of `turns` long user turns in one workflow run. Every anchor sends the whole conversation with
 * each model call, so the server may stop the run: it terminates a run whose history passes 50 MB, or
 * whose workflow task carries a payload over 2 MB. The history tells where and why.
 */
async function longChat(side: Side, turns: number, id: string, plan: Plan, readHistory: ReadHistory) {
  let failure: string | undefined;
  try {
    await side.execute('chat', [turns], id, plan.chatTimeoutSeconds);
  } catch (error) {
    failure = reason(error);
  }
  const { bytes, events } = await readHistory(id);
  const completedTurns = ofType(events, 'ACTIVITY_TASK_COMPLETED').length;
  const times = events.map((e) => eventMs(e.eventTime));
  let taskMs = 0;
  let taskStarted: number | undefined;
  for (const [i, event] of events.entries()) {
    if (event.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED') taskStarted = times[i];
    else if (event.eventType.startsWith('EVENT_TYPE_WORKFLOW_TASK_') && taskStarted !== undefined) {
      taskMs += (times[i] ?? taskStarted) - taskStarted;
      taskStarted = undefined;
    }
  }
  const chat: ChatFigure = {
    turns,
    bytes,
    events: events.length,
    completedTurns,
    seconds: round(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000, 1),
    workflowTaskSeconds: round(taskMs / 1000, 1),
  };
  if (failure === undefined && completedTurns === turns) return chat;
  const last = events.at(-1);
  const how = (last?.eventType ?? 'EVENT_TYPE_UNKNOWN')
    .replace('EVENT_TYPE_WORKFLOW_EXECUTION_', '')
    .replace('EVENT_TYPE_', '')
    .toLowerCase()
    .replaceAll('_', ' ');
  const why =
    last?.workflowExecutionTerminatedEventAttributes?.reason ??
    last?.workflowExecutionFailedEventAttributes?.failure?.message ??
    failure ??
    `only ${completedTurns} model calls completed`;
  return { ...chat, stopped: { atTurn: completedTurns + 1, how, reason: why } };
}
