/**
 * The top self-time functions of V8 CPU profiles (`node --cpu-prof`), one table per profile file:
 *
 *   tsx perf/profile-summary.ts <file-or-folder>... [--top 25] [--min-ms 200] [--inclusive f,g]
 *
 * With --inclusive, also each named function's (`name`, or `name@part-of-its-script-url`) inclusive time (samples with it anywhere on the stack,
 * counted once), its callers (the frame below its outermost occurrence) and its callees (the frame
 * above it), largest first. With --by-module, self time per module of the workflow bundle (the bundles
 * the harness keeps in perf/results/bundles) or package, and the promise hook's time (Temporal's
 * `init` in vm-shared.js, run for every promise made in workflow code) by the module whose code made
 * the promise.
 * Self time is summed per function (name and script position), so a function that appears in many
 * call stacks counts once. Profiles shorter than --min-ms are skipped (idle helper threads).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    'min-ms': { type: 'string', default: '200' },
    inclusive: { type: 'string', default: '' },
    'by-module': { type: 'boolean', default: false },
    bundles: { type: 'string', default: join(import.meta.dirname, 'results', 'bundles') },
  },
});
const top = Number(values.top);
const minMs = Number(values['min-ms']);
const inclusiveNames = (values.inclusive ?? '').split(',').filter(Boolean);

const files = positionals.flatMap((path) =>
  statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(path, name))
    : [path],
);

/** A script's short name: the bundle, a package, or a file of this repo. */
function where(url: string, line: number): string {
  if (!url) return '';
  const packageMatch = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  const short = packageMatch ? `${packageMatch[1]}/${packageMatch[2]}` : url.replace(/^.*\/work\/main\//, '');
  return `${short}:${line + 1}`;
}

/** `name`, or `name@part` for the function of that name in a script whose URL contains `part`. */
function matches(frame: ProfileNode['callFrame'] | undefined, pattern: string): boolean {
  if (!frame) return false;
  const [name, urlPart] = pattern.split('@');
  return frame.functionName === name && (urlPart === undefined || frame.url.includes(urlPart));
}

function printInclusive(
  profile: Profile,
  byId: Map<number, ProfileNode>,
  selfUs: Map<number, number>,
  busyUs: number,
): void {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  for (const name of inclusiveNames) {
    let totalUs = 0;
    const callers = new Map<string, number>();
    const callees = new Map<string, number>();
    for (const [id, us] of selfUs) {
      // The outermost occurrence of `name` on this sample's stack, the frame that called it, and the one it called.
      let outermost: number | undefined;
      let callee: number | undefined;
      let above: number | undefined;
      for (let at: number | undefined = id; at !== undefined; above = at, at = parentOf.get(at)) {
        if (matches(byId.get(at)?.callFrame, name)) {
          outermost = at;
          callee = above;
        }
      }
      if (outermost === undefined) continue;
      totalUs += us;
      const calleeFrame = callee === undefined ? undefined : byId.get(callee)?.callFrame;
      const calleeKey = calleeFrame
        ? `${calleeFrame.functionName || '(anonymous)'}  ${where(calleeFrame.url, calleeFrame.lineNumber)}`
        : '(self)';
      callees.set(calleeKey, (callees.get(calleeKey) ?? 0) + us);
      const caller = byId.get(parentOf.get(outermost) ?? -1)?.callFrame;
      const key = caller
        ? `${caller.functionName || '(anonymous)'}  ${where(caller.url, caller.lineNumber)}`
        : '(root)';
      callers.set(key, (callers.get(key) ?? 0) + us);
    }
    console.log(
      `  inclusive ${name}: ${(totalUs / 1000).toFixed(1)} ms, ${((100 * totalUs) / Math.max(1, busyUs)).toFixed(1)}%`,
    );
    for (const [key, us] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
      console.log(`      ${(us / 1000).toFixed(1).padStart(8)} ms  from ${key}`);
    }
    for (const [key, us] of [...callees].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      console.log(`      ${(us / 1000).toFixed(1).padStart(8)} ms  calls ${key}`);
    }
  }
}

const bundleModules = new Map<string, { starts: number[]; names: string[] } | undefined>();

// The webpack module at a line of a bundle: development bundles put a line `/***/ "<path>"` before each module.
function bundleModuleAt(url: string, line: number): string | undefined {
  const file = /workflow-bundle-[0-9a-f]+\.js$/.exec(url)?.[0];
  if (!file) return undefined;
  if (!bundleModules.has(file)) {
    let index: { starts: number[]; names: string[] } | undefined;
    try {
      const lines = readFileSync(join(values.bundles ?? '', file), 'utf8').split('\n');
      index = { starts: [], names: [] };
      lines.forEach((text, at) => {
        const header = /^\/\*\*\*\/ "(.+)"/.exec(text);
        if (header?.[1]) {
          index?.starts.push(at);
          index?.names.push(header[1]);
        }
      });
    } catch {
      index = undefined;
    }
    bundleModules.set(file, index);
  }
  const index = bundleModules.get(file);
  if (!index) return 'bundle (not kept)';
  let found = 'bundle runtime';
  for (let i = 0; i < index.starts.length && (index.starts[i] ?? Infinity) <= line; i++)
    found = index.names[i] ?? found;
  return shortModule(found);
}

function shortModule(path: string): string {
  const packageMatch = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (packageMatch) return `${packageMatch[1]}/${packageMatch[2]}`;
  return path.replace(/^(\.\.\/)+/, '');
}

function moduleOf(frame: ProfileNode['callFrame']): string {
  return (
    bundleModuleAt(frame.url, frame.lineNumber) ??
    (frame.url ? where(frame.url, -1).replace(/:0$/, '') : frame.functionName)
  );
}

function printByModule(profile: Profile, byId: Map<number, ProfileNode>, selfUs: Map<number, number>, busyUs: number) {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfByModule = new Map<string, number>();
  const hookByModule = new Map<string, number>();
  let hookUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const module = moduleOf(frame);
    selfByModule.set(module, (selfByModule.get(module) ?? 0) + us);
    // The promise hook's samples, by the innermost bundle frame below the hook: the code that made the promise.
    let hook: number | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      if (matches(byId.get(at)?.callFrame, 'init@vm-shared')) hook = at;
    }
    if (hook === undefined) continue;
    hookUs += us;
    let maker = 'unknown';
    for (let at = parentOf.get(hook); at !== undefined; at = parentOf.get(at)) {
      const below = byId.get(at)?.callFrame;
      const inBundle = below && bundleModuleAt(below.url, below.lineNumber);
      if (inBundle) {
        maker = inBundle;
        break;
      }
    }
    hookByModule.set(maker, (hookByModule.get(maker) ?? 0) + us);
  }
  const table = (title: string, rows: Map<string, number>, total: number) => {
    console.log(`  ${title}`);
    for (const [key, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(
        `${(us / 1000).toFixed(1).padStart(11)} ms ${((100 * us) / Math.max(1, total)).toFixed(1).padStart(5)}%  ${key}`,
      );
    }
  };
  table('self time by module (% of busy)', selfByModule, busyUs);
  table(
    `promise hook, ${(hookUs / 1000).toFixed(0)} ms: by the module that made the promise (% of hook)`,
    hookByModule,
    hookUs,
  );
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  if (totalMs < minMs) continue;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const name = frame.functionName || '(anonymous)';
    if (name !== '(idle)' && name !== '(program)') busyUs += us;
    const key = `${name}  ${where(frame.url, frame.lineNumber)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(
    `\n${basename(file)}: ${totalMs.toFixed(0)} ms profiled, ${(busyUs / 1000).toFixed(0)} ms busy (not idle/program)`,
  );
  for (const [key, us] of rows) {
    console.log(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / Math.max(1, busyUs)).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
  if (inclusiveNames.length > 0) printInclusive(profile, byId, selfUs, busyUs);
  if (values['by-module']) printByModule(profile, byId, selfUs, busyUs);
}
