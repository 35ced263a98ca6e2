/**
 * A Temporal dev server and workers that carry the plugin, for any test runner (vitest, jest,
 * node:test, mocha). The server is the real Temporal CLI dev server (see findTemporalCli); pass an
 * address or set TEMPORAL_TEST_ADDRESS to use a server that is already running instead.
 */

import { randomUUID } from 'node:crypto';
import type { ModelProvider } from '@openai/agents-core';
import { type Client, WorkflowFailedError } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  type BundleOptions,
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker as TemporalWorker,
  type Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import type { ModelActivityParameters } from '../common/model-params.js';
import { quietBundlerLogger } from '../worker/bundler.js';
import type { MCPServerProvider } from '../worker/mcp-providers.js';
import { OpenAIAgentsPlugin, type OpenAIAgentsPluginOptions } from '../worker/plugin.js';
import type { SandboxClientProvider } from '../worker/sandbox-provider.js';
import type { TracingOptions } from '../worker/tracing.js';
import { keepHistory } from './histories.js';
import { replayHistory } from './replay.js';
import { findTemporalCli } from './temporal-cli.js';

export interface TestWorkerOptions {
  workflowsPath: string;
  /** Omit to test with the plugin's default (real OpenAI) provider. */
  modelProvider?: ModelProvider | undefined;
  modelParams?: ModelActivityParameters;
  activities?: object;
  /** MCP server providers, as given to OpenAIAgentsPlugin. */
  mcpServerProviders?: MCPServerProvider[];
  /** Sandbox client providers, as given to OpenAIAgentsPlugin. */
  sandboxClientProviders?: SandboxClientProvider[];
  /** The plugin's tracing options, e.g. `{ inWorkflows: false }`. */
  tracing?: TracingOptions;
  /** The plugin's workflowStackTraceLimit (frames per stack trace in workflows). */
  workflowStackTraceLimit?: number;
  /** The plugin's `workerEnvAllowList`: worker environment variables workflows may use by reference. */
  workerEnvAllowList?: readonly string[];
  /** Default: a fresh queue per worker, so tests never pick up each other's tasks. */
  taskQueue?: string;
}

/** A finished run: its result, its id, and its history (already replayed and kept). */
export interface FinishedRun<R> {
  result: R;
  workflowId: string;
  history: History;
}

export interface AgentsTestEnvironmentOptions {
  /** A running Temporal server to use. Default: TEMPORAL_TEST_ADDRESS, else a dev server started for the tests. */
  address?: string;
  /**
   * Start a dev server of its own with these extra CLI arguments, e.g.
   * `['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=40']`; `address` is then ignored.
   */
  devServerArgs?: string[];
  /**
   * Keep every finished history that runWorkflow / replayAndKeepHistory fetch, as a JSON file in this
   * folder, for a replay suite (see listKeptHistories). Default: OPENAI_AGENTS_TEMPORAL_KEEP_HISTORIES;
   * unset means nothing is written.
   */
  keepHistoriesIn?: string;
  /** More bundler options for workflow bundles, e.g. `ignoreModules` or a `webpackConfigHook`. */
  bundlerOptions?: Omit<BundleOptions, 'workflowsPath' | 'plugins'>;
}

/** The hooks of your test runner: vitest's or jest's `beforeAll`/`afterAll`, or node:test's `before`/`after`. */
export interface TestLifecycleHooks {
  beforeAll: (fn: () => Promise<void>, timeout?: number) => unknown;
  afterAll: (fn: () => Promise<void>, timeout?: number) => unknown;
}

