// The long-chat sample's worker in a process of its own, with the sample's offline answers, so a test
// can kill it with SIGKILL in the middle of a chat. Env: TEMPORAL_ADDRESS, TASK_QUEUE.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { offlineModelProvider } from 'sample-kit';
import { longChatOfflineAnswers } from '../src/long-chat-answers';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('ERROR') });
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('TASK_QUEUE'),
  workflowsPath: fileURLToPath(new URL('../src/workflows/long-chat.ts', import.meta.url)),
  // The killed worker's sticky queue hands the chat back to the shared queue after a second.
  stickyQueueScheduleToStartTimeout: '1s',
  plugins: [new OpenAIAgentsPlugin({ modelProvider: offlineModelProvider({ longChat: longChatOfflineAnswers }) })],
});
console.log('worker ready');
await worker.run();
