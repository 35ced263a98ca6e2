import { getDefaultModel, type ModelProvider } from '@openai/agents-core';
import { SimplePlugin } from '@temporalio/plugin';
import type { BundleOptions, ReplayWorkerOptions, Worker, WorkerOptions } from '@temporalio/worker';
import { AgentsTraceClientInterceptor } from '../client/trace-context.js';
import {
  type BundledModelParameters,
  DEFAULT_MODEL_START_TO_CLOSE_TIMEOUT,
  type ModelActivityParameters,
} from '../common/model-params.js';
import { workflowStackTraceLimit } from '../common/stack-trace-limit.js';
import { configureWebpack, workflowModule } from './bundler.js';
import { DefaultOpenAIModelProvider } from './default-provider.js';
import { type MCPServerProvider, mcpProviderActivities } from './mcp-providers.js';
import { createModelActivities } from './model-activity.js';
import { type SandboxClientProvider, sandboxProviderActivities } from './sandbox-provider.js';
import {
  registerTraceProcessors,
  type TracingOptions,
  traceContextActivityInterceptor,
  tracesInWorkflows,
  tracingSinks,
} from './tracing.js';
import { workerEnvActivityInterceptor } from './worker-env.js';

/**
 * Model activities heartbeat every half of this: a heartbeat is how a running call learns that the
 * workflow cancelled it, and a worker that dies mid-call is noticed this soon rather than at the end
 * of the start-to-close timeout. Not for local activities, which cannot heartbeat.
 */
const DEFAULT_MODEL_HEARTBEAT_TIMEOUT = '10s';

export interface OpenAIAgentsPluginOptions {
  /**
   * Resolves model names to models inside the model activity (worker side).
   * Default: OpenAI's Responses API with the client's own retries off.
   */
  modelProvider?: ModelProvider;
  /** Activity options for every model call. Default: 60 s start-to-close, Temporal's default retry policy. */
  modelParams?: ModelActivityParameters;
  /** MCP servers workflows can use (StatelessMCPServerProvider, StatefulMCPServerProvider); their activities are registered. */
  mcpServerProviders?: MCPServerProvider[];
  /**
   * Sandbox clients workflows can use by name (`temporalSandboxClient(name)` in workflow code), each a
   * `SandboxClientProvider`; one activity per sandbox operation is registered for each.
   */
  sandboxClientProviders?: SandboxClientProvider[];
  /**
   * Where spans go. Workflows record agents-core's spans (ids deterministic, nothing again on replay)
   * and the worker hands them to agents-core's trace processors in this process; model activities
   * join the same trace. These processors, and an OpenTelemetry exporter, are added to them.
   */
  tracing?: TracingOptions;
  /**
   * Frames per stack trace in workflows: `Error.stackTraceLimit` of the workflow sandbox, for errors thrown
   * there and for the stack Temporal's sandbox captures for every promise (its `__stack_trace` query).
   * Those per-promise stacks are most of the CPU an agent run spends in the sandbox, so the default is 6
   * (V8's is 10); set 10 or `Infinity` while you debug a workflow, a lower one for throughput. Baked into
   * the bundle. See the README's "Stack traces in workflows".
   */
  workflowStackTraceLimit?: number;
  /**
   * Names of this worker's environment variables that workflows may use by reference
   * (`workerEnvRef(name)` in an MCP server's `factoryArgument` or an activity tool's `boundArguments`).
   * The worker puts the value in place when the activity runs, so it never enters the history; a name
   * not listed fails the activity (`OpenAIAgents.WorkerEnvNotAllowed`). Default: none.
   */
  workerEnvAllowList?: readonly string[];
}

/**
 * Runs OpenAI Agents SDK agents inside Temporal workflows. Put it on the worker (and on
 * `bundleWorkflowCode` / replay workers when you build bundles yourself). It
 *   - registers the model activity, backed by `modelProvider`;
 *   - installs an activity-backed model provider as the default inside every workflow, so
 *     `run(agent, input)` from `@openai/agents-core` works unchanged;
 *   - configures the workflow bundle for agents-core (polyfills, one chunk, browser shims);
 *   - exports the spans of agent runs in workflows, once, through agents-core's trace processors.
 */
export class OpenAIAgentsPlugin extends SimplePlugin {
  readonly modelParams: ModelActivityParameters;
  /** What the plugin bakes into workflow bundles: `modelParams` and the provider's default model name. */
  readonly bundledParameters: BundledModelParameters;
  /** Whether workflows of the bundles it makes trace (`tracing.inWorkflows`); also baked into the bundle. */
  readonly tracesInWorkflows: boolean;
  /** `Error.stackTraceLimit` in the workflow sandbox of the bundles it makes (`workflowStackTraceLimit`). */
  readonly workflowStackTraceLimit: number;
  readonly #mcpServerProviders: readonly MCPServerProvider[];