export class AgentsTestEnvironment {
  readonly #bundles = new Map<string, Promise<WorkflowBundle>>();
  readonly #options: AgentsTestEnvironmentOptions;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    options: AgentsTestEnvironmentOptions,
  ) {
    this.#options = options;
  }

  static async start(options: AgentsTestEnvironmentOptions = {}): Promise<AgentsTestEnvironment> {
    quietRuntimeLogs();
    const resolved = { ...options };
    resolved.keepHistoriesIn ??= process.env.OPENAI_AGENTS_TEMPORAL_KEEP_HISTORIES || undefined;
    const address = options.address ?? process.env.TEMPORAL_TEST_ADDRESS;
    if (address && !options.devServerArgs) {
      const { TestWorkflowEnvironment } = await loadTemporalTesting();
      return new AgentsTestEnvironment(await TestWorkflowEnvironment.createFromExistingServer({ address }), resolved);
    }
    return new AgentsTestEnvironment(await startDevServer(options.devServerArgs), resolved);
  }

  get client(): Client {
    return this.env.client;
  }

  /**
   * The bundle for a workflows file, built once per environment. The model parameters are part of
   * the bundle, so pass the same ones you give createWorker (and its model provider, whose default
   * model name the activity summaries show).
   */
  bundle(
    workflowsPath: string,
    modelParams?: ModelActivityParameters,
    modelProvider?: ModelProvider,
    tracing?: TracingOptions,
    workflowStackTraceLimit?: number,
  ): Promise<WorkflowBundle> {
    const pluginOptions: OpenAIAgentsPluginOptions = {};
    if (modelParams) pluginOptions.modelParams = modelParams;
    if (modelProvider) pluginOptions.modelProvider = modelProvider;
    if (tracing) pluginOptions.tracing = tracing;
    if (workflowStackTraceLimit !== undefined) pluginOptions.workflowStackTraceLimit = workflowStackTraceLimit;
    const plugin = new OpenAIAgentsPlugin(pluginOptions);
    const key = [
      workflowsPath,
      JSON.stringify(plugin.bundledParameters),
      plugin.tracesInWorkflows,
      plugin.workflowStackTraceLimit,
    ].join('\n');
    let bundle = this.#bundles.get(key);
    if (!bundle) {
      bundle = bundleWorkflowCode({
        logger: quietBundlerLogger,
        ...this.#options.bundlerOptions,
        workflowsPath,
        plugins: [plugin],
      });
      this.#bundles.set(key, bundle);
    }
    return bundle;
  }

  async createWorker(options: TestWorkerOptions): Promise<Worker> {
    const pluginOptions: OpenAIAgentsPluginOptions = {};
    if (options.modelProvider) pluginOptions.modelProvider = options.modelProvider;
    if (options.modelParams) pluginOptions.modelParams = options.modelParams;
    if (options.mcpServerProviders) pluginOptions.mcpServerProviders = options.mcpServerProviders;
    if (options.sandboxClientProviders) pluginOptions.sandboxClientProviders = options.sandboxClientProviders;
    if (options.tracing) pluginOptions.tracing = options.tracing;
    if (options.workflowStackTraceLimit !== undefined) {
      pluginOptions.workflowStackTraceLimit = options.workflowStackTraceLimit;
    }
    if (options.workerEnvAllowList) pluginOptions.workerEnvAllowList = options.workerEnvAllowList;
    return TemporalWorker.create({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue: options.taskQueue ?? `test-${randomUUID()}`,
      workflowBundle: await this.bundle(
        options.workflowsPath,
        options.modelParams,
        options.modelProvider,
        options.tracing,
        options.workflowStackTraceLimit,
      ),
      activities: options.activities ?? {},
      plugins: [new OpenAIAgentsPlugin(pluginOptions)],
    });
  }

  /**
   * Runs `body` while a fresh worker polls a task queue (its own new one unless `taskQueue` is given,
   * e.g. to hand a running workflow to a second worker); the worker stops when `body` settles.
   */
  async withWorker<T>(options: TestWorkerOptions, body: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
    const worker = await this.createWorker({ ...options, taskQueue });
    return worker.runUntil(body(taskQueue));
  }

  /**
   * Runs one workflow to its end on a fresh worker, then replays the finished history and keeps it.
   * Pass the workflow function, or its name with the function's type as the type parameter.
   */
  async runWorkflow<W extends Workflow>(
    workflow: W | string,
    args: Parameters<W>,
    worker: Omit<TestWorkerOptions, 'taskQueue'>,
  ): Promise<FinishedRun<Awaited<ReturnType<W>>>> {
    const name = typeof workflow === 'string' ? workflow : workflow.name;
    const workflowId = `${name}-${randomUUID()}`;
    const result = await this.withWorker(worker, (taskQueue) =>
      this.client.workflow.execute<Workflow>(name, { taskQueue, workflowId, args }),
    );
    const history = await this.replayAndKeepHistory(worker.workflowsPath, workflowId, worker.modelParams);
    return { result: result as Awaited<ReturnType<W>>, workflowId, history };
  }

  /** Like runWorkflow, for a run that must fail: returns the failure; throws if the run succeeded. */
  async runFailingWorkflow<W extends Workflow>(
    workflow: W | string,
    args: Parameters<W>,
    worker: Omit<TestWorkerOptions, 'taskQueue'>,
  ): Promise<{ error: WorkflowFailedError; workflowId: string; history: History }> {
    const name = typeof workflow === 'string' ? workflow : workflow.name;
    const workflowId = `${name}-${randomUUID()}`;
    const error = await this.withWorker(worker, (taskQueue) =>
      this.client.workflow.execute<Workflow>(name, { taskQueue, workflowId, args }),
    ).then(
      (result) => new Error(`expected workflow ${name} to fail, but it returned ${JSON.stringify(result)}`),
      (err: unknown) => err,
    );
    if (!(error instanceof WorkflowFailedError)) throw error;
    const history = await this.replayAndKeepHistory(worker.workflowsPath, workflowId, worker.modelParams);
    return { error, workflowId, history };
  }

  /**
   * Fetches a finished run's history, replays it against the current workflow code (throws on
   * nondeterminism), and keeps it when the environment keeps histories. Returns the history for assertions.
   */
  async replayAndKeepHistory(
    workflowsPath: string,
    workflowId: string,
    modelParams?: ModelActivityParameters,
  ): Promise<History> {
    const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
    await replayHistory(history, { workflowBundle: await this.bundle(workflowsPath, modelParams) }, workflowId);
    const folder = this.#options.keepHistoriesIn;
    if (folder) keepHistory(folder, { workflowsPath, workflowId, history, modelParams });
    return history;
  }

  async teardown(): Promise<void> {
    await this.env.teardown();
  }
}

