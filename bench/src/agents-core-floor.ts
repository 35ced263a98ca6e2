/**
 * The agents-core floor: what agents-core's runner alone costs per model call, for the two versions the
 * TypeScript sides run (0.20.0 under our plugin, 0.11.6 under Temporal's), in one Node process and
 * outside Temporal. Same workload as the bench's `conversation` workflow (one agent, one function
 * tool, one `run()` per user turn over the conversation so far), with a model that answers at once.
 *
 * Per model call it measures the promises made (Temporal's workflow sandbox runs a promise hook for
 * every one), the CPU time, and the CPU time with a promise hook that captures and formats a stack
 * trace per promise, as the sandbox's does. Its frames are mapped through agents-core's source maps
 * (tsx turns them on), as the sandbox maps them through the bundle's; the sandbox's hook does more
 * per promise (a Function per call, regexes, two maps), so this is a lower bound of its cost.
 *
 *   cd bench && pnpm exec tsx src/agents-core-floor.ts [--turns=20] [--rounds=10] [--no-source-maps]
 *
 * Not part of `pnpm bench` nor of the tests; see "agents-core floor" in bench/README.md.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { AGENT, LOOKUP_TOOL, lookup, SCRIPT, scriptedOutput, USAGE, userMessage } from './workload';

// --- The part of agents-core's public API the workload uses, typed structurally: the two versions'
// own declarations are different types, and each is checked against this shape below.

/** The types each version names its own way, which its API takes back: opaque to the workload. */
interface VersionTypes {
  agent: unknown;
  inputItem: unknown;
  tool: unknown;
  usage: unknown;
  outputItem: unknown;
}
interface ModelRequestLike {
  input: string | readonly unknown[];
}
interface ModelLike<Types extends VersionTypes> {
  getResponse(
    request: ModelRequestLike,
  ): Promise<{ usage: Types['usage']; output: Types['outputItem'][]; responseId?: string }>;
  getStreamedResponse(request: ModelRequestLike): AsyncIterable<never>;
}
interface TracingProcessorLike {
  onTraceStart(trace: unknown): Promise<void>;
  onTraceEnd(trace: unknown): Promise<void>;
  onSpanStart(span: unknown): Promise<void>;
  onSpanEnd(span: unknown): Promise<void>;
  shutdown(timeout?: number): Promise<void>;
  forceFlush(): Promise<void>;
}
interface AgentsCoreApi<Types extends VersionTypes> {
  Agent: new (config: { name: string; instructions: string; model: string; tools: Types['tool'][] }) => Types['agent'];
  Runner: new (config: {
    modelProvider: { getModel(modelName?: string): ModelLike<Types> };
  }) => {
    run(agent: Types['agent'], input: Types['inputItem'][]): Promise<{ history: Types['inputItem'][] }>;
  };
  tool(options: {
    name: string;
    description: string;
    parameters: typeof LOOKUP_TOOL.parameters;
    strict: true;
    /** With a JSON schema for parameters, agents-core checks the arguments and hands them over untyped. */
    execute(args: unknown): Promise<string>;
  }): Types['tool'];
  Usage: new (input: typeof USAGE) => Types['usage'];
  getGlobalTraceProvider(): { setDisabled(disabled: boolean): void };
  setTraceProcessors(processors: TracingProcessorLike[]): void;
}

// Compile-time proof that both versions' declarations fit the shape (bench/ depends on 0.20.0 itself;
// 0.11.6's declarations are read from the temporal-plugin side's node_modules).
type Fits<Module extends AgentsCoreApi<Types>, Types extends VersionTypes> = Module;
type Core020 = typeof import('@openai/agents-core');
type Core0116 = typeof import('../temporal-plugin/node_modules/@openai/agents-core');
export type AgentsCore020 = Fits<
  Core020,
  {
    agent: import('@openai/agents-core').Agent;
    inputItem: import('@openai/agents-core').AgentInputItem;
    tool: import('@openai/agents-core').Tool;
    usage: InstanceType<Core020['Usage']>;
    outputItem: import('@openai/agents-core').AgentOutputItem;
  }
>;
export type AgentsCore0116 = Fits<
  Core0116,
  {
    agent: import('../temporal-plugin/node_modules/@openai/agents-core').Agent;
    inputItem: import('../temporal-plugin/node_modules/@openai/agents-core').AgentInputItem;
    tool: import('../temporal-plugin/node_modules/@openai/agents-core').Tool;
    usage: InstanceType<Core0116['Usage']>;
    outputItem: import('../temporal-plugin/node_modules/@openai/agents-core').AgentOutputItem;
  }
>;

/** How the workload sees either version: its agent, items, tools and usage opaque, its output the script's. */
interface Opaque {
  agent: object;
  inputItem: object;
  tool: { readonly name: string };
  usage: object;
  outputItem: ReturnType<typeof scriptedOutput>[number];
}

