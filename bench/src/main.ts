/**
 * `pnpm bench`: starts a local Temporal dev server and three side processes (this plugin, Temporal's TS
 * plugin and Temporal's Python plugin, each with its own SDK), measures them in alternating rounds with the
 * same code (bench/src/measure.ts), and writes bench-results/bench.json and bench-results/bench.png at the
 * repo root. `pnpm bench --quick` runs each workload a few times only. Then, on this plugin only, a long
 * conversation (src/long-conversation.ts; `--only=longConversation` runs it alone, `--long-chat-turns=N`,
 * `--kill-at=100,600,1000`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { findTemporalCli } from 'openai-agents-temporal/testing';
import { writeChart } from './chart';
import {
  type LongConversationReport,
  longConversationPlan,
  longConversationTable,
  measureLongConversation,
} from './long-conversation';
import {
  type HistoryEvent,
  measureAll,
  planFor,
  type ReadHistory,
  SIDE_KEYS,
  type SideKey,
  unavailableFigures,
} from './measure';
import { pythonForBench } from './python-venv';
import { type Report, SIDES, type SideReport, table } from './report';
import { type SideCommand, SideProcess } from './side-process';
import { typeScriptWorkerTuning } from './side-server';
import { ACTIVITY_TIMEOUT, AGENT, WORKER_OPTIONS, workloadJson } from './workload';

/** The worker options of every side, and what a tuning A/B added on both TypeScript sides. */
function workerOptionsLine(): string {
  const tuning = typeScriptWorkerTuning();
  const added = Object.keys(tuning).length > 0 ? `; both TypeScript sides also ${JSON.stringify(tuning)}` : '';
  return `${JSON.stringify(WORKER_OPTIONS)}${added}`;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const bench = join(root, 'bench');
const outDir = join(root, 'bench-results');
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
/** A `--name=a,b` option's values. */
const option = (name: string) =>
  process.argv
    .find((arg) => arg.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(',');
/** `--only=chat,replay`: measure these figures only (names as in bench.json), to work on one of them. */
const only = option('only');
/** `--sides=ours,python`: run these sides only; the others' figures are unavailable. */
const chosenSides = option('sides') ?? [...SIDE_KEYS];
const LONG_CONVERSATION = 'longConversation';
const wantsLongConversation = !only || only.includes(LONG_CONVERSATION);
/** The side figures (all but the long conversation), unless `--only` names the long conversation alone. */
const wantsSideFigures = !only || only.some((name) => name !== LONG_CONVERSATION);
const numberOption = (name: string) => option(name)?.map(Number);
const longChatPlan = longConversationPlan(quick, numberOption('long-chat-turns')?.[0], numberOption('kill-at'));

/**
 * The dev server has one history shard, whose transfer queue reads at most 20 times a second by default
 * (history.transferProcessorMaxPollRPS). That paces every activity and workflow task of a sequential run at
 * about 50 ms, so each step takes 100 ms whatever the plugin does. The bench lifts the limit.
 */
const SERVER_ARGS = ['--dynamic-config-value', 'history.transferProcessorMaxPollRPS=10000'];

const startedAt = performance.now();
const log = (message: string) =>
  console.log(`[bench ${Math.round((performance.now() - startedAt) / 1000)} s] ${message}`);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

/** How each side's process starts (the driver adds the server's address); the Python one once its venv is ready. */
function commandFor(key: SideKey, workloadFile: string): SideCommand {
  const env = { BENCH_WORKLOAD: workloadFile };
  const tsx = (dir: string, entry: string) => ({
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    cwd: join(bench, dir),
    env,
  });
  if (key === 'ours') return tsx('.', 'ours/side.ts');
  if (key === 'oursFast') {
    const command = tsx('.', 'ours/side.ts');
    return { ...command, env: { ...command.env, BENCH_OURS_MODE: 'fast' } };
  }
  if (key === 'temporal') return tsx('temporal-plugin', 'src/side.ts');
  const python = pythonForBench(join(bench, 'python', 'requirements.txt'), log);
  return {
    command: python,
    args: ['-u', 'side.py'],
    cwd: join(bench, 'python'),
    env: { ...env, PYTHONDONTWRITEBYTECODE: '1' },
  };
}

/** The command, or why there is none. */
function tryCommandFor(key: SideKey, workloadFile: string): SideCommand | Error {
  try {
    return commandFor(key, workloadFile);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Where the anchors' chats stopped in this run's `chat` figure (or how far they ran), when it ran. */
function anchorsStoppedAt(figures: Awaited<ReturnType<typeof measureAll>> | undefined) {
  const stopped: Record<string, number | string> = {};
  for (const key of ['temporal', 'python'] as const) {
    const chats = figures?.[key]?.chat;
    if (!Array.isArray(chats) || chats.length === 0) continue;
    const at = chats.find((chat) => chat.stopped)?.stopped?.atTurn;
    stopped[SIDES[key].package] = at ?? `no stop in ${Math.max(...chats.map((chat) => chat.turns))} turns`;
  }
  return Object.keys(stopped).length ? stopped : undefined;
}

async function main() {
  const started = performance.now();
  const loadAverageAtStart = load();
  mkdirSync(outDir, { recursive: true });
  const workloadFile = join(outDir, '.workload.json');
  writeFileSync(workloadFile, `${workloadJson()}\n`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = findTemporalCli();
  if (!cli) throw new Error('No Temporal CLI found: run `bash scripts/bootstrap.sh` or set TEMPORAL_CLI_PATH.');

  // The Python venv first (a minute or two on the first run), so that the server does not wait for it.
  const commands = new Map(
    SIDE_KEYS.map((key) => [
      key,
      !wantsSideFigures
        ? new Error('not measured in this run (--only)')
        : chosenSides.includes(key)
          ? tryCommandFor(key, workloadFile)
          : new Error('not run (--sides)'),
    ]),
  );
  log(`starting a Temporal dev server (${cli})${quick ? '; quick run' : ''}`);
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, extraArgs: SERVER_ARGS },
  });
  const sides: SideProcess[] = [];
  // Ctrl-C reaches the side processes too; stop the dev server before leaving.
  const stop = () => env.teardown().finally(() => process.exit(130));
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const plan = planFor(quick, only);
  const offset = Math.floor(Math.random() * SIDE_KEYS.length);
  const failures = new Map<SideKey, string>();
  let figures: Awaited<ReturnType<typeof measureAll>> | undefined;
  let longConversation: LongConversationReport | undefined;
  // A long chat's history comes in pages of several MB: more than gRPC's default 4 MB a message.
  const connection = await Connection.connect({
    address: env.address,
    channelArgs: { 'grpc.max_receive_message_length': 512 * 1024 * 1024 },
  });
  try {
    for (const key of SIDE_KEYS) {
      const command = commands.get(key);
      if (!command || command instanceof Error) {
        failures.set(key, command?.message ?? 'no command');
        continue;
      }
      log(`starting the ${SIDES[key].package} side`);
      try {
        const address = { BENCH_TEMPORAL_ADDRESS: env.address };
        sides.push(await SideProcess.start(key, { ...command, env: { ...command.env, ...address } }));
      } catch (error) {
        failures.set(key, error instanceof Error ? error.message : String(error));
      }
    }
    const client = new Client({ connection });
    const readHistory: ReadHistory = async (workflowId) => {
      const handle = client.workflow.getHandle(workflowId);
      const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
      const { events } = JSON.parse(historyToJSON(history)) as { events: HistoryEvent[] };
      return { events, bytes: description.historySize ?? Number.NaN };
    };
    if (wantsSideFigures) {
      log(`rounds start with side ${offset + 1} of ${SIDE_KEYS.join(', ')} and rotate`);
      figures = await measureAll(sides, plan, offset, readHistory, log);
    }
    // The side processes stop first: the long conversation has the machine to itself.
    await Promise.all(sides.map((side) => side.stop()));
    if (wantsLongConversation) {
      longConversation = await measureLongConversation(client, env.address, longChatPlan, log);
      longConversation.anchorsStoppedAt = anchorsStoppedAt(figures);
    }
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await Promise.all(sides.map((side) => side.stop()));
    await connection.close();
    await env.teardown();
  }
  const plugins = Object.fromEntries(
    SIDE_KEYS.map((key): [SideKey, SideReport] => {
      const side = sides.find((s) => s.key === key);
      const notes = side?.noise
        ? [`agents-core logged "No traceId found…" ${side.noise} times on the worker's stderr (not shown).`]
        : [];
      return [
        key,
        {
          package: SIDES[key].package,
          versions: side?.versions ?? {},
          notes,
          figures: figures?.[key] ?? unavailableFigures(failures.get(key) ?? 'the side did not start'),
        },
      ];
    }),
  ) as Record<SideKey, SideReport>;
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
      loadAverageAtEnd: load(),
    },
    server: `${execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim()}: start-dev, in memory, ${SERVER_ARGS.join(' ')}`,
    workload: {
      agent: `${AGENT.name} (model "${AGENT.model}") with one activity tool, lookup`,
      model: 'scripted on the worker: answers at once, the same answers on every side',
      activities: `start-to-close ${ACTIVITY_TIMEOUT} and the default retry policy for model calls, the tool and the no-op`,
      worker: workerOptionsLine(),
      turn: 'one user message and one run over the whole conversation so far: one model call',
    },
    fairness: {
      order: `rounds rotate over ${SIDE_KEYS.join(', ')}; round r starts with side (offset + r) mod ${SIDE_KEYS.length}; within a side, the agent and the plain variant alternate`,
      offset,
    },
    plan,
    plugins,
    ...(longConversation ? { longConversation } : {}),
  };
  writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (wantsSideFigures) {
    await writeChart(report, join(outDir, 'bench.png'));
    console.log(`\n${table(report)}\n`);
  }
  if (longConversation) console.log(`${longConversationTable(longConversation)}\n`);
  log(
    `wrote bench-results/bench.json${wantsSideFigures ? ' and bench-results/bench.png' : ''} in ${report.durationSeconds} s`,
  );
}

await main();