  constructor(options: OpenAIAgentsPluginOptions = {}) {
    const modelProvider = options.modelProvider ?? new DefaultOpenAIModelProvider();
    const mcpServerProviders = options.mcpServerProviders ?? [];
    const mcpActivities = mcpProviderActivities(mcpServerProviders);
    super({
      name: 'openai-agents-temporal.OpenAIAgentsPlugin',
      activities: {
        ...createModelActivities(modelProvider, { maxServerRetryDelay: options.modelParams?.maxServerRetryDelay }),
        ...mcpActivities,
        ...sandboxProviderActivities(options.sandboxClientProviders ?? []),
      },
      // Clients that carry the plugin start workflows in their caller's current trace.
      clientInterceptors: { workflow: [new AgentsTraceClientInterceptor()] },
      workerInterceptors: {
        workflowModules: [workflowModule('interceptors'), workflowModule('mcp-guard')],
        activity: [
          traceContextActivityInterceptor,
          workerEnvActivityInterceptor(options.workerEnvAllowList ?? [], new Set(Object.keys(mcpActivities))),
        ],
      },
    });
    this.#mcpServerProviders = mcpServerProviders;
    registerTraceProcessors(options.tracing);
    this.tracesInWorkflows = tracesInWorkflows(options.tracing);
    this.workflowStackTraceLimit = workflowStackTraceLimit(options.workflowStackTraceLimit);
    const modelParams = { ...options.modelParams };
    if (typeof (modelParams.summary as unknown) === 'function') {
      throw new TypeError(
        'OpenAIAgentsPlugin: modelParams.summary must be a string. The plugin’s options reach workflow code as ' +
          'data; to compute a summary per call, set it in workflow code: ' +
          '`new Runner({ modelProvider: new ActivityModelProvider({ summary: (call) => ... }) })` with ' +
          'ActivityModelProvider from "openai-agents-temporal/workflow".',
      );
    }
    if (modelParams.streaming && modelParams.useLocalActivity) {
      throw new TypeError(
        'OpenAIAgentsPlugin: modelParams.streaming needs regular activities (the model activity sends events to ' +
          'the workflow while it runs); set useLocalActivity to false or leave streaming off.',
      );
    }
    if (modelParams.startToCloseTimeout === undefined && modelParams.scheduleToCloseTimeout === undefined) {
      modelParams.startToCloseTimeout = DEFAULT_MODEL_START_TO_CLOSE_TIMEOUT;
    }
    if (modelParams.heartbeatTimeout === undefined && !modelParams.useLocalActivity) {
      modelParams.heartbeatTimeout = DEFAULT_MODEL_HEARTBEAT_TIMEOUT;
    }
    this.modelParams = modelParams;
    // Summaries name the model a call really uses; a custom provider may say which by `defaultModelName`.
    const defaultModelName = options.modelProvider
      ? (options.modelProvider as { defaultModelName?: unknown }).defaultModelName
      : getDefaultModel();
    this.bundledParameters = typeof defaultModelName === 'string' ? { ...modelParams, defaultModelName } : modelParams;
  }

  /** Runs the worker, then closes what the MCP providers keep open (pooled connections). */
  override async runWorker(worker: Worker, next: (worker: Worker) => Promise<void>): Promise<void> {
    try {
      await super.runWorker(worker, next);
    } finally {
      await Promise.all(this.#mcpServerProviders.map((provider) => provider.close?.()));
    }
  }

  /** Adds the sink through which workflows hand out their spans. */
  override configureWorker(options: WorkerOptions): WorkerOptions {
    const configured = super.configureWorker(options);
    return { ...configured, sinks: { ...configured.sinks, ...tracingSinks() } };
  }

  override configureReplayWorker(options: ReplayWorkerOptions): ReplayWorkerOptions {
    const configured = super.configureReplayWorker(options);
    return { ...configured, sinks: { ...configured.sinks, ...tracingSinks() } };
  }

  override configureBundler(options: BundleOptions): BundleOptions {
    const configured = super.configureBundler(options);
    const userHook = configured.webpackConfigHook;
    return {
      ...configured,
      webpackConfigHook: (config) =>
        configureWebpack(
          userHook ? userHook(config) : config,
          this.bundledParameters,
          this.tracesInWorkflows,
          this.workflowStackTraceLimit,
        ),
    };
  }
}
