/**
 * `pnpm bench`: starts a local Temporal dev server, runs the same measurements with each plugin in its
 * own process (each has its own agents-core and Temporal SDK), and writes bench-results/bench.json and
 * bench-results/bench.png at the repo root. `pnpm bench --quick` runs each workload a few times only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { findTemporalCli } from 'openai-agents-temporal/testing';
import { writeChart } from './chart';
import { planFor, type SideFigures, unavailableFigures } from './measure';
import { type Report, SIDE_KEYS, type SideKey, type SideReport, table } from './report';
import { ACTIVITY_TIMEOUT, AGENT, WORKER_OPTIONS } from './workload';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'bench-results');
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/**
 * The dev server has one history shard, whose transfer queue reads at most 20 times a second by default
 * (history.transferProcessorMaxPollRPS). That paces every activity and workflow task of a sequential run at
 * about 50 ms, so each step takes 100 ms whatever the plugin does. The bench lifts the limit.
 */
const SERVER_ARGS = ['--dynamic-config-value', 'history.transferProcessorMaxPollRPS=10000'];

/**
 * agents-core 0.11 logs this line once per model call and tool call on the worker of Temporal's plugin.
 * The bench counts the lines instead of printing thousands of them.
 */
const NOISE = 'No traceId found. Make sure to start a trace with `withTrace()` first. Returning NoopSpan.';

const SIDES: Record<SideKey, { package: string; dir: string; entry: string }> = {
  ours: { package: 'openai-agents-temporal', dir: 'bench', entry: 'ours/side.ts' },
  temporal: { package: '@temporalio/openai-agents', dir: 'bench/temporal-plugin', entry: 'src/side.ts' },
};

/** The versions a side runs with, from the package.json files that pin them. */
function versions(key: SideKey): Record<string, string> {
  const read = (dir: string) =>
    JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
  const pinned = read(SIDES[key].dir).dependencies;
  const plugin = key === 'ours' ? `${read('shared').version} (workspace)` : pinned[SIDES[key].package];
  return {
    [SIDES[key].package]: plugin ?? '',
    ...Object.fromEntries(['@openai/agents-core', '@temporalio/worker'].map((name) => [name, pinned[name] ?? ''])),
  };
}

/** Runs one side's process: its figures (each unavailable, with the reason, if the process failed) and notes. */
async function runSide(key: SideKey, address: string): Promise<SideReport> {
  const side = SIDES[key];
  const loadAverageAtStart = load();
  const notes: string[] = [];
  const out = join(outDir, `.${key}.json`);
  rmSync(out, { force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', side.entry, out], {
    cwd: join(root, side.dir),
    env: { ...process.env, BENCH_TEMPORAL_ADDRESS: address, BENCH_QUICK: quick ? '1' : '0' },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let lastError = '';
  let noise = 0;
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line === NOISE) {
      noise++;
      return;
    }
    console.error(line);
    if (/error/i.test(line) && !lastError) lastError = line.trim();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (noise) notes.push(`agents-core logged "${NOISE}" ${noise} times on the worker's stderr (not shown).`);
  let figures: SideFigures;
  try {
    figures = JSON.parse(readFileSync(out, 'utf8')) as SideFigures;
    rmSync(out);
  } catch {
    figures = unavailableFigures(`the ${side.package} process exited with code ${code}: ${lastError}`);
  }
  return { package: side.package, versions: versions(key), loadAverageAtStart, notes, figures };
}

const load = () => loadavg().map((l) => Number(l.toFixed(2)));

async function main() {
  const started = performance.now();
  const loadAverageAtStart = load();
  mkdirSync(outDir, { recursive: true });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = findTemporalCli();
  if (!cli) throw new Error('No Temporal CLI found: run `bash scripts/bootstrap.sh` or set TEMPORAL_CLI_PATH.');
  console.log(`Starting a Temporal dev server (${cli})${quick ? '; quick run' : ''}`);
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, extraArgs: SERVER_ARGS },
  });
  // Ctrl-C reaches the side process too; stop the dev server before leaving.
  const stop = () => env.teardown().finally(() => process.exit(130));
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const plugins = {} as Record<SideKey, SideReport>;
  try {
    for (const key of SIDE_KEYS) plugins[key] = await runSide(key, env.address);
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await env.teardown();
  }
  const report: Report = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    quick,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtStart,
    },
    server: `${execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim()}: start-dev, in memory, ${SERVER_ARGS.join(' ')}`,
    workload: {
      agent: `${AGENT.name} (model "${AGENT.model}") with one activity tool, lookup`,
      model: 'scripted on the worker: answers at once, the same answers for both plugins',
      activities: `start-to-close ${ACTIVITY_TIMEOUT} and the default retry policy for model calls, the tool and the no-op`,
      worker: JSON.stringify(WORKER_OPTIONS),
      turn: 'one user message and one run() over the whole conversation so far: one model call',
    },
    plan: planFor(quick),
    plugins,
  };
  writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeChart(report, join(outDir, 'bench.png'));
  console.log(`\n${table(report)}\n`);
  console.log(`Wrote bench-results/bench.json and bench-results/bench.png in ${report.durationSeconds} s.`);
}

await main();
