// The crash demo: a money transfer whose worker is killed between the withdrawal and the deposit.
// Needs a Temporal server (`pnpm temporal`); starts and kills its own worker processes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, temporalAddress, temporalNamespace, workflowUiUrl } from 'sample-kit';
import { type CrashDemoReport, runCrashDemo } from './crash-demo/scenario';

const folder = mkdtempSync(join(tmpdir(), 'crash-demo-'));
const client = await connectClient();
const report = await runCrashDemo({
  client,
  address: temporalAddress(),
  namespace: temporalNamespace(),
  taskQueue: `crash-demo-${Date.now()}`,
  folder,
  workflowId: `crash-demo-${Date.now()}`,
  say: (line) => console.log(line),
});

const workerName = (pid: number | undefined) =>
  pid === report.firstWorkerPid ? 'worker A' : pid === report.secondWorkerPid ? 'worker B' : `pid ${pid}`;

console.log('\nWhat happened, from the workflow history:');
console.log(`  ${'step'.padEnd(12)} ${'about'.padEnd(34)} ${'attempts'.padEnd(9)} finished by`);
for (const step of report.steps) {
  const retried = step.attempts > 1 ? '  (the first attempt died with worker A)' : '';
  console.log(
    `  ${step.step.padEnd(12)} ${step.detail.padEnd(34)} ${String(step.attempts).padEnd(9)} ${workerName(step.finishedByPid)}${retried}`,
  );
}
console.log('\nWhat the bank applied, from its journal:');
for (const entry of report.journal.filter((line) => line.event !== 'started')) {
  console.log(`  ${entry.kind} ${entry.amount} on ${entry.account}: ${entry.event} by ${workerName(entry.pid)}`);
}
const accounts = Object.keys(report.balancesBefore);
const total = (balances: Record<string, number>) =>
  accounts.reduce((sum, account) => sum + (balances[account] ?? 0), 0);
console.log(
  `\nBalances: ${accounts.map((account) => `${account} ${report.balancesBefore[account]} -> ${report.balancesAfter[account]}`).join(', ')} ` +
    `(total ${total(report.balancesBefore)} -> ${total(report.balancesAfter)})`,
);

const failed = checks(report).filter((check) => !check.ok);
for (const check of checks(report)) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.label}`);
console.log(`\nBank file: ${join(folder, 'bank.json')}`);
console.log(
  `See the run in the Temporal UI: ${workflowUiUrl({ workflowId: report.workflowId, runId: report.firstExecutionRunId })}`,
);
process.exit(failed.length === 0 ? 0 : 1);

/** What the demo promises, checked against the report. */
function checks(run: CrashDemoReport): { label: string; ok: boolean }[] {
  const applied = (kind: string) => run.journal.filter((entry) => entry.kind === kind && entry.event === 'applied');
  const modelCalls = run.steps.filter((step) => step.step === 'model call');
  const [withdrawal] = applied('withdraw');
  const [deposit] = applied('deposit');
  const moved = withdrawal?.amount ?? 0;
  return [
    { label: 'each model call ran once', ok: modelCalls.length > 0 && modelCalls.every((call) => call.attempts === 1) },
    {
      label: 'the withdrawal was applied once, by worker A',
      ok: applied('withdraw').length === 1 && withdrawal?.pid === run.firstWorkerPid,
    },
    {
      label: 'the deposit was applied once, by worker B',
      ok: applied('deposit').length === 1 && deposit?.pid === run.secondWorkerPid,
    },
    {
      label: 'the balances are right: the money left one account and arrived in the other, once',
      ok:
        withdrawal !== undefined &&
        deposit !== undefined &&
        run.balancesAfter[withdrawal.account] === (run.balancesBefore[withdrawal.account] ?? 0) - moved &&
        run.balancesAfter[deposit.account] === (run.balancesBefore[deposit.account] ?? 0) + moved &&
        total(run.balancesAfter) === total(run.balancesBefore),
    },
  ];
}