// --- Loading both versions.

interface LoadedVersion {
  label: string;
  version: string;
  api: AgentsCoreApi<Opaque>;
  /** This copy's own trace provider: see `activate`. */
  traceProvider: unknown;
}

// Every agents-core copy keeps its trace provider on globalThis under this symbol, so two copies in
// one process would share the first one's provider. Each version gets its own, swapped in before it runs.
const TRACE_PROVIDER_KEY = Symbol.for('openai.agents.core.traceProvider');
const globalSlots = globalThis as unknown as Record<symbol, unknown>;

interface AgentsCoreManifest {
  name?: string;
  version: string;
  exports: { '.': { import: string } };
}

/** The folder and package.json of the agents-core package that holds `entry`. */
function agentsCorePackage(entry: string): { packageDir: string; manifest: AgentsCoreManifest } {
  for (let packageDir = dirname(entry); dirname(packageDir) !== packageDir; packageDir = dirname(packageDir)) {
    let manifest: AgentsCoreManifest;
    try {
      manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as AgentsCoreManifest;
    } catch {
      continue; // no package.json at this level
    }
    if (manifest.name === '@openai/agents-core') return { packageDir, manifest };
  }
  throw new Error(`No agents-core package above ${entry}`);
}

/** agents-core as `packageJsonPath`'s package resolves it, imported through its ESM entry by file URL. */
async function loadAgentsCore(label: string, packageJsonPath: string): Promise<LoadedVersion> {
  const { packageDir, manifest } = agentsCorePackage(createRequire(packageJsonPath).resolve('@openai/agents-core'));
  const esmEntry = pathToFileURL(join(packageDir, manifest.exports['.'].import)).href;
  const api = (await import(esmEntry)) as AgentsCoreApi<Opaque>;
  delete globalSlots[TRACE_PROVIDER_KEY];
  const traceProvider = api.getGlobalTraceProvider();
  return { label, version: manifest.version, api, traceProvider };
}

const settled = Promise.resolve();
/** One processor that does nothing, as an application with no exporter; it makes no promise of its own. */
const noopProcessor: TracingProcessorLike = {
  onTraceStart: () => settled,
  onTraceEnd: () => settled,
  onSpanStart: () => settled,
  onSpanEnd: () => settled,
  shutdown: () => settled,
  forceFlush: () => settled,
};

/** Makes `loaded` the copy whose trace provider is global, with tracing on or off as the plugins set it. */
function activate(loaded: LoadedVersion, tracing: boolean): void {
  globalSlots[TRACE_PROVIDER_KEY] = loaded.traceProvider;
  loaded.api.setTraceProcessors([noopProcessor]);
  loaded.api.getGlobalTraceProvider().setDisabled(!tracing);
}

// --- The workload and the measurements.

type HookMode = 'plain' | 'count' | 'stack';
const HOOK_MODES: readonly HookMode[] = ['plain', 'count', 'stack'];

interface TurnSample {
  promisesPerCall: number;
  cpuMicrosPerCall: number;
}

let promisesMade = 0;
let stacksFormatted = 0;

/** Installs the hook of `mode` for the duration of one run; returns the function that removes it. */
function installHook(mode: HookMode): () => void {
  if (mode === 'plain') return () => {};
  const stop =
    mode === 'count'
      ? v8.promiseHooks.createHook({
          init: () => {
            promisesMade++;
          },
        })
      : v8.promiseHooks.createHook({
          init: () => {
            // A stack capture and its formatting (Error.stackTraceLimit frames), read at once.
            if (new Error().stack) stacksFormatted++;
          },
        });
  return () => {
    stop();
  };
}

interface ConversationSample {
  turns: TurnSample[];
  /** The whole conversation's CPU time over its model calls: what a replay of it pays per call. */
  cpuMicrosPerCall: number;
}

