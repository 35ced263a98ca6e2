/** The bench's JSON report, and the table printed from it. */
import { isUnavailable, type Maybe, type Plan, type SideFigures, type Stats, type Unavailable } from './measure';

export const SIDE_KEYS = ['ours', 'temporal'] as const;
export type SideKey = (typeof SIDE_KEYS)[number];

export interface SideReport {
  package: string;
  versions: Record<string, string>;
  /** The machine's 1, 5 and 15 minute load averages when this side's process started. */
  loadAverageAtStart: number[];
  notes: string[];
  figures: SideFigures;
}

export interface Report {
  generatedAt: string;
  durationSeconds: number;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverageAtStart: number[] };
  server: string;
  workload: Record<string, string>;
  plan: Plan;
  plugins: Record<SideKey, SideReport>;
}

/** A figure's value, or undefined when it is unavailable. */
export function pick<T, R>(figure: Maybe<T>, read: (figure: T) => R | undefined): R | undefined {
  return isUnavailable(figure) ? undefined : read(figure);
}

export const fixed = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const ms = (s: Stats) => `${fixed(s.median)} / ${fixed(s.p95)}`;

type Cell = (f: SideFigures) => string | Unavailable;
type Row = [label: string, cell?: Cell];

/** A cell of one figure: its text, or the reason it is unavailable. */
const of =
  <T>(read: (f: SideFigures) => Maybe<T>, format: (figure: T) => string): Cell =>
  (f) => {
    const figure = read(f);
    return isUnavailable(figure) ? figure : format(figure);
  };

function rows(plan: Plan): Row[] {
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
      '   ratio model / bare, median / p95',
      of(
        (f) => f.modelCall,
        (m) => `${m.ratioMedian} / ${m.ratioP95}`,
      ),
    ],
    ['2. Throughput: agent workflows (3 model calls + 1 tool activity), one worker'],
    ...plan.concurrency.map(
      (c, i): Row => [
        `   ${c} concurrent: workflows/s (median latency ms)`,
        of(
          (f) => f.throughput,
          (t) => `${fixed(t[i]?.workflowsPerSecond)} (${fixed(t[i]?.latencyMs.median)})`,
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
    ['4. History size: conversation of N turns, one model call per turn'],
    ...plan.historyTurns.map(
      (turns, i): Row => [
        `   ${turns} turn${turns === 1 ? '' : 's'}: KB (events; bytes/turn since previous)`,
        of(
          (f) => f.history,
          (h) => `${fixed((h[i]?.bytes ?? Number.NaN) / 1024)} (${h[i]?.events}; ${h[i]?.bytesPerTurnSincePrevious})`,
        ),
      ],
    ),
    ['5. Replay'],
    [
      `   a history of ${plan.replayCalls} model calls: median / p95 ms`,
      of(
        (f) => f.replay,
        (r) => ms(r.ms),
      ),
    ],
    [
      '   replay worker start + first replay: ms (history MB)',
      of(
        (f) => f.replay,
        (r) => `${fixed(r.workerStartAndFirstMs)} (${mb(r.historyBytes)})`,
      ),
    ],
  ];
}

/** The table, with a numbered note for each reason a figure is unavailable. */
export function table(report: Report): string {
  const notes: string[] = [];
  const text = (cell: string | Unavailable) => {
    if (typeof cell === 'string') return cell;
    const index = notes.includes(cell.unavailable) ? notes.indexOf(cell.unavailable) : notes.push(cell.unavailable) - 1;
    return `unavailable [${index + 1}]`;
  };
  const header = ['', ...SIDE_KEYS.map((key) => report.plugins[key].package)];
  const versions = [
    'agents-core / Temporal SDK',
    ...SIDE_KEYS.map((key) => {
      const v = report.plugins[key].versions;
      return `${v['@openai/agents-core']} / ${v['@temporalio/worker']}`;
    }),
  ];
  const load = [
    'load average when the side started',
    ...SIDE_KEYS.map((key) => report.plugins[key].loadAverageAtStart.join(' ')),
  ];
  const body = rows(report.plan).map(([label, cell]) => [
    label,
    ...SIDE_KEYS.map((key) => (cell ? text(cell(report.plugins[key].figures)) : '')),
  ]);
  const all = [header, versions, load, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ');
  const rule = '-'.repeat(line(header).length);
  return [
    line(header),
    rule,
    ...[versions, load, ...body].map(line),
    rule,
    ...notes.map((note, i) => `[${i + 1}] ${note}`),
    ...SIDE_KEYS.flatMap((key) => report.plugins[key].notes.map((note) => `${report.plugins[key].package}: ${note}`)),
  ].join('\n');
}
