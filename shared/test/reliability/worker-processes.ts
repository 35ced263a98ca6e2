// Worker processes a test can SIGKILL (worker-process.ts), and the call log they write.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

/** One line of the call log: a model call starting or ending, or a tool call, in process `pid`. */
export interface CallLogLine {
  pid: number;
  kind: 'model-start' | 'model-end' | 'tool';
  step?: number;
  key?: string;
}

export function readCallLog(file: string): CallLogLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CallLogLine);
}

/** An empty call log in a fresh folder. */
export function newCallLog(prefix: string): string {
  const file = join(mkdtempSync(join(tmpdir(), prefix)), 'calls.jsonl');
  writeFileSync(file, '');
  return file;
}

/** Writes a workflow bundle's code to a file, for worker processes to load. */
export function writeBundle(code: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'worker-bundle-')), 'bundle.js');
  writeFileSync(file, code);
  return file;
}

/** Polls `condition` every 50 ms for up to a minute. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A worker script (default: worker-process.ts) in its own process, with `env` added; resolves once it polls. */
export async function startWorkerProcess(env: Record<string, string>, script = workerScript): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    output += chunk;
  });
  await until(() => {
    if (child.exitCode !== null) throw new Error(`worker process exited early: ${output}`);
    return output.includes('worker ready');
  }, 'the worker process to start');
  return child;
}