/** One conversation of `turns` turns: one sample per turn, per model call, and one for the whole. */
async function converse(loaded: LoadedVersion, turns: number, mode: HookMode): Promise<ConversationSample> {
  const { api } = loaded;
  let modelCalls = 0;
  const model: ModelLike<Opaque> = {
    getResponse: async (request) => {
      modelCalls++;
      return { usage: new api.Usage(USAGE), output: scriptedOutput(request.input), responseId: SCRIPT.responseId };
    },
    getStreamedResponse: () => {
      throw new Error('The floor does not stream.');
    },
  };
  const runner = new api.Runner({ modelProvider: { getModel: () => model } });
  const lookupTool = api.tool({
    name: LOOKUP_TOOL.name,
    description: LOOKUP_TOOL.description,
    parameters: LOOKUP_TOOL.parameters,
    strict: true,
    execute: (args) => lookup(args as Parameters<typeof lookup>[0]),
  });
  const agent = new api.Agent({ ...AGENT, tools: [lookupTool] });
  const samples: TurnSample[] = [];
  let cpuMicros = 0;
  let history: object[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    const input = [...history, userMessage(turn, false)];
    const callsBefore = modelCalls;
    promisesMade = 0;
    const removeHook = installHook(mode);
    const cpuBefore = process.cpuUsage();
    const result = await runner.run(agent, input);
    const cpu = process.cpuUsage(cpuBefore);
    removeHook();
    const calls = modelCalls - callsBefore;
    history = result.history;
    cpuMicros += cpu.user + cpu.system;
    samples.push({ promisesPerCall: promisesMade / calls, cpuMicrosPerCall: (cpu.user + cpu.system) / calls });
  }
  return { turns: samples, cpuMicrosPerCall: cpuMicros / modelCalls };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function option(name: string, fallback: number): number {
  const given = process.argv.find((argument) => argument.startsWith(`--${name}=`));
  const value = given ? Number(given.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const turns = option('turns', 20);
const rounds = option('rounds', 10);
// tsx turns source maps on, so a stack trace through agents-core's dist maps its frames to the sources,
// as the sandbox's hook does through the bundle's source map. `--no-source-maps` shows the cost without.
if (process.argv.includes('--no-source-maps')) process.setSourceMapsEnabled(false);
const benchDir = fileURLToPath(new URL('..', import.meta.url));
const versions = [
  await loadAgentsCore('ours', join(benchDir, '../shared/package.json')),
  await loadAgentsCore('temporal', join(benchDir, 'temporal-plugin/package.json')),
];
const load = () =>
  os
    .loadavg()
    .map((average) => average.toFixed(2))
    .join(' ');
for (const loaded of versions) console.log(`${loaded.label}: @openai/agents-core ${loaded.version}`);
console.log(
  `${turns} turns per conversation, ${rounds} rounds, node ${process.version}, ${os.cpus().length} cores, ` +
    `source maps ${process.sourceMapsEnabled ? 'on' : 'off'}, load ${load()}`,
);

const key = (loaded: LoadedVersion, tracing: boolean, mode: HookMode) => `${loaded.version}|${tracing}|${mode}`;
const samples = new Map<string, ConversationSample[]>();
const tracingModes = [true, false];

// A warm-up conversation of every kind, discarded.
for (const loaded of versions) {
  for (const tracing of tracingModes) {
    activate(loaded, tracing);
    for (const mode of HOOK_MODES) await converse(loaded, turns, mode);
  }
}
// Round r starts with version r mod 2, and rotates the tracing and hook modes, so no kind always runs first.
for (let round = 0; round < rounds; round++) {
  const order = round % 2 ? [...versions].reverse() : versions;
  for (const loaded of order) {
    for (const tracing of round % 2 ? [...tracingModes].reverse() : tracingModes) {
      activate(loaded, tracing);
      for (let index = 0; index < HOOK_MODES.length; index++) {
        const mode = HOOK_MODES[(index + round) % HOOK_MODES.length] ?? 'plain';
        const list = samples.get(key(loaded, tracing, mode)) ?? [];
        list.push(await converse(loaded, turns, mode));
        samples.set(key(loaded, tracing, mode), list);
      }
    }
  }
}

const rows = [
  [
    'agents-core',
    'tracing',
    'promises/call',
    'µs/call plain',
    'µs/call hook',
    'conv. µs/call plain',
    'conv. µs/call hook',
  ],
];
for (const loaded of versions) {
  for (const tracing of tracingModes) {
    const conversations = (mode: HookMode) => samples.get(key(loaded, tracing, mode)) ?? [];
    const perTurn = (mode: HookMode, figure: keyof TurnSample) =>
      median(conversations(mode).flatMap((conversation) => conversation.turns.map((turn) => turn[figure])));
    const perConversation = (mode: HookMode) =>
      median(conversations(mode).map((conversation) => conversation.cpuMicrosPerCall));
    rows.push([
      loaded.version,
      tracing ? 'on' : 'off',
      perTurn('count', 'promisesPerCall').toFixed(0),
      perTurn('plain', 'cpuMicrosPerCall').toFixed(0),
      perTurn('stack', 'cpuMicrosPerCall').toFixed(0),
      perConversation('plain').toFixed(0),
      perConversation('stack').toFixed(0),
    ]);
  }
}
const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
console.log(
  `promises/call and µs/call: medians over ${rounds} rounds x ${turns} turns (one model call per turn); ` +
    `conv. µs/call: median over the ${rounds} conversations of their CPU time / model calls. ` +
    `hook: a promise hook that formats a stack trace per promise (${stacksFormatted} formatted). ` +
    `Load at the end ${load()}.`,
);
