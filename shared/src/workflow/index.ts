/**
 * Workflow-side entry: safe to import from workflow code (bundled into Temporal's sandbox).
 * Nothing here imports Node built-ins or the `openai` client; a test guards that.
 */

export {
  MCPFailureTypes,
  type MCPGetPromptResult,
  type MCPListPromptsResult,
  type MCPPrompt,
  type MCPPromptMessage,
  type MCPTool,
} from '../common/mcp.js';
export type {
  ModelActivityParameters,
  ModelCallDescription,
  ModelSummaryProvider,
  WorkflowModelParameters,
} from '../common/model-params.js';
export { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
export { SandboxFailureTypes } from '../common/sandbox.js';
export {
  DEFAULT_MODEL_EVENTS_TOPIC,
  type ModelStreamItem,
  type ModelStreamingOptions,
  type WorkflowStreamState,
} from '../common/streaming.js';
export { type WorkerEnvRef, workerEnvRef } from '../common/worker-env.js';
export {
  type ContinueAsNewReason,
  DEFAULT_HISTORY_THRESHOLDS,
  DEFAULT_MAX_REPLAY_WORK,
  type HistoryStatus,
  type HistoryThresholds,
  historyStatus,
  shouldContinueAsNew,
  TEMPORAL_HISTORY_LIMITS,
} from './continue-as-new.js';
export { NEW_CONVERSATION_ID } from './conversation.js';
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
} from './hosted-tools.js';
export {
  type MCPServerReferenceOptions,
  mcpFailureType,
  StatefulMCPServer,
  type StatefulMcpServerOptions,
  StatelessMCPServer,
  type StatelessMcpServerOptions,
  statefulMcpServer,
  statelessMcpServer,
  withStatefulMcpServer,
} from './mcp-servers.js';
export { ActivityModelProvider, MAX_PAYLOAD_BYTES, type StreamingModelParameters } from './model.js';
export type { ReplayWork } from './model-call-chain.js';
export { type NexusOperationAsToolOptions, nexusOperationAsTool } from './nexus-tools.js';
export {
  failRunOnSandboxLoss,
  sandboxFailureType,
  TemporalSandboxClient,
  type TemporalSandboxClientOptions,
  TemporalSandboxSession,
  type TemporalSandboxSessionState,
  temporalSandboxCapabilities,
  temporalSandboxClient,
} from './sandbox-client.js';
export { WorkflowSession, type WorkflowSessionOptions, type WorkflowSessionState } from './session.js';
export {
  type StreamTopic,
  type WorkflowStream,
  type WorkflowStreamOptions,
  workflowStream,
} from './streaming.js';
export { type ActivityAsToolOptions, activityAsTool, type ToolDescription } from './tools.js';
