// Our plugin's side of the bench, in its own process (agents-core 0.20, Temporal SDK 1.24). Only the
// plugin's public API: OpenAIAgentsPlugin here, activityAsTool and agents-core's run() in the workflows.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AgentOutputItem, type ModelProvider, setTraceProcessors, Usage } from '@openai/agents-core';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import {
  benchAddress,
  pinnedVersions,
  quietBundlerLogger,
  serveSide,
  typeScriptWorkerTuning,
} from '../src/side-server';
import {
  ACTIVITY_TIMEOUT,
  FAST_MODE_STACK_TRACE_LIMIT,
  lookup,
  MODEL_SUMMARY,
  noop,
  SCRIPT,
  scriptedOutput,
  USAGE,
  WORKER_OPTIONS,
} from '../src/workload';
import { replayProfiler } from './replay-profile';

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
// exporter would (and as the other sides do): the plugin's tracing still runs in full.
setTraceProcessors([]);
/**
 * The fast mode (the bench's `oursFast` column) is what a user opts into for throughput: 2 frames per stack
 * trace in workflows instead of the default 6 (shared/README.md, "Stack traces in workflows").
 */
const fastMode = process.env.BENCH_OURS_MODE === 'fast';
const plugin = () =>
  new OpenAIAgentsPlugin({
    modelProvider,
    modelParams: { startToCloseTimeout: ACTIVITY_TIMEOUT, summary: MODEL_SUMMARY },
    ...(fastMode ? { workflowStackTraceLimit: FAST_MODE_STACK_TRACE_LIMIT } : {}),
  });

Runtime.install({ logger: new DefaultLogger('WARN') });
const address = benchAddress();
const client = new Client({ connection: await Connection.connect({ address }) });
const taskQueue = `bench-ours${fastMode ? '-fast' : ''}-${process.pid}`;
const workflowsPath = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const { version: pluginVersion } = JSON.parse(
  readFileSync(new URL('../../shared/package.json', import.meta.url), 'utf8'),
) as { version: string };

await serveSide(
  {
    'openai-agents-temporal': `${pluginVersion} (workspace${fastMode ? `, workflowStackTraceLimit ${FAST_MODE_STACK_TRACE_LIMIT}` : ''})`,
    ...pinnedVersions(new URL('../package.json', import.meta.url), ['@openai/agents-core', '@temporalio/worker']),
  },
  {
    bundle: async (kind) =>
      (
        await bundleWorkflowCode({
          workflowsPath: workflowsPath(kind === 'agents' ? './workflows.ts' : './plain.ts'),
          plugins: kind === 'agents' ? [plugin()] : [],
          logger: quietBundlerLogger,
        })
      ).code,
    startWorker: async (code) => {
      const connection = await NativeConnection.connect({ address });
      const worker = await Worker.create({
        connection,
        taskQueue,
        workflowBundle: { code },
        activities: { lookup, noop },
        plugins: [plugin()],
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
      const profiler = replayProfiler(fastMode ? 'oursFast' : 'ours', workflowId, code);
      for await (const result of Worker.runReplayHistories(
        { workflowBundle: { code }, plugins: [plugin()] },
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
