/**
 * The plugin's own perf harness (issue #10), to run alone: not part of the tests, not the bench.
 *
 *   tsx perf/harness.ts record            a 100-call conversation and 100 bare activities on a dev server;
 *                                         their histories go to perf/results/*.history.json
 *   tsx perf/harness.ts replay            replays the recorded histories N times in one replay worker each
 *   tsx perf/harness.ts steps             per-call step (21-call conversation vs 21 bare activities) and
 *                                         first workflow task, from the server's event timestamps
 *   tsx perf/harness.ts memory            where a worker's idle memory goes: the process's resident set and the
 *                                         main thread's heap after each stage of starting a worker and
 *                                         running --concurrent N conversations at once (default 300);
 *                                         --bundle-file F runs a bundle kept before instead of bundling;
 *                                         --preload a,b bundles with Temporal's preloadModules (shared between workflows)
 *   tsx perf/harness.ts all               record, steps, replay
 *
 * Options: --replays N (default 9), --rounds N (step rounds, default 5), --first-tasks N (default 10),
 * --calls N (calls of the recorded runs, default 100), --kinds conversation,plain (the histories to
 * replay), --step-kinds agent,plain (the step rounds' workflows: one kind alone, to profile it), --label NAME (writes perf/results/NAME.json),
 * --json (prints the figures as JSON only), --stack-trace-limit N (the plugin's workflowStackTraceLimit),
 * --count-promises (replay counts the promises workflow code makes, per replay; a second promise hook, so
 * its CPU figures are not comparable with a run without it), --promise-sources (with --count-promises: which
 * code made them, by the innermost source-mapped frame's package, over all replays after the first), --cpu-profile NAME (a V8 CPU profile of the main thread: for
 * replay, of the replays after the first (which starts the replay worker), which run there, to perf/results/NAME-<history>.cpuprofile; for steps,
 * of the step rounds, where the main thread runs the activities, to NAME-steps-main.cpuprofile; the
 * worker's workflow thread needs `node --cpu-prof`, see perf/README.md). It runs the plugin from source (shared/src), so a change is
 * measured without a build. Times are wall-clock ms; replay also reports the process's CPU ms per
 * replay (all threads), which a busy machine disturbs less.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { promiseHooks } from 'node:v8';
import { setTraceProcessors } from '@openai/agents-core';
import type { Client } from '@temporalio/client';
import { type History, historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { quietBundlerLogger } from '../src/testing/environment.js';
import { findTemporalCli } from '../src/testing/temporal-cli.js';
import { perfPlugin } from './plugin.js';
import { lookup, noop } from './workload.js';

const RESULTS = join(import.meta.dirname, 'results');
const WORKFLOWS = join(import.meta.dirname, 'workflows.ts');
/** The bench's worker options (bench/src/workload.ts). */
const WORKER_OPTIONS = {
  maxConcurrentWorkflowTaskExecutions: 40,
  maxConcurrentActivityTaskExecutions: 100,
  maxCachedWorkflows: 500,
};
/**
 * As in the bench: the dev server's one history shard reads its transfer queue at most 20 times a second by
 * default, which alone paces a sequential run's tasks at about 50 ms.
 */
const SERVER_ARGS = ['--dynamic-config-value', 'history.transferProcessorMaxPollRPS=10000'];

const { positionals, values: options } = parseArgs({
  allowPositionals: true,
  options: {
    replays: { type: 'string', default: '9' },
    rounds: { type: 'string', default: '5' },
    'first-tasks': { type: 'string', default: '10' },
    calls: { type: 'string', default: '100' },
    kinds: { type: 'string', default: 'conversation,plain' },
    'step-kinds': { type: 'string', default: 'agent,plain' },
    label: { type: 'string' },
    json: { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
    'stack-trace-limit': { type: 'string' },
    'count-promises': { type: 'boolean', default: false },
    'promise-sources': { type: 'boolean', default: false },
    concurrent: { type: 'string', default: '300' },
    'bundle-file': { type: 'string' },
    preload: { type: 'string' },
  },
});
const command = positionals[0] ?? 'all';
const replays = Number(options.replays);
const rounds = Number(options.rounds);
const firstTasks = Number(options['first-tasks']);
const calls = Number(options.calls);
const stepKinds = (options['step-kinds'] ?? '').split(',');
const log = options.json ? () => {} : (message: string) => console.log(message);

// agents-core's default processor prints spans to the console; an application with no exporter has none.
setTraceProcessors([]);
Runtime.install({ logger: new DefaultLogger('WARN') });

const stackTraceLimit = options['stack-trace-limit'];
const plugin = () => perfPlugin(stackTraceLimit === undefined ? undefined : Number(stackTraceLimit));

interface Stats {
  median: number;
  p95: number;
  n: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: round(at(0.5)), p95: round(at(0.95)), n: sorted.length };
}
const round = (value: number) => Number(value.toFixed(2));

