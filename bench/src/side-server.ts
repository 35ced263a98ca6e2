/**
 * A TypeScript side's process (bench/ours/side.ts, bench/temporal-plugin/src/side.ts): serves the
 * driver's requests (bench/src/protocol.ts) with the side's own SDK and plugin.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Hello, Request, Requests, Response, Results } from './protocol';
import type { WorkflowName } from './workload';

export interface SideImplementation {
  /** The workflow code: the agent workflows with the plugin, or the plain workflow without it. */
  bundle(kind: 'agents' | 'plain'): Promise<string>;
  /** Starts one worker running `code`; resolves once it runs, to a function that stops it. */
  startWorker(code: string): Promise<() => Promise<void>>;
  execute(workflow: WorkflowName, args: unknown[], workflowId: string, timeoutSeconds: number): Promise<unknown>;
  /** Replays a finished run's history `times` times in one replay worker, yielding after each replay. */
  replay(workflowId: string, code: string, times: number): AsyncIterable<void>;
  /** Closes the client's connection. */
  close(): Promise<void>;
}

/** The dev server the driver started (bench/src/main.ts). */
export function benchAddress(): string {
  const address = process.env.BENCH_TEMPORAL_ADDRESS;
  if (!address) throw new Error('BENCH_TEMPORAL_ADDRESS is not set: run the bench with `pnpm bench`.');
  return address;
}

/** The versions a side pins in its package.json, by package name. */
export function pinnedVersions(packageJson: URL, names: string[]): Record<string, string> {
  const { dependencies } = JSON.parse(readFileSync(packageJson, 'utf8')) as { dependencies: Record<string, string> };
  return Object.fromEntries(names.map((name) => [name, dependencies[name] ?? '']));
}

const TUNABLE = ['workflowThreadPoolSize', 'maxConcurrentWorkflowTaskExecutions', 'maxCachedWorkflows'] as const;

/** Worker options a tuning A/B may add on both TypeScript sides (never set by `pnpm bench` itself). */
export type TypeScriptWorkerTuning = Partial<Record<(typeof TUNABLE)[number], number>>;

/**
 * `BENCH_TS_WORKER_OPTIONS='{"workflowThreadPoolSize":2}'`: options both TypeScript sides' workers get on
 * top of WORKER_OPTIONS, so that a tuning A/B changes both sides alike. Empty by default.
 */
export function typeScriptWorkerTuning(text = process.env.BENCH_TS_WORKER_OPTIONS): TypeScriptWorkerTuning {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  const tuning: TypeScriptWorkerTuning = {};
  if (typeof parsed !== 'object' || parsed === null) throw new Error('BENCH_TS_WORKER_OPTIONS must be a JSON object');
  for (const [name, value] of Object.entries(parsed)) {
    const known = TUNABLE.find((option) => option === name);
    if (!known || !Number.isInteger(value) || value < 1) {
      throw new Error(`BENCH_TS_WORKER_OPTIONS: ${name} is not one of ${TUNABLE.join(', ')} with a whole number >= 1`);
    }
    tuning[known] = value;
  }
  return tuning;
}

/** webpack's report goes to the logger at info level; keep warnings and errors, on stderr. */
export const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

const send = (message: Hello | Response) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** An error's message with its causes' ("Workflow execution failed: <the termination reason>"). */
function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current !== undefined && messages.length < 5; ) {
    messages.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages.join(': ');
}

/** Answers the driver's requests until it asks the side to stop. */
export async function serveSide(versions: Record<string, string>, side: SideImplementation): Promise<void> {
  let agentsCode: string | undefined;
  let stopWorker: (() => Promise<void>) | undefined;
  const code = async () => {
    agentsCode ??= await side.bundle('agents');
    return agentsCode;
  };
  const handlers: { [K in keyof Requests]: (request: Requests[K]) => Promise<Results[K]> } = {
    bundle: async ({ kind }) => {
      const started = performance.now();
      const bundled = await side.bundle(kind);
      const ms = performance.now() - started;
      if (kind === 'agents') agentsCode = bundled;
      return { ms, bytes: Buffer.byteLength(bundled) };
    },
    startWorker: async () => {
      if (stopWorker) throw new Error('the worker is already running');
      stopWorker = await side.startWorker(await code());
      return {};
    },
    execute: async ({ workflow, args, workflowId, timeoutSeconds }) => ({
      result: await side.execute(workflow, args, workflowId, timeoutSeconds),
    }),
    replay: async ({ workflowId, times }) => {
      const bundled = await code();
      const ms: number[] = [];
      const cpuMs: number[] = [];
      let last = performance.now();
      let lastCpu = process.cpuUsage();
      for await (const _ of side.replay(workflowId, bundled, times)) {
        const cpu = process.cpuUsage(lastCpu);
        ms.push(performance.now() - last);
        cpuMs.push((cpu.user + cpu.system) / 1000);
        last = performance.now();
        lastCpu = process.cpuUsage();
      }
      return { ms, cpuMs };
    },
    stop: async () => {
      await stopWorker?.();
      stopWorker = undefined;
      await side.close();
      return {};
    },
  };
  const handle = (request: Request) => (handlers[request.op] as (r: Request) => Promise<unknown>)(request);
  send({ ready: { versions } });
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const request = JSON.parse(line) as Request;
    const answered = handle(request).then(
      (ok) => send({ id: request.id, ok }),
      (error: unknown) => send({ id: request.id, error: describeError(error) }),
    );
    if (request.op === 'stop') {
      await answered;
      break;
    }
  }
}
