/** The bench's JSON report, and the table printed from it. */
import type { LongConversationReport } from './long-conversation';
import {
  isUnavailable,
  type Maybe,
  type Plan,
  SIDE_KEYS,
  type SideFigures,
  type SideKey,
  type Stats,
  type ThroughputLevel,
  type Unavailable,
} from './measure';

/** What each side is: its package and which of its versions name the plugin, the agents SDK and Temporal's SDK. */
export const SIDES: Record<SideKey, { package: string; plugin: string; agents: string; temporal: string }> = {
  ours: {
    package: 'openai-agents-temporal',
    plugin: 'openai-agents-temporal',
    agents: '@openai/agents-core',
    temporal: '@temporalio/worker',
  },
  oursFast: {
    package: 'openai-agents-temporal, fast mode',
    plugin: 'openai-agents-temporal',
    agents: '@openai/agents-core',
    temporal: '@temporalio/worker',
  },
  temporal: {
    package: '@temporalio/openai-agents',
    plugin: '@temporalio/openai-agents',
    agents: '@openai/agents-core',
    temporal: '@temporalio/worker',
  },
  python: {
    package: 'temporalio-openai-agents (Python)',
    plugin: 'temporalio-openai-agents',
    agents: 'openai-agents',
    temporal: 'temporalio',
  },
};

export interface SideReport {
  package: string;
  /** What the side process reported: the versions it runs with. */
  versions: Record<string, string>;
  notes: string[];
  figures: SideFigures;
}

export interface Report {
  generatedAt: string;
  durationSeconds: number;
  quick: boolean;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  server: string;
  workload: Record<string, string>;
  fairness: { order: string; offset: number };
  plan: Plan;
  plugins: Record<SideKey, SideReport>;
  /** This plugin only (src/long-conversation.ts), when it ran. */
  longConversation?: LongConversationReport;
}

/** A figure's value, or undefined when it is unavailable. */
export function pick<T, R>(figure: Maybe<T>, read: (figure: T) => R | undefined): R | undefined {
  return isUnavailable(figure) ? undefined : read(figure);
}

export const fixed = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const kb = (bytes: number) => fixed(bytes / 1024);
const ms = (s: Stats) => `${fixed(s.median)} / ${fixed(s.p95)}`;

/** A cell: its text, the reason its figure is unavailable, or a text with a numbered note. */
type CellValue = string | Unavailable | { text: string; note: string };
type Cell = (f: SideFigures) => CellValue;
type Row = [label: string, cell?: Cell];

/** A cell of one figure: its text, or the reason it is unavailable. */
const of =
  <T>(read: (f: SideFigures) => Maybe<T>, format: (figure: T) => CellValue): Cell =>
  (f) => {
    const figure = read(f);
    return isUnavailable(figure) ? figure : format(figure);
  };

/** One level of a throughput figure: workflows/s (min–max of the windows); median latency. */
function throughputCell(level: ThroughputLevel | undefined): CellValue {
  if (!level) return 'n/a';
  const spread = `${fixed(Math.min(...level.windows))}–${fixed(Math.max(...level.windows))}`;
  return `${fixed(level.workflowsPerSecond)} (${spread}); ${fixed(level.latencyMs.median)}`;
}

