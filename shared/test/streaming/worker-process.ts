// A worker in its own process, so a test can kill it with SIGKILL in the middle of a streamed model call.
// Env: TEMPORAL_ADDRESS, TASK_QUEUE, BUNDLE_PATH, ANSWER; BLOCK_AFTER_DELTAS=<n> hangs the stream after n text deltas.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { ScriptedModelProvider, textResponse } from '../../src/testing/index.js';
import { OpenAIAgentsPlugin } from '../../src/worker/index.js';
import { CRASH_MODEL_PARAMS } from './crash-params.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const blockAfter = process.env.BLOCK_AFTER_DELTAS === undefined ? undefined : Number(process.env.BLOCK_AFTER_DELTAS);

Runtime.install({ logger: new DefaultLogger('WARN') });

let deltas = 0;
const model = new ScriptedModelProvider(() => textResponse(env('ANSWER')), {
  streaming: {
    beforeEvent: async (event) => {
      if (event.type === 'output_text_delta' && ++deltas > (blockAfter ?? Number.POSITIVE_INFINITY)) {
        await new Promise<never>(() => {});
      }
    },
  },
});

const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('TASK_QUEUE'),
  workflowBundle: { codePath: env('BUNDLE_PATH') },
  // A killed worker's sticky queue should hand the workflow back quickly.
  stickyQueueScheduleToStartTimeout: '1s',
  plugins: [new OpenAIAgentsPlugin({ modelProvider: model, modelParams: CRASH_MODEL_PARAMS })],
});
console.log('worker ready');
await worker.run();
