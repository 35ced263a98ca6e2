// The crash demo's worker, in its own process so the demo can kill it with SIGKILL.
// Env: CRASH_DEMO_TASK_QUEUE, CRASH_DEMO_BANK (the bank's JSON file), CRASH_DEMO_HOLD_DEPOSITS=1 to hold
// every deposit (the first worker), and Temporal's usual TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { sampleModelProvider, temporalAddress, temporalNamespace } from 'sample-kit';
import { createBankActivities } from '../activities/bank';
import { moneyTransferOfflineAnswers } from './offline-answers';
import { CRASH_DEMO_MODEL_PARAMS, CRASH_DEMO_WORKFLOWS } from './settings';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('WARN') });
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: temporalAddress() }),
  namespace: temporalNamespace(),
  taskQueue: required('CRASH_DEMO_TASK_QUEUE'),
  workflowsPath: fileURLToPath(CRASH_DEMO_WORKFLOWS),
  activities: createBankActivities({
    storePath: required('CRASH_DEMO_BANK'),
    holdDeposits: process.env.CRASH_DEMO_HOLD_DEPOSITS === '1',
  }),
  // A killed worker's workflow tasks move to the next worker after 1 s instead of 10 s.
  stickyQueueScheduleToStartTimeout: '1s',
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: sampleModelProvider({ moneyTransfer: moneyTransferOfflineAnswers }),
      modelParams: CRASH_DEMO_MODEL_PARAMS,
    }),
  ],
});
console.log('worker ready');
await worker.run();
