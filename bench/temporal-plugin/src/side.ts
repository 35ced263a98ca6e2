// Temporal's @temporalio/openai-agents side of the bench, in its own process (agents-core 0.11, Temporal SDK 1.23).
import { fileURLToPath } from 'node:url';
import { type AgentOutputItem, type ModelProvider, setTraceProcessors, Usage } from '@openai/agents-core';
import { Client, type ClientPlugin, Connection } from '@temporalio/client';
import { OpenAIAgentsPlugin } from '@temporalio/openai-agents';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerPlugin,
} from '@temporalio/worker';
import { replayProfiler } from '../../ours/replay-profile';
import {
  benchAddress,
  pinnedVersions,
  quietBundlerLogger,
  serveSide,
  typeScriptWorkerTuning,
} from '../../src/side-server';
import {
  ACTIVITY_TIMEOUT,
  lookup,
  MODEL_SUMMARY,
  noop,
  SCRIPT,
  scriptedOutput,
  USAGE,
  WORKER_OPTIONS,
} from '../../src/workload';

const modelProvider: ModelProvider = {
  getModel: () => ({
    getResponse: async (request) => ({
      usage: new Usage(USAGE),
      output: scriptedOutput(request.input) as AgentOutputItem[],
      responseId: SCRIPT.responseId,
    }),
    getStreamedResponse: () => {
      throw new Error('The bench does not stream.');
    },
  }),
};
// agents-core's default trace processor prints every span to the console. Drop it, as an application with no
// exporter would, before the plugin adds its own processor: the plugin's tracing still runs in full.
setTraceProcessors([]);
// One plugin for the client (it sends the model parameters in a header), the worker and replay, as its README says.
const agentsPlugin = new OpenAIAgentsPlugin({
  modelProvider,
  modelParams: { startToCloseTimeout: ACTIVITY_TIMEOUT, summary: MODEL_SUMMARY },
});
// @temporalio/plugin 1.23 declares no dependencies, so its types resolve the workspace's newer @temporalio/worker and
// client; at run time it imports neither. The plugin is typed here as the 1.23 plugin it is.
const plugin = agentsPlugin as unknown as WorkerPlugin & ClientPlugin;

Runtime.install({ logger: new DefaultLogger('WARN') });
const address = benchAddress();
const client = new Client({ connection: await Connection.connect({ address }), plugins: [plugin] });
const taskQueue = `bench-temporal-${process.pid}`;
const workflowsPath = (file: string) => fileURLToPath(new URL(file, import.meta.url));

await serveSide(
  pinnedVersions(new URL('../package.json', import.meta.url), [
    '@temporalio/openai-agents',
    '@openai/agents-core',
    '@temporalio/worker',
  ]),
  {
    bundle: async (kind) =>
      (
        await bundleWorkflowCode({
          workflowsPath: workflowsPath(kind === 'agents' ? './workflows.ts' : './plain.ts'),
          plugins: kind === 'agents' ? [plugin] : [],
          logger: quietBundlerLogger,
          // Temporal's own samples bundle agents-core's CommonJS build: its browser ESM build splits into chunks.
          webpackConfigHook: (config) => ({
            ...config,
            resolve: { ...config.resolve, conditionNames: ['require', 'browser', 'default'] },
          }),
        })
      ).code,
    startWorker: async (code) => {
      const connection = await NativeConnection.connect({ address });
      const worker = await Worker.create({
        connection,
        taskQueue,
        workflowBundle: { code },
        activities: { lookup, noop },
        plugins: [plugin],
        ...WORKER_OPTIONS,
        ...typeScriptWorkerTuning(),
      });
      const running = worker.run();
      return async () => {
        worker.shutdown();
        await running;
        await connection.close();
      };
    },
    execute: (workflow, args, workflowId, timeoutSeconds) =>
      client.workflow.execute(workflow, {
        args,
        workflowId,
        taskQueue,
        workflowExecutionTimeout: timeoutSeconds * 1000,
      }),
    replay: async function* (workflowId, code, times) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const histories = Array.from({ length: times }, (_, i) => ({ workflowId: `replay-${i}`, history }));
      const profiler = replayProfiler('temporal', workflowId, code);
      for await (const result of Worker.runReplayHistories(
        { workflowBundle: { code }, plugins: [plugin] },
        histories,
      )) {
        if (result.error) throw result.error;
        await profiler?.replayed();
        yield;
      }
      await profiler?.finish();
    },
    close: () => client.connection.close(),
  },
);
