/**
 * The measurements, the same for both plugins. Each plugin's side (bench/ours/side.ts,
 * bench/temporal-plugin/src/side.ts) runs in its own process with its own agents-core and Temporal
 * SDK, implements `Side`, and calls `runSide`. Times come from history event timestamps (server
 * clock) or from the side process's clock, the same way on both sides.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { WorkflowName } from './workload';

export interface Side {
  /** Bundles the agent workflows with the plugin, or the plain workflow without it; returns the code. */
  bundle(kind: 'agents' | 'plain'): Promise<string>;
  /** Runs `body` while one worker with the plugin polls the side's task queue. */
  withWorker<T>(code: string, body: () => Promise<T>): Promise<T>;
  /** Runs a workflow on that worker to completion. */
  execute(workflow: WorkflowName, args: unknown[], workflowId: string): Promise<unknown>;
  /** A finished run's history as JSON (`historyToJSON`), and its size in bytes as the server counts it. */
  history(workflowId: string): Promise<{ json: string; bytes: number }>;
  /**
   * Replays a history `times` times in one replay worker (bundle and plugin as the worker's), yielding after
   * each replay; throws on nondeterminism.
   */
  replay(historyJson: string, code: string, times: number): AsyncIterable<void>;
}

/**
 * How much is measured: sized for a 2-core machine and a bench of a few minutes. A quick run
 * (`pnpm bench --quick`) runs each workload a few times only, to check that the bench works.
 */
export function planFor(quick: boolean) {
  return {
    bundleRuns: quick ? 1 : 5,
    warmUpRuns: quick ? 2 : 5,
    stepRounds: quick ? 1 : 10,
    callsPerRound: 21,
    firstTaskRuns: quick ? 3 : 30,
    historyTurns: [1, 5, 10, 20],
    replayCalls: 100,
    replayRuns: quick ? 2 : 8,
    concurrency: [1, 10, 100],
    throughputWarmUpMs: quick ? 500 : 3000,
    throughputWindowMs: quick ? 2000 : 15000,
  };
}

/** The plan of this side process; the driver sets BENCH_QUICK. */
const PLAN = planFor(process.env.BENCH_QUICK === '1');
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

export interface SideFigures {
  /** Activity types one agent workflow of the throughput workload scheduled, in order. */
  workload: Maybe<{ activities: string[]; answer: string }>;
  bundle: Maybe<{ agents: { ms: Stats; bytes: number }; plain: { ms: Stats; bytes: number } }>;
  modelCall: Maybe<{ modelStepMs: Stats; bareStepMs: Stats; ratioMedian: number; ratioP95: number }>;
  firstTask: Maybe<{ agentMs: Stats; plainMs: Stats; addedMs: number }>;
  history: Maybe<{ turns: number; bytes: number; events: number; bytesPerTurnSincePrevious: number }[]>;
  replay: Maybe<{ modelCalls: number; historyBytes: number; events: number; workerStartAndFirstMs: number; ms: Stats }>;
  throughput: Maybe<{ concurrency: number; workflowsPerSecond: number; completed: number; latencyMs: Stats }[]>;
}

const FIGURES = ['workload', 'bundle', 'modelCall', 'firstTask', 'history', 'replay', 'throughput'] as const;

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

async function attempt<T>(body: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return await body();
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

interface HistoryEvent {
  eventType: string;
  eventTime: string;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
}

function events(json: string): HistoryEvent[] {
  return (JSON.parse(json) as { events: HistoryEvent[] }).events;
}

/** An RFC 3339 event time in milliseconds, keeping the sub-millisecond digits. */
function eventMs(time: string): number {
  const [whole = '', fraction = '0'] = time.replace('Z', '').split('.');
  return Date.parse(`${whole}Z`) + Number(`0.${fraction}`) * 1000;
}

const timesOf = (list: HistoryEvent[], type: string) =>
  list.filter((e) => e.eventType === `EVENT_TYPE_${type}`).map((e) => eventMs(e.eventTime));

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

let counter = 0;
const runTag = `${process.pid}-${Date.now().toString(36)}`;
const nextId = (what: string) => `bench-${what}-${runTag}-${++counter}`;

async function run(side: Side, workflow: WorkflowName, args: unknown[], what: string) {
  const id = nextId(what);
  const result = await side.execute(workflow, args, id);
  return { id, result, history: () => side.history(id) };
}

async function timeBundles(side: Side, kind: 'agents' | 'plain') {
  const times: number[] = [];
  let code = '';
  for (let i = 0; i < PLAN.bundleRuns; i++) {
    const start = performance.now();
    code = await side.bundle(kind);
    times.push(performance.now() - start);
  }
  return { code, figures: { ms: stats(times), bytes: Buffer.byteLength(code) } };
}

/** Warms the worker up and checks the throughput workload's shape: model, tool, model, model. */
async function warmUp(side: Side) {
  let last: Awaited<ReturnType<typeof run>> | undefined;
  for (let i = 0; i < PLAN.warmUpRuns; i++) {
    last = await run(side, 'conversation', [2, true], 'warmup');
    await run(side, 'plain', [3], 'warmup');
  }
  if (!last) throw new Error('no warm-up run');
  const activities = events((await last.history()).json)
    .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
    .filter((name): name is string => name !== undefined);
  if (activities.length !== 4 || activities[1] !== 'lookup' || activities.filter((a) => a === 'lookup').length !== 1) {
    throw new Error(`the agent workflow scheduled ${activities.join(', ')}; expected model, lookup, model, model`);
  }
  return { activities, answer: String(last.result) };
}

async function modelCallOverhead(side: Side) {
  const model: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < PLAN.stepRounds; round++) {
    const agent = await run(side, 'conversation', [PLAN.callsPerRound, false], 'steps');
    model.push(...activitySteps(events((await agent.history()).json)));
    const plain = await run(side, 'plain', [PLAN.callsPerRound], 'steps');
    bare.push(...activitySteps(events((await plain.history()).json)));
  }
  const modelStepMs = stats(model);
  const bareStepMs = stats(bare);
  return {
    modelStepMs,
    bareStepMs,
    ratioMedian: round(modelStepMs.median / bareStepMs.median),
    ratioP95: round(modelStepMs.p95 / bareStepMs.p95),
  };
}

