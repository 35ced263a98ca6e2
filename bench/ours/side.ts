// Our plugin's side of the bench, in its own process (agents-core 0.20, Temporal SDK 1.24).
import { fileURLToPath } from 'node:url';
import { type AgentOutputItem, type ModelProvider, Usage } from '@openai/agents-core';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import { benchAddress, quietBundlerLogger, runSide, type Side } from '../src/measure';
import {
  ACTIVITY_TIMEOUT,
  lookup,
  MODEL_SUMMARY,
  noop,
  scriptedOutput,
  USAGE,
  WORKER_OPTIONS,
  WORKFLOW_TIMEOUT,
} from '../src/workload';

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
const plugin = () =>
  new OpenAIAgentsPlugin({
    modelProvider,
    modelParams: { startToCloseTimeout: ACTIVITY_TIMEOUT, summary: MODEL_SUMMARY },
  });

Runtime.install({ logger: new DefaultLogger('WARN') });
const address = benchAddress();
const client = new Client({ connection: await Connection.connect({ address }) });
const taskQueue = `bench-ours-${process.pid}`;
const workflowsPath = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const side: Side = {
  bundle: async (kind) =>
    (
      await bundleWorkflowCode({
        workflowsPath: workflowsPath(kind === 'agents' ? './workflows.ts' : './plain.ts'),
        plugins: kind === 'agents' ? [plugin()] : [],
        logger: quietBundlerLogger,
      })
    ).code,
  withWorker: async (code, body) => {
    const connection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: { code },
      activities: { lookup, noop },
      plugins: [plugin()],
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
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { code }, plugins: [plugin()] },
      histories,
    )) {
      if (result.error) throw result.error;
      yield;
    }
  },
};

await runSide('openai-agents-temporal', side);
await client.connection.close();
