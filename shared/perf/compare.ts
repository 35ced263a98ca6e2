/**
 * Compares copies of the plugin package on the same machine and the same recorded histories: runs
 * `harness.ts <command> --json` in each copy in turn, round after round, rotating which goes first,
 * so a busy machine disturbs all alike; prints the medians over the rounds.
 *
 *   tsx perf/compare.ts <package A> <package B> [<package C> ...] [--rounds 4] [--command replay] [-- <harness options>]
 *
 * A package folder is a copy of `shared/` (its src, package.json and perf/, and node_modules as a link
 * to this one's); its `perf/results` should be a link to this one's, so all replay the same history.
 * perf/README.md shows how to make one.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '4' }, command: { type: 'string', default: 'replay' } },
});
const dashDash = process.argv.indexOf('--');
const harnessOptions = dashDash === -1 ? [] : process.argv.slice(dashDash + 1);
const packages = dashDash === -1 ? positionals : positionals.slice(0, positionals.length - harnessOptions.length);
if (packages.length < 2)
  throw new Error('usage: compare.ts <package A> <package B> [...] [--rounds N] [-- harness options]');
const rounds = Number(values.rounds);
/** tsx's loader, so that the harness runs from any copy with `node --import`. */
const loader = fileURLToPath(import.meta.resolve('tsx'));

function run(packageDir: string): Map<string, number> {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      loader,
      join(packageDir, 'perf', 'harness.ts'),
      values.command ?? 'replay',
      '--json',
      ...harnessOptions,
    ],
    { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  return leaves(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
}

/** Every numeric leaf of the figures, as `path.to.value`. */
function leaves(value: unknown, prefix = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) leaves(item, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

const results = packages.map(() => [] as Map<string, number>[]);
for (let round = 0; round < rounds; round++) {
  for (let turn = 0; turn < packages.length; turn++) {
    const index = (round + turn) % packages.length;
    results[index]?.push(run(packages[index] ?? ''));
    console.error(`round ${round + 1}/${rounds}: ${packages[index]} done`);
  }
}

const letters = packages.map((_, index) => String.fromCharCode(65 + index));
console.log('');
for (const [index, dir] of packages.entries()) console.log(`${letters[index]}: ${dir}`);
console.log(`${rounds} rounds; medians over the rounds (min in brackets); ratios of the medians to A`);
const names = [...(results[0]?.[0]?.keys() ?? [])].filter((name) => /(median|Ms|addedPerCallMs|addedMs)$/.test(name));
console.log(
  [
    'figure'.padEnd(44),
    ...letters.map((letter) => letter.padStart(17)),
    ...letters.slice(1).map((l) => `${l}/A`.padStart(7)),
  ].join(' '),
);
for (const name of names) {
  const medians = results.map((runs) => median(runs.map((figures) => figures.get(name) ?? NaN)));
  const mins = results.map((runs) => Math.min(...runs.map((figures) => figures.get(name) ?? NaN)));
  const base = medians[0] ?? NaN;
  console.log(
    [
      name.padEnd(44),
      ...medians.map((value, index) => `${value.toFixed(1)} (${mins[index]?.toFixed(1)})`.padStart(17)),
      ...medians.slice(1).map((value) => (value / base).toFixed(3).padStart(7)),
    ].join(' '),
  );
}