export { quietBundlerLogger };

/** Worker state changes are logged at INFO; tests show warnings and errors only (TEMPORAL_LOG_LEVEL overrides). */
function quietRuntimeLogs(): void {
  try {
    const level = (process.env.TEMPORAL_LOG_LEVEL ?? 'WARN') as ConstructorParameters<typeof DefaultLogger>[0];
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // Already installed by the caller: keep theirs.
  }
}

/**
 * `@temporalio/testing` is an optional peer: only the test environment needs it, so the rest of this
 * entry (replay, the scripted model, the local OpenAI server) works in a project without it.
 */
async function loadTemporalTesting(): Promise<typeof import('@temporalio/testing')> {
  try {
    return await import('@temporalio/testing');
  } catch (error) {
    throw new Error(
      'The agents test environment needs @temporalio/testing, an optional peer dependency of openai-agents-temporal: ' +
        'install it next to @temporalio/worker, in the same version (npm install -D @temporalio/testing@^1.24).',
      { cause: error },
    );
  }
}

/** A dev server from the Temporal CLI this machine has (see findTemporalCli), else the one the SDK downloads. */
export async function startDevServer(extraArgs: string[] = []): Promise<TestWorkflowEnvironment> {
  const cli = findTemporalCli();
  const { TestWorkflowEnvironment } = await loadTemporalTesting();
  return TestWorkflowEnvironment.createLocal({
    server: { ...(cli ? { executable: { type: 'existing-path' as const, path: cli } } : {}), extraArgs },
  });
}

/**
 * Starts one environment before a test file's tests and tears it down after, with your runner's hooks:
 * `const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll })`. Returns a getter, since the
 * environment exists only once `beforeAll` has run.
 */
export function useAgentsTestEnvironment(
  hooks: TestLifecycleHooks,
  options: AgentsTestEnvironmentOptions = {},
): () => AgentsTestEnvironment {
  let environment: AgentsTestEnvironment | undefined;
  hooks.beforeAll(async () => {
    environment = await AgentsTestEnvironment.start(options);
  }, 120_000);
  hooks.afterAll(async () => {
    await environment?.teardown();
  }, 60_000);
  return () => {
    if (!environment) throw new Error('The test environment is not started yet: use it inside a test.');
    return environment;
  };
}
