/**
 * A small bank for the crash demo: balances in a JSON file, changed only by activities. Each change
 * carries a key, and a key is applied at most once, so a retried activity (a worker died before
 * Temporal heard back) never moves the money twice. A real bank does the same in a database
 * transaction; this store assumes one worker process at a time.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ApplicationFailure, Context, sleep } from '@temporalio/activity';

export type BankStepKind = 'withdraw' | 'deposit';

export interface BankStep {
  /** Unique per step: the same key is never applied twice. */
  key: string;
  account: string;
  amount: number;
}

/** One line of the bank's journal: an activity attempt began, or applied its change, or found it applied. */
export interface JournalEntry {
  event: 'started' | 'applied' | 'already applied';
  kind: BankStepKind;
  key: string;
  account: string;
  amount: number;
  /** The worker process that ran the attempt. */
  pid: number;
}

export interface BankState {
  balances: Record<string, number>;
  journal: JournalEntry[];
}

export interface BankOptions {
  /** The bank's JSON file (see createBank). */
  storePath: string;
  /**
   * The crash demo's hold point: each deposit starts, heartbeats and never finishes, so the demo can
   * kill this worker after the withdrawal and before the deposit has moved any money.
   */
  holdDeposits?: boolean;
}

export type BankActivities = ReturnType<typeof createBankActivities>;

/** Opens a bank with these balances, replacing any earlier state in the file. */
export function createBank(storePath: string, balances: Record<string, number>): void {
  writeState(storePath, { balances, journal: [] });
}

export function readBank(storePath: string): BankState {
  return JSON.parse(readFileSync(storePath, 'utf8')) as BankState;
}

function writeState(storePath: string, state: BankState): void {
  // Write, then rename: a worker killed mid-write never leaves half a file.
  const partial = `${storePath}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(partial, storePath);
}

export function createBankActivities({ storePath, holdDeposits = false }: BankOptions) {
  const record = (state: BankState, event: JournalEntry['event'], kind: BankStepKind, step: BankStep) => {
    state.journal.push({ event, kind, key: step.key, account: step.account, amount: step.amount, pid: process.pid });
  };

  /** Applies `step` once: a key already in the journal as applied changes nothing. */
  const apply = (kind: BankStepKind, step: BankStep, change: (balance: number) => number): string => {
    const state = readBank(storePath);
    if (state.journal.some((entry) => entry.key === step.key && entry.event === 'applied')) {
      record(state, 'already applied', kind, step);
      writeState(storePath, state);
      return `${kind} ${step.key} was already applied`;
    }
    const balance = state.balances[step.account];
    if (balance === undefined) {
      throw ApplicationFailure.nonRetryable(`There is no account named ${step.account}.`, 'UnknownAccount');
    }
    state.balances[step.account] = change(balance);
    record(state, 'applied', kind, step);
    writeState(storePath, state);
    return `${kind} of ${step.amount} on ${step.account} applied`;
  };

  const started = (kind: BankStepKind, step: BankStep) => {
    const state = readBank(storePath);
    record(state, 'started', kind, step);
    writeState(storePath, state);
  };

  return {
    async withdraw(step: BankStep): Promise<string> {
      started('withdraw', step);
      return apply('withdraw', step, (balance) => {
        if (balance < step.amount) {
          throw ApplicationFailure.nonRetryable(
            `${step.account} has ${balance}, less than the ${step.amount} asked for.`,
            'InsufficientFunds',
          );
        }
        return balance - step.amount;
      });
    },

    async deposit(step: BankStep): Promise<string> {
      started('deposit', step);
      if (holdDeposits) {
        // Heartbeat while held, so Temporal knows this worker is alive until it is killed.
        for (;;) {
          Context.current().heartbeat();
          await sleep(500);
        }
      }
      return apply('deposit', step, (balance) => balance + step.amount);
    },
  };
}
