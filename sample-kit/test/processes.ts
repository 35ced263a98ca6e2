// Sample workers and launchers as a reader runs them: real processes, each in its own process group,
// so a test can press Ctrl-C (SIGINT to the group, as a terminal does) and read what they print.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const tsxBin = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface SampleProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves once the output matches; rejects if the process ends first or `limitMs` passes. */
  waitForOutput(pattern: string | RegExp, limitMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Ctrl-C: SIGINT to the whole process group. */
  interrupt(): void;
  /** SIGKILL to the whole process group, if it still runs. */
  kill(): void;
}

/**
 * The environment a sample process gets: this one without any Temporal or OpenAI settings (so
 * nothing of the developer's leaks in), plus `env`.
 */
export function sampleEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(TEMPORAL_|OPENAI_)/.test(name) || name === 'TEMPORAL_CLI_PATH'),
  );
  return { ...base, ...env };
}

export function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: 'pipe' });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const sampleProcess: SampleProcess = {
    child,
    output: () => text,
    waitForOutput: (pattern, limitMs = 90_000) =>
      new Promise<void>((resolve, reject) => {
        const matches = () => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
        const finish = (error?: Error) => {
          listeners.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (matches()) finish();
        };
        const timer = setTimeout(
          () => finish(new Error(`no ${String(pattern)} within ${limitMs} ms; output so far:\n${text}`)),
          limitMs,
        );
        listeners.add(check);
        exited.then((code) => {
          if (!matches()) finish(new Error(`process ended (${code}) before printing ${String(pattern)}:\n${text}`));
        });
        check();
      }),
    exited,
    interrupt: () => signalGroup('SIGINT'),
    kill: () => signalGroup('SIGKILL'),
  };
  return sampleProcess;
}

/** A sample script of a folder (e.g. `basic`, `src/worker.ts`) run with tsx, as `pnpm --filter <folder> run ...` does. */
export function startSample(folder: string, script: string, env: Record<string, string>, args: string[] = []) {
  return startProcess(tsxBin, [script, ...args], { cwd: `${repoRoot}${folder}`, env: sampleEnv(env) });
}

/** A namespace of its own on the test server, so this file's runs never meet another file's workers. */
export async function freshNamespace(client: Client, prefix: string): Promise<string> {
  const namespace = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  await client.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  return namespace;
}
