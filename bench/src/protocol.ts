/**
 * How the driver (bench/src/main.ts) talks to a side process: JSON lines. The driver writes requests to
 * the side's stdin; the side writes one `Hello` line, then one `Response` per request, to its stdout (its
 * logs go to stderr). Requests may overlap (the throughput figure keeps up to 100 `execute`s in flight),
 * so responses carry the request's id. The TypeScript sides serve it with bench/src/side-server.ts, the
 * Python side with bench/python/side.py.
 */
import type { WorkflowName } from './workload';

/** The side's first line, once its client is connected. */
export interface Hello {
  ready: { versions: Record<string, string> };
}

/** What each operation takes. */
export interface Requests {
  /** Bundles the agent workflows with the plugin (`agents`) or the plain workflow without it; times it. */
  bundle: { kind: 'agents' | 'plain' };
  /** Starts the side's one worker (agents bundle, plugin, WORKER_OPTIONS) on the side's task queue. */
  startWorker: Record<string, never>;
  /** Runs a workflow on that worker to completion, through the side's own client. */
  execute: { workflow: WorkflowName; args: unknown[]; workflowId: string; timeoutSeconds: number };
  /**
   * Fetches a finished run's history and replays it `times` times in one new replay worker (bundle and
   * plugin as the worker's), timing each replay on the side's clock; the first includes starting the worker.
   */
  replay: { workflowId: string; times: number };
  /** Stops the worker and closes the connections; the process exits after answering. */
  stop: Record<string, never>;
}

/** What each operation answers. */
export interface Results {
  bundle: { ms: number; bytes: number };
  startWorker: Record<string, never>;
  execute: { result: unknown };
  /** Each replay's wall ms, and the side process's CPU ms (all threads) during it. */
  replay: { ms: number[]; cpuMs: number[] };
  stop: Record<string, never>;
}

export type Operation = keyof Requests;
export type Request = { [K in Operation]: { id: number; op: K } & Requests[K] }[Operation];
export type Response = { id: number; ok: unknown } | { id: number; error: string };
