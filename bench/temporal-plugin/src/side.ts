// Temporal's @temporalio/openai-agents side of the bench, in its own process (agents-core 0.11, Temporal SDK 1.23).
import { fileURLToPath } from 'node:url';
import { type AgentOutputItem, type ModelProvider, setTraceProcessors, Usage } from '@openai/agents-core';
import { Client, type ClientPlugin, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { OpenAIAgentsPlugin } from '@temporalio/openai-agents';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerPlugin,
} from '@temporalio/worker';
import { benchAddress, quietBundlerLogger, runSide, type Side } from '../../src/measure';
import {
  ACTIVITY_TIMEOUT,
  lookup,
  MODEL_SUMMARY,
  noop,
  scriptedOutput,
  USAGE,
  WORKER_OPTIONS,
  WORKFLOW_TIMEOUT,
} from '../../src/workload';

const modelProvider: ModelProvider = {
  getModel: () => ({
    getResponse: async (request) => ({
      usage: new Usage(USAGE),
      output: scriptedOutput(request.input) as AgentOutputItem[],
      responseId: 'resp_bench',
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

const side: Side = {
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
  withWorker: async (code, body) => {
    const connection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: { code },
      activities: { lookup, noop },
      plugins: [plugin],
      ...WORKER_OPTIONS,
    });
    try {
      return await worker.runUntil(body());
    } finally {
      await connection.close();
    }
  },
  execute: (workflow, args, workflowId) =>
    client.workflow.execute(workflow, { args, workflowId, taskQueue, workflowExecutionTimeout: WORKFLOW_TIMEOUT }),
  history: async (workflowId) => {
    const handle = client.workflow.getHandle(workflowId);
    const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    return { json: historyToJSON(history), bytes: description.historySize ?? Number.NaN };
  },
  replay: async function* (json, code, times) {
    const history = JSON.parse(json);
    const histories = Array.from({ length: times }, (_, i) => ({ workflowId: `replay-${i}`, history }));
    for await (const result of Worker.runReplayHistories({ workflowBundle: { code }, plugins: [plugin] }, histories)) {
      if (result.error) throw result.error;
      yield;
    }
  },
};

await runSide('@temporalio/openai-agents', side);
await client.connection.close();
