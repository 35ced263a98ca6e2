// A worker in its own process, so a test can kill it with SIGKILL mid-run.
// Env: TEMPORAL_ADDRESS, TASK_QUEUE, BUNDLE_PATH, CALL_LOG; BLOCK_STEP=<n> hangs model call n; BLOCK_TOOL=<key>.
import { appendFileSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { ScriptedModelProvider } from '../../src/testing/index.js';
import { OpenAIAgentsPlugin } from '../../src/worker/index.js';
import * as activities from './lookup-activity.js';
import { answerStep, stepOf } from './scripted-steps.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const callLog = env('CALL_LOG');
const blockStep = process.env.BLOCK_STEP === undefined ? undefined : Number(process.env.BLOCK_STEP);

Runtime.install({ logger: new DefaultLogger('WARN') });

const model = new ScriptedModelProvider(async (request) => {
  const step = stepOf(request);
  appendFileSync(callLog, `${JSON.stringify({ pid: process.pid, kind: 'model-start', step })}\n`);
  if (step === blockStep) await new Promise<never>(() => {});
  appendFileSync(callLog, `${JSON.stringify({ pid: process.pid, kind: 'model-end', step })}\n`);
  return answerStep(step);
});

const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('TASK_QUEUE'),
  workflowBundle: { codePath: env('BUNDLE_PATH') },
  activities,
  // A killed worker's sticky queue should hand the workflow back quickly.
  stickyQueueScheduleToStartTimeout: '1s',
  plugins: [new OpenAIAgentsPlugin({ modelProvider: model, modelParams: { startToCloseTimeout: '4s' } })],
});
console.log('worker ready');
await worker.run();
