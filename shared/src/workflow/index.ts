/**
 * Workflow-side entry: safe to import from workflow code (bundled into Temporal's sandbox).
 * Nothing here imports Node built-ins or the `openai` client; a test guards that.
 */

export type {
  ModelActivityParameters,
  ModelCallDescription,
  ModelSummaryProvider,
} from '../common/model-params';
export { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names';
export {
  type CodeInterpreterToolOptions,
  codeInterpreterTool,
  type FileSearchToolOptions,
  fileSearchTool,
  hostedMcpTool,
  type ImageGenerationToolOptions,
  imageGenerationTool,
  type WebSearchToolOptions,
  webSearchTool,
} from './hosted-tools';
export { toWorkflowFailure } from './interceptors';
export {
  ActivityBackedModel,
  ActivityModelProvider,
  MAX_PAYLOAD_BYTES,
} from './model';
export { type ActivityAsToolOptions, activityAsTool } from './tools';
