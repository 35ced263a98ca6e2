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
 * With --categories, self time by category (the sandbox's promise hook and stack capture, agents-core's runner,
 * its tracing, the plugin's own code, zod, payload conversion, the Temporal SDK, V8's GC, ...; see `categoryOf`),
 * in ms divided by --per (the replays or model calls the profile covers) and as a share of the busy time;
 * with --sum, one table for all the files given (--per then counts over all of them); with --minus F, less the same categories of profile F (a shorter run of the same process: what the
 * extra work of the longer run cost, without the start that both share).
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
    categories: { type: 'boolean', default: false },
    per: { type: 'string', default: '1' },
    minus: { type: 'string' },
    sum: { type: 'boolean', default: false },
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

/** vm-shared.js's promise hook and its prepareStackTrace (with the source-map lookups it makes). */
const STACK_CAPTURE = new Set(['init', 'Error.prepareStackTrace', 'getActivator', 'formatCallsiteName']);

/** The plugin's own modules: this repo's shared/ in a bundle or a worker, and Temporal's TS plugin. */
const PLUGIN =
  /^(\.\/src\/|(\.\.\/)*shared\/(src|dist)\/|openai-agents-temporal\/|@temporalio\/openai-agents\/|@temporalio\/plugin\/)/;

/**
 * A sample's category. The stack decides first: anything run by Temporal's promise hook (`init` in
 * vm-shared.js, for every promise made in workflow code) or by its `prepareStackTrace` (source-map lookups
 * of every frame) is the sandbox's stack capture, whatever it calls. Otherwise the module of the innermost
 * frame that has a script (builtins such as JSON.stringify count for their caller).
 */
function categoryOf(stack: ProfileNode['callFrame'][]): string {
  const leaf = stack[0];
  if (!leaf) return 'other';
  if (leaf.functionName === '(garbage collector)') return 'V8 GC';
  if (leaf.functionName === '(program)') return 'V8 (program: compiler, runtime)';
  if (leaf.functionName === '(idle)') return '(idle)';
  if (stack.some((frame) => frame.url.endsWith('node:inspector') || frame.url === 'node:inspector'))
    return '(profiler)';
  if (stack.some((frame) => STACK_CAPTURE.has(frame.functionName) && frame.url.includes('workflow/vm-shared.js')))
    return 'sandbox promise hook, stack capture, source maps';
  // The reusable vm's own time per activation (swapping the workflow's globals in, the microtask queue).
  if (leaf.functionName === 'runInContext' && leaf.url === '') return 'sandbox vm: activation entry, microtasks';
  const framed = stack.find((frame) => frame.url !== '');
  if (!framed) return leaf.functionName.startsWith('temporal_sdk') ? 'Temporal core bridge (native)' : 'other';
  const module = moduleOf(framed);
  // Loading the worker's own modules when its threads start (tsx compiles TypeScript for `node --import tsx`).
  if (/^(tsx\/|node:internal\/(modules|bootstrap|fs\/read|main)|esbuild\/)/.test(module)) return '(module loading)';
  if (/^@openai\/agents-core\/dist\/tracing\//.test(module)) return 'agents-core tracing';
  if (/^@openai\/agents-core\//.test(module)) return 'agents-core runner';
  if (PLUGIN.test(module)) return "the plugin's own code";
  if (/^(@ungap\/structured-clone|core-js)\//.test(module)) return 'polyfills (structuredClone)';
  if (/^(zod|@openai\/zod|zod-to-json-schema)\//.test(module)) return 'zod, JSON schema';
  if (
    /^(@temporalio\/common\/lib\/(converter|encoding|proto-utils)|protobufjs|@protobufjs|@temporalio\/proto|long\/|node:internal\/encoding|node:buffer)/.test(
      module,
    )
  )
    return 'payload conversion (JSON, protobuf)';
  if (/^(@temporalio\/|rxjs\/|bundle runtime|node:vm)/.test(module)) return "Temporal SDK's other code";
  return `other`;
}

/** Self time by category, in µs. */
function categorize(profile: Profile): { byCategory: Map<string, number>; others: Map<string, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byCategory = new Map<string, number>();
  const others = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const stack: ProfileNode['callFrame'][] = [];
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) stack.push(frame);
    }
    const category = categoryOf(stack);
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    if (category === 'other') {
      const framed = stack.find((frame) => frame.url !== '') ?? stack[0];
      const key = framed ? moduleOf(framed) || framed.functionName : '?';
      others.set(key, (others.get(key) ?? 0) + us);
    }
  }
  return { byCategory, others };
}

function printCategories(profiles: Profile[]): void {
  const byCategory = new Map<string, number>();
  const others = new Map<string, number>();
  for (const profile of profiles) {
    const one = categorize(profile);
    for (const [key, us] of one.byCategory) byCategory.set(key, (byCategory.get(key) ?? 0) + us);
    for (const [key, us] of one.others) others.set(key, (others.get(key) ?? 0) + us);
  }
  if (values.minus) {
    const baseline = categorize(JSON.parse(readFileSync(values.minus, 'utf8')) as Profile);
    for (const [key, us] of baseline.byCategory) byCategory.set(key, (byCategory.get(key) ?? 0) - us);
    for (const [key, us] of baseline.others) others.set(key, (others.get(key) ?? 0) - us);
  }
  const per = Number(values.per);
  const counted = [...byCategory].filter(([key]) => !key.startsWith('('));
  const total = counted.reduce((sum, [, us]) => sum + us, 0);
  console.log(
    `  by category${values.minus ? `, less ${basename(values.minus)}` : ''}, ms${per === 1 ? '' : ` / ${per}`} and share of ${(total / 1000 / per).toFixed(1)} ms (idle, the profiler and module loading left out)`,
  );
  for (const [key, us] of [...byCategory].sort((a, b) => b[1] - a[1])) {
    const share = key.startsWith('(') ? '      ' : `${((100 * us) / Math.max(1, total)).toFixed(1).padStart(5)}%`;
    console.log(`${(us / 1000 / per).toFixed(1).padStart(11)} ms ${share}  ${key}`);
  }
  const topOthers = [...others].sort((a, b) => b[1] - a[1]).slice(0, 5);
  if (topOthers.length > 0)
    console.log(`  other: ${topOthers.map(([key, us]) => `${key} ${(us / 1000 / per).toFixed(1)} ms`).join(', ')}`);
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
  if (values.categories && !values.sum) printCategories([profile]);
}
if (values.categories && values.sum) {
  console.log(`\n${files.length} profiles: ${files.map((file) => basename(file)).join(', ')}`);
  printCategories(files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Profile));
}