type Event = NonNullable<History['events']>[number];

function eventMs(event: Event): number {
  const time = event.eventTime;
  if (!time) throw new Error('event without a time');
  return Number(time.seconds ?? 0) * 1000 + (time.nanos ?? 0) / 1e6;
}

const { EventType } = proto.temporal.api.enums.v1;
const timesOf = (history: History, type: proto.temporal.api.enums.v1.EventType) =>
  (history.events ?? []).filter((event) => event.eventType === type).map(eventMs);

/** From one activity being scheduled to the next: the round trip plus the workflow task that follows it. */
function activitySteps(history: History): number[] {
  const scheduled = timesOf(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
  return scheduled.slice(1).map((time, i) => time - (scheduled[i] ?? time));
}

function firstTaskMs(history: History): number {
  const [started] = timesOf(history, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
  const [completed] = timesOf(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  if (started === undefined || completed === undefined) throw new Error('no completed workflow task');
  return completed - started;
}

let bundlePromise: Promise<WorkflowBundle> | undefined;
const bundle = () => {
  bundlePromise ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS,
    plugins: [plugin()],
    logger: quietBundlerLogger,
    ...(options.preload ? { preloadModules: options.preload.split(',') } : {}),
  }).then((bundled) => {
    keepBundle(bundled.code);
    return bundled;
  });
  return bundlePromise;
};

/**
 * Keeps the bundle under the name the worker runs it as (its inline source map's `file`), so
 * profile-summary.ts can tell which module a line of the bundle belongs to.
 */
function keepBundle(code: string): void {
  const sourceMap = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,(\S+)\s*$/.exec(code)?.[1];
  if (!sourceMap) return;
  const { file } = JSON.parse(Buffer.from(sourceMap, 'base64').toString('utf8')) as { file?: string };
  if (!file) return;
  mkdirSync(join(RESULTS, 'bundles'), { recursive: true });
  writeFileSync(join(RESULTS, 'bundles', file), code);
}

type MemoryStage = { stage: string; rssMB: number; heapUsedMB: number; externalMB: number; arrayBuffersMB: number };

/** The process's memory now; the heap figures are the main thread's (workflows run on a worker thread). */
function memoryAt(stage: string): MemoryStage {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => round(bytes / 2 ** 20);
  const figure = {
    stage,
    rssMB: mb(usage.rss),
    heapUsedMB: mb(usage.heapUsed),
    externalMB: mb(usage.external),
    arrayBuffersMB: mb(usage.arrayBuffers),
  };
  log(`${stage}: ${JSON.stringify(figure)}`);
  return figure;
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 2000));

/** Where the idle memory of a worker goes, stage by stage (run with node --expose-gc for steadier heaps). */
async function memory(): Promise<MemoryStage[]> {
  const stages = [memoryAt('imports loaded')];
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: findTemporalCli() ?? '' }, extraArgs: SERVER_ARGS },
  });
  try {
    stages.push(memoryAt('dev server started (another process) and client connected'));
    // A bundle made before (perf/results/bundles/) leaves webpack out of this process, as a production worker would.
    const bundleFile = options['bundle-file'];
    const code = bundleFile ? { code: readFileSync(bundleFile, 'utf8') } : await bundle();
    const made = bundleFile ? 'read from a file' : 'made by webpack in this process';
    stages.push(memoryAt(`bundle ${made} (${round(code.code.length / 2 ** 20)} MB of code with its source map)`));
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'perf',
      workflowBundle: code,
      activities: { lookup, noop },
      plugins: [plugin()],
      ...WORKER_OPTIONS,
    });
    stages.push(memoryAt('worker created'));
    await worker.runUntil(async () => {
      await idle();
      stages.push(memoryAt('worker running, no workflow yet'));
      await runOnce(env.client, 'perfConversation', [2, true]);
      await idle();
      stages.push(memoryAt('after one agent workflow'));
      const concurrent = Number(options.concurrent);
      await Promise.all(Array.from({ length: concurrent }, () => runOnce(env.client, 'perfConversation', [2, true])));
      stages.push(memoryAt(`after ${concurrent} agent workflows at once`));
      await idle();
      stages.push(memoryAt('idle again'));
    });
  } finally {
    await env.teardown();
  }
  return stages;
}

