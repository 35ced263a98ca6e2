// A sample worker in its own process, so the crash test can SIGKILL it between two sandbox operations.
// Env: TEMPORAL_ADDRESS, TASK_QUEUE, BUNDLE_PATH, CALL_LOG, SANDBOX_DIR; BLOCK_TURN=<n> hangs model turn n.
import { appendFileSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { ScriptedModelProvider } from 'openai-agents-temporal/testing';
import { localSandboxProvider } from '../src/sandbox-provider';
import { crashStep } from './crash-script';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const callLog = env('CALL_LOG');
const blockTurn = process.env.BLOCK_TURN === undefined ? undefined : Number(process.env.BLOCK_TURN);

Runtime.install({ logger: new DefaultLogger('WARN') });

const model = new ScriptedModelProvider(async (_request, { agentTurn }) => {
  appendFileSync(callLog, `${JSON.stringify({ pid: process.pid, kind: 'model-start', step: agentTurn })}\n`);
  if (agentTurn === blockTurn) await new Promise<never>(() => {});
  return crashStep(agentTurn);
});

const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('TASK_QUEUE'),
  workflowBundle: { codePath: env('BUNDLE_PATH') },
  // A killed worker's sticky queue should hand the workflow back quickly.
  stickyQueueScheduleToStartTimeout: '1s',
  plugins: [
    new OpenAIAgentsPlugin({
      modelProvider: model,
      modelParams: { startToCloseTimeout: '4s' },
      sandboxClientProviders: [localSandboxProvider(env('SANDBOX_DIR')).provider],
    }),
  ],
});
console.log('worker ready');
await worker.run();
