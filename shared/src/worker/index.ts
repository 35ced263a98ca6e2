/** Worker and client entry: the plugin and what model providers on the worker can use. Node only; never import it from workflow code. */

export { type StreamEntry, type SubscribeOptions, subscribeToWorkflowStream } from '../client/stream-subscriber.js';
export { MCPFailureTypes } from '../common/mcp.js';
export type {
  ModelActivityParameters,
  ModelCallDescription,
  ModelSummaryProvider,
} from '../common/model-params.js';
export { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
export {
  DEFAULT_MODEL_EVENTS_TOPIC,
  type ModelStreamItem,
  type ModelStreamingOptions,
  READ_STREAM_QUERY,
  STREAM_OFFSET_QUERY,
  STREAM_POLL_UPDATE,
  STREAM_PUBLISH_SIGNAL,
  type StreamCompaction,
  type WorkflowStreamState,
} from '../common/streaming.js';
export { WorkflowBundleError } from './bundler.js';
export { DefaultOpenAIModelProvider } from './default-provider.js';
export {
  type MCPServerFactory,
  type MCPServerProvider,
  type MCPWorkerSettings,
  StatefulMCPServerProvider,
  type StatefulMCPServerProviderOptions,
  StatelessMCPServerProvider,
} from './mcp-providers.js';
export { currentModelCall, type ModelCallInfo } from './model-call.js';
export {
  type OpenTelemetryTracingOptions,
  OpenTelemetryTracingProcessor,
  type OTelResource,
  type OTelSpanProcessor,
} from './otel-tracing.js';
export { OpenAIAgentsPlugin, type OpenAIAgentsPluginOptions } from './plugin.js';
export { flushWorkflowTraceEvents, type TracingOptions } from './tracing.js';