async function withServer<T>(body: (client: Client, worker: Worker) => Promise<T>): Promise<T> {
  const cli = findTemporalCli();
  if (!cli) throw new Error('No Temporal CLI: set TEMPORAL_CLI_PATH (source scripts/activate).');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, extraArgs: SERVER_ARGS },
  });
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'perf',
      workflowBundle: await bundle(),
      activities: { lookup, noop },
      plugins: [plugin()],
      ...WORKER_OPTIONS,
    });
    return await worker.runUntil(body(env.client, worker));
  } finally {
    await env.teardown();
  }
}

let runCounter = 0;
async function runOnce(client: Client, workflow: 'perfConversation' | 'perfPlain', args: unknown[]): Promise<History> {
  const workflowId = `${workflow}-${process.pid}-${++runCounter}`;
  await client.workflow.execute(workflow, { taskQueue: 'perf', workflowId, args });
  return client.workflow.getHandle(workflowId).fetchHistory();
}

const historyFile = (name: string) => join(RESULTS, `${name}.history.json`);

async function record(client: Client) {
  // Warm up the worker's caches and the JIT first, as the bench does.
  await runOnce(client, 'perfConversation', [2, true]);
  await runOnce(client, 'perfPlain', [3]);
  for (const [name, workflow, args] of [
    [`conversation-${calls}`, 'perfConversation', [calls, false]],
    [`plain-${calls}`, 'perfPlain', [calls]],
  ] as const) {
    const history = await runOnce(client, workflow, [...args]);
    writeFileSync(historyFile(name), historyToJSON(history));
    log(`recorded ${name}: ${history.events?.length ?? 0} events -> ${historyFile(name)}`);
  }
}

async function steps(client: Client) {
  await runOnce(client, 'perfConversation', [2, true]);
  await runOnce(client, 'perfPlain', [3]);
  const model: number[] = [];
  const bare: number[] = [];
  const profiler = options['cpu-profile'] ? await startProfiler() : undefined;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['agent', 'plain'] as const) : (['plain', 'agent'] as const);
    for (const kind of order.filter((k) => stepKinds.includes(k))) {
      if (kind === 'agent') model.push(...activitySteps(await runOnce(client, 'perfConversation', [21, false])));
      else bare.push(...activitySteps(await runOnce(client, 'perfPlain', [21])));
    }
  }
  if (profiler) {
    const file = join(RESULTS, `${options['cpu-profile']}-steps-main.cpuprofile`);
    writeFileSync(file, JSON.stringify(await profiler.stop()));
    log(`profile of the main thread (activities) during the step rounds: ${file}`);
  }
  const agentFirst: number[] = [];
  const plainFirst: number[] = [];
  for (let r = 0; r < firstTasks; r++) {
    agentFirst.push(firstTaskMs(await runOnce(client, 'perfConversation', [1, false])));
    plainFirst.push(firstTaskMs(await runOnce(client, 'perfPlain', [1])));
  }
  if (model.length === 0 || bare.length === 0) return { modelStepMs: stats(model), bareStepMs: stats(bare) };
  const modelStep = stats(model);
  const bareStep = stats(bare);
  const agentTask = stats(agentFirst);
  const plainTask = stats(plainFirst);
  return {
    modelStepMs: modelStep,
    bareStepMs: bareStep,
    addedPerCallMs: round(modelStep.median - bareStep.median),
    firstTask: { agentMs: agentTask, plainMs: plainTask, addedMs: round(agentTask.median - plainTask.median) },
  };
}

