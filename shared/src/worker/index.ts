/** Worker and client entry: the plugin and what model providers on the worker can use. Node only; never import it from workflow code. */

export { MCPFailureTypes } from '../common/mcp.js';
export type {
  ModelActivityParameters,
  ModelCallDescription,
  ModelSummaryProvider,
} from '../common/model-params.js';
export { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
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
export { OpenAIAgentsPlugin, type OpenAIAgentsPluginOptions } from './plugin.js';
