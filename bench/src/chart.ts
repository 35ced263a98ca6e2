/** The report as a PNG: one small grouped bar chart per figure, the three sides side by side. */
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import * as PImage from 'pureimage';
import { SIDE_KEYS } from './measure';
import { fixed, pick, type Report, SIDES } from './report';

type Context = ReturnType<ReturnType<typeof PImage.make>['getContext']>;

/** A bar's value, or the label drawn instead of a bar (n/a, where a chat stopped). */
type Bar = number | { label: string } | undefined;

interface Panel {
  title: string;
  groups: string[];
  /** values[group][side]. */
  values: Bar[][];
}

const COLORS = ['#2563eb', '#93c5fd', '#ea580c', '#16a34a'];
/** The panels are laid out in two rows of this size; the image is as wide as its columns need. */
const PANEL_WIDTH = 380;
const ROWS = 2;
const GAP = 16;
const HEIGHT = 940;
const FONT = 'DejaVu';

function panels(report: Report): Panel[] {
  const sides = SIDE_KEYS.map((key) => report.plugins[key].figures);
  const each = (read: (f: (typeof sides)[number]) => Bar) => sides.map(read);
  const { plan } = report;
  return [
    {
      title: 'Step per call, median (ms)',
      groups: ['model call', 'bare activity', 'added by model'],
      values: [
        each((f) => pick(f.modelCall, (m) => m.modelStepMs.median)),
        each((f) => pick(f.modelCall, (m) => m.bareStepMs.median)),
        each((f) => pick(f.modelCall, (m) => m.addedMs.median)),
      ],
    },
    {
      title: 'Model call step / bare activity step',
      groups: ['median', 'p95'],
      values: [each((f) => pick(f.modelCall, (m) => m.ratioMedian)), each((f) => pick(f.modelCall, (m) => m.ratioP95))],
    },
    {
      title: 'Throughput (agent workflows/s, median)',
      groups: plan.concurrency.map((c) => `${c} concurrent`),
      values: plan.concurrency.map((_, i) => each((f) => pick(f.throughput, (t) => t[i]?.workflowsPerSecond))),
    },
    {
      title: 'Throughput (plain workflows/s, median)',
      groups: plan.concurrency.map((c) => `${c} concurrent`),
      values: plan.concurrency.map((_, i) => each((f) => pick(f.throughputPlain, (t) => t[i]?.workflowsPerSecond))),
    },
    {
      title: 'First workflow task (ms, median)',
      groups: ['agent', 'plain'],
      values: [
        each((f) => pick(f.firstTask, (t) => t.agentMs.median)),
        each((f) => pick(f.firstTask, (t) => t.plainMs.median)),
      ],
    },
    {
      title: 'Bundle time (s, median)',
      groups: ['with plugin', 'plain'],
      values: [
        each((f) => pick(f.bundle, (b) => b.agents.ms.median / 1000)),
        each((f) => pick(f.bundle, (b) => b.plain.ms.median / 1000)),
      ],
    },
    {
      title: 'History, short turns (KB)',
      groups: plan.historyTurns.map((t) => `${t} turn${t === 1 ? '' : 's'}`),
      values: plan.historyTurns.map((_, i) => each((f) => pick(f.history, (h) => (h[i]?.bytes ?? 0) / 1024))),
    },
    {
      title: 'Long chat, 2 KB turns: history (MB)',
      groups: plan.chatTurns.map((t) => `${t} turns`),
      values: plan.chatTurns.map((_, i) =>
        each((f) =>
          pick(f.chat, (chats): Bar => {
            const chat = chats[i];
            if (!chat) return undefined;
            return chat.stopped ? { label: `stop@${chat.stopped.atTurn}` } : chat.bytes / 1024 / 1024;
          }),
        ),
      ),
    },
    {
      title: `Replay, ${plan.replayCalls} calls vs plain (s, median)`,
      groups: ['agent', 'agent, CPU', 'plain', 'first (agent)'],
      values: [
        each((f) => pick(f.replay, (r) => r.agent.ms.median / 1000)),
        each((f) => pick(f.replay, (r) => (r.agent.cpuMs ? r.agent.cpuMs.median / 1000 : undefined))),
        each((f) => pick(f.replay, (r) => r.plain.ms.median / 1000)),
        each((f) => pick(f.replay, (r) => r.agent.workerStartAndFirstMs.median / 1000)),
      ],
    },
    {
      title: 'Worker memory (MiB)',
      groups: ['idle', `peak, ${plan.memoryConcurrent} at once`],
      values: [
        each((f) => pick(f.memory, (m) => m.idleBytes / 2 ** 20)),
        each((f) => pick(f.memory, (m) => m.peakBytes / 2 ** 20)),
      ],
    },
  ];
}

