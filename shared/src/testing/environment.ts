/**
 * One Temporal dev server per test process, and workers that carry the plugin.
 * The server is the real Temporal CLI dev server (see findTemporalCli); set TEMPORAL_TEST_ADDRESS
 * to use a server that is already running instead.
 */
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import type { ModelProvider } from '@openai/agents-core';
import { type Client, WorkflowFailedError } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker as TemporalWorker,
  type Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import type { ModelActivityParameters } from '../common/model-params';
import { OpenAIAgentsPlugin, type OpenAIAgentsPluginOptions } from '../worker/plugin';
import { keepHistory } from './histories';
import { replayHistory } from './replay';
import { findTemporalCli } from './temporal-cli';

export interface TestWorkerOptions {
  workflowsPath: string;
  /** Omit to test with the plugin's default (real OpenAI) provider. */
  modelProvider?: ModelProvider | undefined;
  modelParams?: ModelActivityParameters;
  activities?: object;
  /** Default: a fresh queue per worker, so tests never pick up each other's tasks. */
  taskQueue?: string;
}

type History = temporal.api.history.v1.IHistory;

/** A finished run: its result, its id, and its history (already replayed and kept). */
export interface FinishedRun<R> {
  result: R;
  workflowId: string;
  history: History;
}

export class AgentsTestEnvironment {
  readonly #bundles = new Map<string, Promise<WorkflowBundle>>();

  private constructor(readonly env: TestWorkflowEnvironment) {}

  static async start(): Promise<AgentsTestEnvironment> {
    quietRuntimeLogs();
    const address = process.env.TEMPORAL_TEST_ADDRESS;
    if (address) {
      return new AgentsTestEnvironment(await TestWorkflowEnvironment.createFromExistingServer({ address }));
    }
    const cli = findTemporalCli();
    const env = await TestWorkflowEnvironment.createLocal(
      cli ? { server: { executable: { type: 'existing-path', path: cli } } } : {},
    );
    return new AgentsTestEnvironment(env);
  }

  get client(): Client {
    return this.env.client;
  }

  /**
   * The bundle for a workflows file, built once per environment. The model parameters are part of
   * the bundle, so pass the same ones you give createWorker.
   */
  bundle(workflowsPath: string, modelParams?: ModelActivityParameters): Promise<WorkflowBundle> {
    const key = `${workflowsPath}\n${JSON.stringify(modelParams ?? {})}`;
    let bundle = this.#bundles.get(key);
    if (!bundle) {
      const plugin = new OpenAIAgentsPlugin(modelParams ? { modelParams } : {});
      bundle = bundleWorkflowCode({
        workflowsPath,
        plugins: [plugin],
        logger: quietBundlerLogger,
      });
      this.#bundles.set(key, bundle);
    }
    return bundle;
  }

  async createWorker(options: TestWorkerOptions): Promise<Worker> {
    const pluginOptions: OpenAIAgentsPluginOptions = {};
    if (options.modelProvider) pluginOptions.modelProvider = options.modelProvider;
    if (options.modelParams) pluginOptions.modelParams = options.modelParams;
    return TemporalWorker.create({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue: options.taskQueue ?? `test-${randomUUID()}`,
      workflowBundle: await this.bundle(options.workflowsPath, options.modelParams),
      activities: options.activities ?? {},
      plugins: [new OpenAIAgentsPlugin(pluginOptions)],
    });
  }

  /** Runs `body` while a fresh worker polls its own task queue; the worker stops when `body` settles. */
  async withWorker<T>(
    options: Omit<TestWorkerOptions, 'taskQueue'>,
    body: (taskQueue: string) => Promise<T>,
  ): Promise<T> {
    const taskQueue = `test-${randomUUID()}`;
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
   * nondeterminism), and keeps it for the repo-wide replay suite. Returns the history for assertions.
   */
  async replayAndKeepHistory(workflowsPath: string, workflowId: string, modelParams?: ModelActivityParameters) {
    const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
    await replayHistory(history, { workflowBundle: await this.bundle(workflowsPath, modelParams) }, workflowId);
    keepHistory(workflowsPath, workflowId, history, modelParams);
    return history;
  }

  async teardown(): Promise<void> {
    await this.env.teardown();
  }
}

/** webpack's full report goes to the logger at info level; tests only want errors. */
export const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

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
 * For node:test files: starts one environment before the file's tests and tears it down after.
 * Returns a getter, since the environment exists only once `before` has run.
 */
export function useAgentsTestEnvironment(): () => AgentsTestEnvironment {
  let environment: AgentsTestEnvironment | undefined;
  before(async () => {
    environment = await AgentsTestEnvironment.start();
  });
  after(async () => {
    await environment?.teardown();
  });
  return () => {
    if (!environment) throw new Error('The test environment is not started yet: use it inside a test.');
    return environment;
  };
}
