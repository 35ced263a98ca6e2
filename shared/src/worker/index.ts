/** Worker and client entry: the plugin and what model providers on the worker can use. Node only; never import it from workflow code. */

export { type StreamEntry, type SubscribeOptions, subscribeToWorkflowStream } from '../client/stream-subscriber.js';
export { AgentsTraceClientInterceptor } from '../client/trace-context.js';
export { MCPFailureTypes } from '../common/mcp.js';
export type {
  ModelActivityParameters,
  ModelCallDescription,
  ModelSummaryProvider,
} from '../common/model-params.js';
export { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
export { SandboxFailureTypes } from '../common/sandbox.js';
export {
  DEFAULT_MODEL_EVENTS_TOPIC,
  type ModelStreamItem,
  type ModelStreamingOptions,
} from '../common/streaming.js';
export { type WorkerEnvRef, workerEnvRef } from '../common/worker-env.js';
export { WorkflowBundleError } from './bundler.js';
export { DefaultOpenAIModelProvider } from './default-provider.js';
export type { MCPConnectionPoolOptions } from './mcp-pool.js';
export {
  type MCPServerFactory,
  type MCPServerProvider,
  type MCPWorkerSettings,
  StatefulMCPServerProvider,
  type StatefulMCPServerProviderOptions,
  StatelessMCPServerProvider,
  type StatelessMCPServerProviderOptions,
} from './mcp-providers.js';
export { currentModelCall, type ModelCallInfo } from './model-call.js';
export {
  type OpenTelemetryTracingOptions,
  OpenTelemetryTracingProcessor,
  type OTelResource,
  type OTelSpanProcessor,
} from './otel-tracing.js';
export { OpenAIAgentsPlugin, type OpenAIAgentsPluginOptions } from './plugin.js';
export {
  confineCommandsToWorkspace,
  SandboxClientProvider,
  type SandboxClientProviderOptions,
  type SandboxCommandGuard,
} from './sandbox-provider.js';
export { flushWorkflowTraceEvents, type TracingOptions } from './tracing.js';