function text(ctx: Context, value: string, x: number, y: number, size: number, align: 'left' | 'center' = 'left') {
  ctx.font = `${size}px ${FONT}`;
  ctx.fillStyle = '#111827';
  const width = ctx.measureText(value).width;
  ctx.fillText(value, align === 'center' ? x - width / 2 : x, y);
}

function drawPanel(ctx: Context, panel: Panel, x: number, y: number, w: number, h: number) {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x, y, w, h);
  text(ctx, panel.title, x + 12, y + 24, 16);
  const plot = { x: x + 16, y: y + 60, w: w - 32, h: h - 110 };
  const max = Math.max(...panel.values.flat().map((v) => (typeof v === 'number' ? v : 0)), 1e-9) * 1.1;
  const base = plot.y + plot.h;
  ctx.fillStyle = '#9ca3af';
  ctx.fillRect(plot.x, base, plot.w, 1);
  const groupWidth = plot.w / panel.groups.length;
  const barWidth = Math.min(48, (groupWidth * 0.7) / SIDE_KEYS.length);
  panel.groups.forEach((group, g) => {
    const center = plot.x + groupWidth * (g + 0.5);
    SIDE_KEYS.forEach((_, s) => {
      const value = panel.values[g]?.[s];
      const left = center - barWidth * (SIDE_KEYS.length / 2) + barWidth * s;
      const height = typeof value === 'number' ? (value / max) * plot.h : 0;
      ctx.fillStyle = COLORS[s] ?? '#000000';
      ctx.fillRect(left + 2, base - height, barWidth - 4, height);
      const label = typeof value === 'number' ? fixed(value) : (value?.label ?? 'n/a');
      text(ctx, label, left + barWidth / 2, base - height - 6, 11, 'center');
    });
    text(ctx, group, center, base + 20, 13, 'center');
  });
}

export async function writeChart(report: Report, file: string): Promise<void> {
  const fontPath = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  PImage.registerFont(fontPath, FONT).loadSync();
  const list = panels(report);
  const columns = Math.ceil(list.length / ROWS);
  const width = GAP + columns * (PANEL_WIDTH + GAP);
  const image = PImage.make(width, HEIGHT);
  const ctx = image.getContext('2d');
  ctx.fillStyle = '#f3f4f6';
  ctx.fillRect(0, 0, width, HEIGHT);
  const title = 'What durability costs: the same agent workload on three plugins (ours by default and in fast mode)';
  text(ctx, `${title}${report.quick ? ' (QUICK RUN: few repetitions)' : ''}`, 20, 34, 24);
  const m = report.machine;
  const subtitle =
    `${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC, ${m.cpus} cores, Node ${m.node}, ` +
    `load ${m.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')} at start; local dev server, scripted model, ` +
    'sides in rotating order. Lower is better, except throughput.';
  text(ctx, subtitle, 20, 60, 14);
  // The legend wraps onto a second line when the sides' labels do not fit in one.
  let x = 20;
  let y = 74;
  SIDE_KEYS.forEach((key, s) => {
    const v = report.plugins[key].versions;
    const names = SIDES[key];
    const label = `${names.package} ${v[names.plugin] ?? ''} (${names.agents} ${v[names.agents] ?? '?'})`;
    ctx.font = `14px ${FONT}`;
    const labelWidth = 26 + ctx.measureText(label).width;
    if (x > 20 && x + labelWidth > width - 20) {
      x = 20;
      y += 24;
    }
    ctx.fillStyle = COLORS[s] ?? '#000000';
    ctx.fillRect(x, y, 18, 18);
    text(ctx, label, x + 26, y + 15, 14);
    x += labelWidth + 36;
  });
  const top = y + 34;
  const h = (HEIGHT - top - GAP * ROWS) / ROWS;
  list.forEach((panel, i) => {
    const left = GAP + (i % columns) * (PANEL_WIDTH + GAP);
    drawPanel(ctx, panel, left, top + Math.floor(i / columns) * (h + GAP), PANEL_WIDTH, h);
  });
  await PImage.encodePNGToStream(image, createWriteStream(file));
}
