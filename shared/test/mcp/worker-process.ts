// A worker with a stateful MCP provider in its own process, so a test can kill it (and the dedicated
// worker it holds for a run) with SIGKILL. Env: TEMPORAL_ADDRESS, TASK_QUEUE, BUNDLE_PATH, MCP_TEST_LOG.
import { fileURLToPath } from 'node:url';
import { MCPServerStdio } from '@openai/agents-core';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin, StatefulMCPServerProvider } from '../../src/worker/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('WARN') });

const notes = new StatefulMCPServerProvider(
  'Notes',
  () =>
    new MCPServerStdio({
      name: 'Notes',
      command: process.execPath,
      args: [fileURLToPath(new URL('./stdio-server.ts', import.meta.url))],
      env: { MCP_TEST_LOG: env('MCP_TEST_LOG') },
    }),
);

const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('TASK_QUEUE'),
  workflowBundle: { codePath: env('BUNDLE_PATH') },
  // A killed worker's sticky queue should hand the workflow back quickly.
  stickyQueueScheduleToStartTimeout: '1s',
  plugins: [new OpenAIAgentsPlugin({ mcpServerProviders: [notes] })],
});
console.log('worker ready');
await worker.run();
