/**
 * CPU profiles of a TypeScript side's replays, for bench/README.md's "Where the time goes": with
 * `BENCH_REPLAY_PROFILE_DIR` set, each replay request is profiled (main thread, where replay runs workflow
 * code) from the end of its first replay, which includes starting the replay worker, to the end of its last.
 * The workflow bundle is kept next to the profiles under the name the worker runs it as, so
 * `shared/perf/profile-summary.ts --bundles` can tell which module each bundle line belongs to. Both
 * TypeScript sides import this file; it uses only Node.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const PROFILE_DIR = process.env.BENCH_REPLAY_PROFILE_DIR;

export interface ReplayProfiler {
  /** Called after each replay; starts profiling after the first. */
  replayed(): Promise<void>;
  /** Writes the profile of the replays after the first. */
  finish(): Promise<void>;
}

let requests = 0;

/** A profiler of one replay request, or nothing when BENCH_REPLAY_PROFILE_DIR is not set. */
export function replayProfiler(side: string, workflowId: string, code: string): ReplayProfiler | undefined {
  if (!PROFILE_DIR) return undefined;
  const dir = PROFILE_DIR;
  keepBundle(join(dir, 'bundles'), code);
  const request = ++requests;
  let session: Session | undefined;
  let replays = 0;
  return {
    replayed: async () => {
      if (++replays !== 1) return;
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    finish: async () => {
      if (!session) return;
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      // The file says how many replays it covers (all but the first), for profile-summary's --per.
      writeFileSync(
        join(dir, `${side}-${request}-${workflowId.replace(/[^\w.-]/g, '_')}-replays-${replays - 1}.cpuprofile`),
        JSON.stringify(profile),
      );
    },
  };
}

/** The bundle under its inline source map's `file`, the name its frames carry in a profile. */
function keepBundle(dir: string, code: string): void {
  const sourceMap = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,(\S+)\s*$/.exec(code)?.[1];
  if (!sourceMap) return;
  const { file } = JSON.parse(Buffer.from(sourceMap, 'base64').toString('utf8')) as { file?: string };
  if (!file) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), code);
}