async function firstTask(side: Side) {
  const agent: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < PLAN.firstTaskRuns; i++) {
    const a = await run(side, 'conversation', [1, false], 'first-task');
    agent.push(firstTaskMs(events((await a.history()).json)));
    const p = await run(side, 'plain', [1], 'first-task');
    plain.push(firstTaskMs(events((await p.history()).json)));
  }
  const agentMs = stats(agent);
  const plainMs = stats(plain);
  return { agentMs, plainMs, addedMs: round(agentMs.median - plainMs.median) };
}

async function historySizes(side: Side) {
  const sizes: { turns: number; bytes: number; events: number; bytesPerTurnSincePrevious: number }[] = [];
  for (const turns of PLAN.historyTurns) {
    const { bytes, json } = await (await run(side, 'conversation', [turns, false], `history-${turns}`)).history();
    const previous = sizes.at(-1) ?? { turns: 0, bytes: 0 };
    const bytesPerTurnSincePrevious = Math.round((bytes - previous.bytes) / (turns - previous.turns));
    sizes.push({ turns, bytes, events: events(json).length, bytesPerTurnSincePrevious });
  }
  return sizes;
}

/** The first replay includes starting the replay worker; the others time the replay alone. */
async function replayTime(side: Side, code: string) {
  const { bytes, json } = await (await run(side, 'conversation', [PLAN.replayCalls, false], 'replay')).history();
  const times: number[] = [];
  let last = performance.now();
  for await (const _ of side.replay(json, code, PLAN.replayRuns + 1)) {
    times.push(performance.now() - last);
    last = performance.now();
  }
  const [first = Number.NaN, ...rest] = times;
  return {
    modelCalls: PLAN.replayCalls,
    historyBytes: bytes,
    events: events(json).length,
    workerStartAndFirstMs: round(first),
    ms: stats(rest),
  };
}

/**
 * `concurrency` clients each run agent workflows back to back (three model calls and one tool
 * activity each). Completions are counted over a window that opens once every client has finished
 * one workflow (and the warm-up time has passed), so the ramp-up is left out.
 */
async function throughputAt(side: Side, concurrency: number) {
  const earliest = performance.now() + PLAN.throughputWarmUpMs;
  const warm = new Set<number>();
  let from = Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  const client = async (lane: number) => {
    while (performance.now() < from + PLAN.throughputWindowMs) {
      const start = performance.now();
      await run(side, 'conversation', [2, true], `throughput-${concurrency}`);
      const end = performance.now();
      if (end >= from && end < from + PLAN.throughputWindowMs) latencies.push(end - start);
      warm.add(lane);
      if (warm.size === concurrency && from === Number.POSITIVE_INFINITY) from = Math.max(end, earliest);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, lane) => client(lane)));
  return {
    concurrency,
    workflowsPerSecond: round(latencies.length / (PLAN.throughputWindowMs / 1000)),
    completed: latencies.length,
    latencyMs: stats(latencies),
  };
}

async function throughput(side: Side) {
  const levels = [];
  for (const concurrency of PLAN.concurrency) levels.push(await throughputAt(side, concurrency));
  return levels;
}

export async function measureSide(side: Side, log: (message: string) => void): Promise<SideFigures> {
  log('bundling');
  let code = '';
  const bundle = await attempt(async () => {
    const agents = await timeBundles(side, 'agents');
    const plain = await timeBundles(side, 'plain');
    code = agents.code;
    return { agents: agents.figures, plain: plain.figures };
  });
  if (isUnavailable(bundle)) return { ...unavailableFigures(`no workflow bundle: ${bundle.unavailable}`), bundle };
  return side.withWorker(code, async () => {
    log('warming up');
    const workload = await attempt(() => warmUp(side));
    if (isUnavailable(workload)) {
      return { ...unavailableFigures(`the agent workflow does not run: ${workload.unavailable}`), bundle, workload };
    }
    log('model call steps');
    const modelCall = await attempt(() => modelCallOverhead(side));
    log('first workflow tasks');
    const first = await attempt(() => firstTask(side));
    log('history sizes');
    const history = await attempt(() => historySizes(side));
    log('replay');
    const replay = await attempt(() => replayTime(side, code));
    log(`throughput at ${PLAN.concurrency.join(', ')} concurrent workflows`);
    return {
      workload,
      bundle,
      modelCall,
      firstTask: first,
      history,
      replay,
      throughput: await attempt(() => throughput(side)),
    };
  });
}

/** The dev server the driver started (bench/src/main.ts). */
export function benchAddress(): string {
  const address = process.env.BENCH_TEMPORAL_ADDRESS;
  if (!address) throw new Error('BENCH_TEMPORAL_ADDRESS is not set: run the bench with `pnpm bench`.');
  return address;
}

/** A side process's entry: measures and writes the figures to the file named by its first argument. */
export async function runSide(name: string, side: Side): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: side.ts <figures.json>');
  const started = performance.now();
  const figures = await measureSide(side, (message) => console.log(`[${name}] ${message}`));
  writeFileSync(out, JSON.stringify(figures, null, 2));
  console.log(`[${name}] done in ${Math.round((performance.now() - started) / 1000)} s`);
}

/** webpack's report goes to the logger at info level; keep errors only. */
export const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
