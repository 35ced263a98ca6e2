// The crash demo as a test: a worker process is killed with SIGKILL between the withdrawal and the
// deposit of a money transfer, and a second worker process finishes the run. Also the transfer's
// own guarantees: a step's key is applied once, and a deposit that fails for good puts the money back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createBank, createBankActivities, readBank } from '../src/activities/bank';
import { runCrashDemo } from '../src/crash-demo/scenario';
import { CRASH_DEMO_MODEL_PARAMS, CRASH_DEMO_WORKFLOWS, INITIAL_BALANCES } from '../src/crash-demo/settings';
import { moneyTransfer } from '../src/workflows/money-transfer';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const workflowsPath = fileURLToPath(CRASH_DEMO_WORKFLOWS);
const newBankFile = () => join(mkdtempSync(join(tmpdir(), 'bank-')), 'bank.json');

describe('crash demo', () => {
  it('a worker killed between withdraw and deposit: every model call and step once, balances right', async () => {
    const workflowId = `crash-demo-${randomUUID()}`;
    const report = await runCrashDemo({
      client: testEnv().client,
      address: testEnv().env.address,
      taskQueue: `crash-demo-${randomUUID()}`,
      folder: mkdtempSync(join(tmpdir(), 'crash-demo-')),
      workflowId,
      // The offline model, whatever the environment: tests never call a paid API.
      workerEnv: { OPENAI_API_KEY: '' },
    });
    const A = report.firstWorkerPid;
    const B = report.secondWorkerPid;
    assert.notEqual(A, B);
    assert.match(report.answer, /^Moved 40 from alice to bob/);

    // Worker A made the first model call and the withdrawal; its deposit attempt died with it. Worker B
    // retried the deposit and made the last model call. No model call ran twice.
    assert.deepEqual(
      report.steps.map(({ step, attempts, finishedByPid }) => [step, attempts, finishedByPid]),
      [
        ['model call', 1, A],
        ['withdraw', 1, A],
        ['deposit', 2, B],
        ['model call', 1, B],
      ],
    );
    // The bank applied each step once: the deposit started on A but moved money only on B.
    assert.deepEqual(
      report.journal.map(({ event, kind, account, amount, pid }) => [event, kind, account, amount, pid]),
      [
        ['started', 'withdraw', 'alice', 40, A],
        ['applied', 'withdraw', 'alice', 40, A],
        ['started', 'deposit', 'bob', 40, A],
        ['started', 'deposit', 'bob', 40, B],
        ['applied', 'deposit', 'bob', 40, B],
      ],
    );
    assert.deepEqual(report.balancesAfter, { alice: 60, bob: 90 });

    await testEnv().replayAndKeepHistory(workflowsPath, workflowId, CRASH_DEMO_MODEL_PARAMS);
  });
});

describe('money transfer', () => {
  it('applies a step once per key: a retried withdrawal does not take the money twice', async () => {
    const storePath = newBankFile();
    createBank(storePath, INITIAL_BALANCES);
    const bank = createBankActivities({ storePath });
    const step = { key: 'transfer-1/withdraw', account: 'alice', amount: 30 };
    await bank.withdraw(step);
    assert.match(await bank.withdraw(step), /already applied/);
    const { balances, journal } = readBank(storePath);
    assert.deepEqual(balances, { alice: 70, bob: 50 });
    assert.deepEqual(
      journal.map((entry) => entry.event),
      ['started', 'applied', 'started', 'already applied'],
    );
  });

  it('puts the money back when the deposit fails for good, and tells the model', async () => {
    const storePath = newBankFile();
    createBank(storePath, INITIAL_BALANCES);
    const model = new ScriptedModelProvider({
      'Bank teller': [
        toolCallResponse('transfer_money', { from: 'alice', to: 'carol', amount: 25 }),
        textResponse('ok'),
      ],
    });
    const { history } = await testEnv().runWorkflow(moneyTransfer, ['Move 25 from alice to carol'], {
      workflowsPath,
      modelProvider: model,
      modelParams: CRASH_DEMO_MODEL_PARAMS,
      activities: createBankActivities({ storePath }),
    });

    assert.deepEqual(scheduledActivityTypes(history), [
      INVOKE_MODEL_ACTIVITY,
      'withdraw',
      'deposit',
      'deposit',
      INVOKE_MODEL_ACTIVITY,
    ]);
    assert.deepEqual(readBank(storePath).balances, INITIAL_BALANCES);
    const applied = readBank(storePath).journal.filter((entry) => entry.event === 'applied');
    assert.deepEqual(
      applied.map(({ kind, account, key }) => [kind, account, key.split('/')[1]]),
      [
        ['withdraw', 'alice', 'withdraw'],
        ['deposit', 'alice', 'refund'],
      ],
    );
    const toolResult = model.calls[1]?.request.input;
    assert.match(
      JSON.stringify(toolResult),
      /The transfer failed and 25 went back to alice: There is no account named carol\./,
    );
  });
});
