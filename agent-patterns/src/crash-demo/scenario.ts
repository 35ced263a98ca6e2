/**
 * The crash demo's scenario, shared by the launcher (which prints it) and the test (which asserts
 * it): a worker process runs a money transfer, is killed with SIGKILL after the withdrawal and
 * before the deposit, and a new worker process finishes the run. The report says, from the workflow
 * history and the bank's journal, which worker made each model call and each step, and how often.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import { createBank, type JournalEntry, readBank } from '../activities/bank';
import type { moneyTransfer } from '../workflows/money-transfer';
import { INITIAL_BALANCES, TRANSFER_REQUEST } from './settings';

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface CrashDemoOptions {
  client: Client;
  /** Where the worker processes connect (they read it as TEMPORAL_ADDRESS). */
  address: string;
  namespace?: string;
  taskQueue: string;
  /** A folder for the bank's JSON file. */
  folder: string;
  workflowId: string;
  /** More environment for the worker processes (the test clears OPENAI_API_KEY). */
  workerEnv?: Record<string, string>;
  /** Progress, one line at a time. */
  say?: (line: string) => void;
}

/** One activity of the run, from the history. */
export interface StepReport {
  /** "model call", "withdraw" or "deposit". */
  step: string;
  /** What it was about: the agent for a model call, account and amount for a bank step. */
  detail: string;
  /** Attempts Temporal started; more than 1 means a retry (here: the attempt that died with worker A). */
  attempts: number;
  /** The process that finished it. */
  finishedByPid: number | undefined;
}

export interface CrashDemoReport {
  workflowId: string;
  firstExecutionRunId: string;
  answer: string;
  firstWorkerPid: number;
  secondWorkerPid: number;
  steps: StepReport[];
  journal: JournalEntry[];
  balancesBefore: Record<string, number>;
  balancesAfter: Record<string, number>;
  history: History;
}

export async function runCrashDemo(options: CrashDemoOptions): Promise<CrashDemoReport> {
  const say = options.say ?? (() => {});
  const bankFile = join(options.folder, 'bank.json');
  createBank(bankFile, INITIAL_BALANCES);
  const env = {
    ...options.workerEnv,
    TEMPORAL_ADDRESS: options.address,
    TEMPORAL_NAMESPACE: options.namespace ?? 'default',
    CRASH_DEMO_TASK_QUEUE: options.taskQueue,
    CRASH_DEMO_BANK: bankFile,
  };
  const workers: ChildProcess[] = [];
  try {
    say('Starting worker A (it will hold the deposit, so it can be killed between the two steps)...');
    const first = await startWorker({ ...env, CRASH_DEMO_HOLD_DEPOSITS: '1' }, 'A', say);
    workers.push(first);
    say(`Worker A is ready (pid ${first.pid}).`);

    const handle = await options.client.workflow.start<typeof moneyTransfer>('moneyTransfer', {
      taskQueue: options.taskQueue,
      workflowId: options.workflowId,
      args: [TRANSFER_REQUEST],
    });
    say(`Asked the Bank teller agent: "${TRANSFER_REQUEST}" (workflow ${options.workflowId})`);

    const journalOf = (pid: number | undefined, kind: string, event: string) =>
      readBank(bankFile).journal.find((entry) => entry.pid === pid && entry.kind === kind && entry.event === event);
    await waitFor(() => journalOf(first.pid, 'deposit', 'started') !== undefined, 'worker A to start the deposit');
    const withdrawal = journalOf(first.pid, 'withdraw', 'applied');
    say(`  worker A withdrew ${withdrawal?.amount} from ${withdrawal?.account}, then started the deposit.`);
    say('  Killing worker A with SIGKILL, between the withdrawal and the deposit.');
    first.kill('SIGKILL');
    await once(first, 'exit');

    say('Starting worker B...');
    const second = await startWorker(env, 'B', say);
    workers.push(second);
    say(`Worker B is ready (pid ${second.pid}). Temporal hands it the run once worker A's heartbeats stop.`);
    const answer = await handle.result();
    say(`The agent answered: ${answer}`);

    const history = await handle.fetchHistory();
    const { balances, journal } = readBank(bankFile);
    return {
      workflowId: options.workflowId,
      firstExecutionRunId: handle.firstExecutionRunId,
      answer,
      firstWorkerPid: first.pid ?? 0,
      secondWorkerPid: second.pid ?? 0,
      steps: stepsOf(history),
      journal,
      balancesBefore: INITIAL_BALANCES,
      balancesAfter: balances,
      history,
    };
  } finally {
    for (const worker of workers) {
      if (worker.exitCode === null && worker.signalCode === null) {
        worker.kill('SIGKILL');
        await once(worker, 'exit');
      }
    }
  }
}

async function startWorker(env: Record<string, string>, name: string, say: (line: string) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let ready = false;
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    output += chunk;
    for (const line of chunk.split('\n').filter(Boolean)) {
      if (line === 'worker ready') ready = true;
      else say(`  [worker ${name}] ${line}`);
    }
  });
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`worker ${name} exited before it was ready: ${output}`);
    return ready;
  }, `worker ${name} to start`);
  return child;
}

async function waitFor(condition: () => boolean, what: string, seconds = 120): Promise<void> {
  for (let waited = 0; waited < seconds * 1000; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Each activity of the run, in scheduling order, with its attempts and the process that finished it. */
function stepsOf(history: History): StepReport[] {
  const events = history.events ?? [];
  return events.flatMap((event): StepReport[] => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (!scheduled) return [];
    const started = events.find(
      (other) => String(other.activityTaskStartedEventAttributes?.scheduledEventId) === String(event.eventId),
    )?.activityTaskStartedEventAttributes;
    const identity = started?.identity ?? '';
    const pid = /^(\d+)@/.exec(identity)?.[1];
    const type = scheduled.activityType?.name ?? '';
    return [
      {
        step: type === INVOKE_MODEL_ACTIVITY ? 'model call' : type,
        detail:
          type === INVOKE_MODEL_ACTIVITY ? summaryOf(event) : bankStepDetail(scheduled.input?.payloads?.[0]?.data),
        attempts: started?.attempt ?? 0,
        finishedByPid: pid === undefined ? undefined : Number(pid),
      },
    ];
  });
}

function summaryOf(event: NonNullable<History['events']>[number]): string {
  const data = event.userMetadata?.summary?.data;
  return data ? (JSON.parse(new TextDecoder().decode(data)) as string) : '';
}

function bankStepDetail(data: Uint8Array | null | undefined): string {
  if (!data) return '';
  const { account, amount } = JSON.parse(new TextDecoder().decode(data)) as { account: string; amount: number };
  return `${amount} on ${account}`;
}
