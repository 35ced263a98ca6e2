// A worker for the long tool loop in its own process, so a test can SIGKILL it late in the run.
// Env: TEMPORAL_ADDRESS, TASK_QUEUE, BUNDLE_PATH, STEPS.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from '../../src/worker/index.js';
import { toolLoopModel } from './tool-loop-model.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('ERROR') });
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('TASK_QUEUE'),
  workflowBundle: { codePath: env('BUNDLE_PATH') },
  // A killed worker's sticky queue should hand the workflow back quickly.
  stickyQueueScheduleToStartTimeout: '1s',
  plugins: [new OpenAIAgentsPlugin({ modelProvider: toolLoopModel(Number(env('STEPS'))) })],
});
console.log('worker ready');
await worker.run();