async function replay() {
  const code = await bundle();
  const figures: Record<string, { firstMs: number; ms: Stats; cpuMs: Stats; events: number; sandboxPromises?: Stats }> =
    {};
  for (const name of (options.kinds ?? '').split(',').map((kind) => `${kind}-${calls}`)) {
    const history = historyFromJSON(JSON.parse(readFileSync(historyFile(name), 'utf8')));
    const histories = Array.from({ length: replays }, (_, i) => ({ workflowId: `replay-${i}`, history }));
    const wall: number[] = [];
    const cpu: number[] = [];
    // Profiled from the end of the first replay, which includes starting the replay worker.
    let profiler: Awaited<ReturnType<typeof startProfiler>> | undefined;
    const promises: number[] = [];
    let made = 0;
    let replayIndex = 0;
    const sources = new Map<string, number>();
    // A promise made in the sandbox has the sandbox realm's Promise as its constructor.
    const stopCounting = options['count-promises']
      ? promiseHooks.onInit((promise) => {
          if (promise.constructor === Promise) return;
          made++;
          if (options['promise-sources'] && replayIndex > 0) tallyPromiseSource(sources);
        })
      : undefined;
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    for await (const result of Worker.runReplayHistories({ workflowBundle: code, plugins: [plugin()] }, histories)) {
      if (result.error) throw result.error;
      const used = process.cpuUsage(lastCpu);
      wall.push(performance.now() - last);
      cpu.push((used.user + used.system) / 1000);
      promises.push(made);
      made = 0;
      replayIndex++;
      if (replayIndex === 1 && options['cpu-profile']) profiler = await startProfiler();
      last = performance.now();
      lastCpu = process.cpuUsage();
    }
    stopCounting?.();
    if (sources.size > 0) {
      const perReplay = (count: number) => round(count / Math.max(1, replayIndex - 1));
      const sorted = [...sources].sort((a, b) => b[1] - a[1]).slice(0, 25);
      const byPackage = new Map<string, number>();
      for (const [source, count] of sources) {
        const key = source.split(' ')[0] ?? source;
        byPackage.set(key, (byPackage.get(key) ?? 0) + count);
      }
      log(
        `promises per replay of ${name} by package: ${JSON.stringify(Object.fromEntries([...byPackage].map(([k, v]) => [k, perReplay(v)])))}`,
      );
      log(`promises per replay of ${name} by the code that made them (innermost frame):`);
      for (const [source, count] of sorted) log(`  ${String(perReplay(count)).padStart(8)}  ${source}`);
    }
    if (profiler) {
      const file = join(RESULTS, `${options['cpu-profile']}-${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(await profiler.stop()));
      log(`profile: ${file}`);
    }
    figures[name] = {
      firstMs: round(wall[0] ?? NaN),
      ms: stats(wall.slice(1)),
      cpuMs: stats(cpu.slice(1)),
      events: history.events?.length ?? 0,
      ...(stopCounting ? { sandboxPromises: stats(promises.slice(1)) } : {}),
    };
    log(
      `replay ${name} (${figures[name].events} events): median ${figures[name].ms.median} ms ` +
        `(p95 ${figures[name].ms.p95}, n ${figures[name].ms.n}), cpu ${figures[name].cpuMs.median} ms, first ${figures[name].firstMs} ms` +
        (stopCounting ? `, promises made in the sandbox ${figures[name].sandboxPromises?.median}` : ''),
    );
  }
  return figures;
}

/**
 * Counts a sandbox promise by the code that made it: the innermost frame of a stack captured here, which
 * Temporal's prepareStackTrace maps through the bundle's source map (it does so for any error object that
 * is not the host's Error), named by package, or by file for the plugin's own modules.
 */
function tallyPromiseSource(sources: Map<string, number>): void {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder);
  const frames = (holder.stack ?? '').split('\n').slice(1);
  let source = 'unknown';
  for (const frame of frames) {
    const file = /\(?([^()\s]+):\d+:\d+\)?$/.exec(frame.trim())?.[1];
    if (!file || file.startsWith('node:') || file.includes('perf/harness.ts') || file.includes('vm-shared')) continue;
    const pkg = /^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:(?:dist|lib|src)\/)?(.*)$/.exec(file);
    const fn = /at (\S+) \(/.exec(frame.trim())?.[1] ?? '<anonymous>';
    source = pkg ? `${pkg[1]} ${pkg[2]} ${fn}` : `${file.replace(/^.*\/shared\//, 'shared/')} ${fn}`;
    break;
  }
  sources.set(source, (sources.get(source) ?? 0) + 1);
}

/** A CPU profile of this thread from now until `stop`. */
async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

mkdirSync(RESULTS, { recursive: true });
const figures: Record<string, unknown> = { command, at: new Date().toISOString() };
if (command === 'record' || command === 'all' || command === 'steps') {
  await withServer(async (client) => {
    if (command !== 'steps') await record(client);
    if (command !== 'record') {
      figures.steps = await steps(client);
      log(`steps: ${JSON.stringify(figures.steps)}`);
    }
  });
}
if (command === 'replay' || command === 'all') figures.replay = await replay();
if (command === 'memory') figures.memory = await memory();
if (!['record', 'replay', 'steps', 'all', 'memory'].includes(command)) throw new Error(`unknown command ${command}`);
if (options.label) writeFileSync(join(RESULTS, `${options.label}.json`), `${JSON.stringify(figures, null, 2)}\n`);
if (options.json) console.log(JSON.stringify(figures));
