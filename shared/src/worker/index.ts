/** Worker and client entry: the plugin and the model activity. Node only; never import it from workflow code. */

export type {
  ModelActivityParameters,
  ModelCallDescription,
  ModelSummaryProvider,
} from '../common/model-params';
export { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names';
export {
  type InvokeModelInput,
  type SerializedModelResponse,
  WIRE_VERSION,
} from '../common/wire';
export { DefaultOpenAIModelProvider } from './default-provider';
export { createModelActivities, type ModelActivities } from './model-activity';
export { classifyModelError, retryDelayMs } from './model-errors';
export { OpenAIAgentsPlugin, type OpenAIAgentsPluginOptions } from './plugin';
