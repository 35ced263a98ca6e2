/** The driver's end of a side process: starts it, sends requests and matches the answers (bench/src/protocol.ts). */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SideKey, Side as SideView } from './measure';
import type { Hello, Operation, Requests, Response, Results } from './protocol';
import type { WorkflowName } from './workload';

export interface SideCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/**
 * agents-core 0.11 logs this line once per model call and tool call on the worker of Temporal's TS plugin.
 * The driver counts the lines instead of printing thousands of them.
 */
const NOISE = 'No traceId found. Make sure to start a trace with `withTrace()` first. Returning NoopSpan.';

export class SideProcess implements SideView {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextRequest = 0;
  private exit: string | undefined;
  private lastError = '';
  /** Lines of NOISE on the side's stderr. */
  noise = 0;
  readonly exited: Promise<void>;

  private constructor(
    readonly key: SideKey,
    private readonly child: ChildProcess,
    readonly versions: Record<string, string>,
    exited: Promise<void>,
  ) {
    this.exited = exited;
  }

  /** Starts the side and waits for its hello; throws with the side's last error line if it exits first. */
  static async start(key: SideKey, command: SideCommand): Promise<SideProcess> {
    const child = spawn(command.command, command.args, {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let side: SideProcess | undefined;
    let lastError = '';
    let noise = 0;
    createInterface({ input: child.stderr ?? process.stdin }).on('line', (line) => {
      if (line === NOISE) {
        if (side) side.noise++;
        else noise++;
        return;
      }
      console.error(`[${key}] ${line}`);
      if (/error|exception|traceback/i.test(line)) {
        if (side) side.lastError ||= line.trim();
        else lastError ||= line.trim();
      }
    });
    let onHello: (hello: Hello) => void = () => {};
    const hello = new Promise<Hello>((resolve) => {
      onHello = resolve;
    });
    createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
      const message = parse(line);
      if (!message) {
        if (line.trim()) console.error(`[${key}] ${line}`);
        return;
      }
      if ('ready' in message) onHello(message);
      else side?.answer(message);
    });
    const exited = new Promise<number | null>((resolve) => {
      child.on('error', (error) => {
        lastError ||= error.message;
        resolve(null);
      });
      child.on('close', resolve);
    });
    const first = await Promise.race([hello, exited.then(() => undefined)]);
    if (!first) {
      throw new Error(`the side process exited before it was ready${lastError ? `: ${lastError}` : ''}`);
    }
    side = new SideProcess(
      key,
      child,
      first.ready.versions,
      exited.then((code) => side?.closed(code)),
    );
    side.noise = noise;
    return side;
  }

  private answer(response: Response) {
    const request = this.pending.get(response.id);
    if (!request) return;
    this.pending.delete(response.id);
    if ('error' in response) request.reject(new Error(response.error));
    else request.resolve(response.ok);
  }

  private closed(code: number | null) {
    this.exit = `the side process exited with code ${code}${this.lastError ? `: ${this.lastError}` : ''}`;
    for (const request of this.pending.values()) request.reject(new Error(this.exit));
    this.pending.clear();
  }

  call<K extends Operation>(op: K, request: Requests[K]): Promise<Results[K]> {
    if (this.exit) return Promise.reject(new Error(this.exit));
    const id = ++this.nextRequest;
    return new Promise<Results[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.stdin?.write(`${JSON.stringify({ id, op, ...request })}\n`);
    });
  }

  bundle(kind: 'agents' | 'plain') {
    return this.call('bundle', { kind });
  }

  async startWorker() {
    await this.call('startWorker', {});
  }

  async execute(workflow: WorkflowName, args: unknown[], workflowId: string, timeoutSeconds: number) {
    return (await this.call('execute', { workflow, args, workflowId, timeoutSeconds })).result;
  }

  replay(workflowId: string, times: number) {
    return this.call('replay', { workflowId, times });
  }

  /** VmRSS of the side's process, from /proc (Linux); undefined elsewhere or once it has exited. */
  rssBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kB = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      return kB === undefined ? undefined : Number(kB) * 1024;
    } catch {
      return undefined;
    }
  }

  /** Asks the side to stop; kills it if it has not exited 20 s later. */
  async stop(): Promise<void> {
    if (this.exit) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.call('stop', {}).catch(() => {});
    this.child.stdin?.end();
    await this.exited;
    clearTimeout(timer);
  }
}

function parse(line: string): Hello | Response | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const message = JSON.parse(line) as Partial<Hello & Response>;
    return 'ready' in message || typeof message.id === 'number' ? (message as Hello | Response) : undefined;
  } catch {
    return undefined;
  }
}