function rows(report: Report): Row[] {
  const { plan } = report;
  // The plain baseline's activity count, as measured (every side's agent workflow schedules the same ones).
  const plainActivities =
    SIDE_KEYS.map((key) => pick(report.plugins[key].figures.throughputPlain, (t) => t[0]?.activities)).find(
      (count) => count !== undefined,
    ) ?? 'as many';
  return [
    ['1. Per model call: step = one activity scheduled to the next (history timestamps)'],
    [
      '   model call step, median / p95 ms',
      of(
        (f) => f.modelCall,
        (m) => ms(m.modelStepMs),
      ),
    ],
    [
      '   bare activity step, median / p95 ms',
      of(
        (f) => f.modelCall,
        (m) => ms(m.bareStepMs),
      ),
    ],
    [
      '   added per model call (model − bare), median / p95 ms',
      of(
        (f) => f.modelCall,
        (m) => `${fixed(m.addedMs.median)} / ${fixed(m.addedMs.p95)}`,
      ),
    ],
    [
      '   ratio model / bare, median / p95',
      of(
        (f) => f.modelCall,
        (m) => `${m.ratioMedian} / ${m.ratioP95}`,
      ),
    ],
    [
      `2. Throughput: agent workflows (3 model calls + 1 tool), one worker; median of ${plan.throughputWindows} window(s)`,
    ],
    ...plan.concurrency.map(
      (c, i): Row => [
        `   ${c} concurrent: workflows/s (min–max); median latency ms`,
        of(
          (f) => f.throughput,
          (t) => throughputCell(t[i]),
        ),
      ],
    ),
    [`   plain workflow with the same activities (${plainActivities} no-op activities in a row), same rounds`],
    ...plan.concurrency.map(
      (c, i): Row => [
        `   plain, ${c} concurrent: workflows/s (min–max); median latency ms`,
        of(
          (f) => f.throughputPlain,
          (t) => throughputCell(t[i]),
        ),
      ],
    ),
    ['3. Start-up'],
    [
      '   bundle with plugin: median s / MB',
      of(
        (f) => f.bundle,
        (b) => `${fixed(b.agents.ms.median / 1000)} / ${mb(b.agents.bytes)}`,
      ),
    ],
    [
      '   plain bundle, no plugin: median s / MB',
      of(
        (f) => f.bundle,
        (b) => `${fixed(b.plain.ms.median / 1000)} / ${mb(b.plain.bytes)}`,
      ),
    ],
    [
      '   first workflow task, agent / plain: median ms',
      of(
        (f) => f.firstTask,
        (t) => `${fixed(t.agentMs.median)} / ${fixed(t.plainMs.median)}`,
      ),
    ],
    ['4. History size: conversation of N short turns, one model call per turn'],
    ...plan.historyTurns.map(
      (turns, i): Row => [
        `   ${turns} turn${turns === 1 ? '' : 's'}: KB (events; bytes/turn since previous)`,
        of(
          (f) => f.history,
          (h) => `${kb(h[i]?.bytes ?? Number.NaN)} (${h[i]?.events}; ${h[i]?.bytesPerTurnSincePrevious})`,
        ),
      ],
    ),
    ['5. Long chat: about 2 KB per user turn, one model call per turn, one workflow run'],
    ...plan.chatTurns.map(
      (turns, i): Row => [
        `   ${turns.toLocaleString('en-US')} turns: KB (KB/turn since previous); run s`,
        of(
          (f) => f.chat,
          (chats) => {
            const chat = chats[i];
            if (!chat) return 'n/a';
            if (chat.stopped) {
              return {
                text: `stopped at turn ${chat.stopped.atTurn}`,
                note: `${chat.stopped.how}: ${chat.stopped.reason} (history ${mb(chat.bytes)} MB, ${chat.events} events, after ${fixed(chat.seconds)} s)`,
              };
            }
            return `${kb(chat.bytes)} (${kb(chat.bytesPerTurnSincePrevious ?? Number.NaN)}); ${fixed(chat.seconds)}`;
          },
        ),
      ],
    ),
    ['6. Replay: the same history replayed in one replay worker (side clock)'],
    [
      `   ${plan.replayCalls} model calls: median / p95 ms`,
      of(
        (f) => f.replay,
        (r) => ms(r.agent.ms),
      ),
    ],
    [
      `   plain workflow, ${plan.replayCalls} activities: median / p95 ms`,
      of(
        (f) => f.replay,
        (r) => ms(r.plain.ms),
      ),
    ],
    [
      `   ${plan.replayCalls} model calls / plain: CPU ms per replay (side process, all threads), median`,
      of(
        (f) => f.replay,
        (r) => `${fixed(r.agent.cpuMs?.median)} / ${fixed(r.plain.cpuMs?.median)}`,
      ),
    ],
    [
      '   added by the agent: ms (median − median)',
      of(
        (f) => f.replay,
        (r) => fixed(r.addedMedianMs),
      ),
    ],
    [
      '   worker start + first replay, agent / plain: median ms',
      of(
        (f) => f.replay,
        (r) => `${fixed(r.agent.workerStartAndFirstMs.median)} / ${fixed(r.plain.workerStartAndFirstMs.median)}`,
      ),
    ],
    [
      '   history, agent / plain: MB',
      of(
        (f) => f.replay,
        (r) => `${mb(r.agent.historyBytes)} / ${mb(r.plain.historyBytes)}`,
      ),
    ],
    [`7. Worker memory: the side process's resident set (all threads), read from /proc`],
    [
      '   idle after the warm-up / after the peak: MiB',
      of(
        (f) => f.memory,
        (m) => `${fixed(m.idleBytes / 2 ** 20)} / ${fixed(m.afterBytes / 2 ** 20)}`,
      ),
    ],
    [
      `   peak with ${plan.memoryConcurrent} agent workflows at once: MiB`,
      of(
        (f) => f.memory,
        (m) =>
          m.completed < m.concurrent
            ? {
                text: fixed(m.peakBytes / 2 ** 20),
                note: `${m.concurrent - m.completed} of the ${m.concurrent} workflows did not finish within the workflow timeout`,
              }
            : fixed(m.peakBytes / 2 ** 20),
      ),
    ],
  ];
}

/** The table, with a numbered note for each reason a figure is unavailable and each stopped chat. */
export function table(report: Report): string {
  const notes: string[] = [];
  const numbered = (note: string) => (notes.includes(note) ? notes.indexOf(note) : notes.push(note) - 1) + 1;
  const text = (cell: CellValue) => {
    if (typeof cell === 'string') return cell;
    if ('unavailable' in cell) return `unavailable [${numbered(cell.unavailable)}]`;
    return `${cell.text} [${numbered(cell.note)}]`;
  };
  const version = (key: SideKey, name: string) => report.plugins[key].versions[name] ?? '?';
  const header = ['', ...SIDE_KEYS.map((key) => report.plugins[key].package)];
  const versions = [
    ['plugin version', ...SIDE_KEYS.map((key) => version(key, SIDES[key].plugin))],
    [
      'agents SDK / Temporal SDK',
      ...SIDE_KEYS.map((key) => `${version(key, SIDES[key].agents)} / ${version(key, SIDES[key].temporal)}`),
    ],
  ];
  // A section's title has no cells and is printed as it is, outside the columns.
  const body = rows(report).map(([label, cell]) =>
    cell ? [label, ...SIDE_KEYS.map((key) => text(cell(report.plugins[key].figures)))] : [label],
  );
  const all = [header, ...versions, ...body.filter((row) => row.length > 1)];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.length === 1
      ? (row[0] ?? '')
      : row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ');
  const rule = '-'.repeat(line(header).length);
  return [
    line(header),
    rule,
    ...[...versions, ...body].map(line),
    rule,
    ...notes.map((note, i) => `[${i + 1}] ${note}`),
    ...SIDE_KEYS.flatMap((key) => report.plugins[key].notes.map((note) => `${report.plugins[key].package}: ${note}`)),
  ].join('\n');
}
