/** Testing kit, for any test runner: a scripted model, a real dev-server environment, a local OpenAI-compatible server, and replay helpers. */

export {
  chatCompletionEvents,
  chatCompletionReply,
  type ScriptedChatMessage,
  type ScriptedChatToolCall,
} from './chat-completions.js';
export {
  AgentsTestEnvironment,
  type AgentsTestEnvironmentOptions,
  type FinishedRun,
  quietBundlerLogger,
  startDevServer,
  type TestLifecycleHooks,
  type TestWorkerOptions,
  useAgentsTestEnvironment,
} from './environment.js';
export { type KeptHistory, listKeptHistories, readKeptHistory } from './histories.js';
export {
  type FakeOpenAIServer,
  type HttpReplier,
  openAIErrorBody,
  overlappingRequests,
  type RecordedHttpRequest,
  repliesInOrder,
  responsesApiEvents,
  responsesApiText,
  type ScriptedHttpReply,
  startFakeOpenAIServer,
  withFakeOpenAIServer,
} from './openai-server.js';
export {
  fetchContinuedHistories,
  fetchHistory,
  type ModelCallSpan,
  modelCallAgents,
  modelCallSpans,
  replayHistory,
  scheduledActivityTypes,
} from './replay.js';
export {
  type AgentScript,
  handoffResponse,
  hostedToolResponses,
  items,
  type ModelResponder,
  modelResponse,
  type RecordedModelCall,
  reasoningResponse,
  SCRIPT_EXHAUSTED,
  type ScriptedCall,
  type ScriptedModelOptions,
  ScriptedModelProvider,
  type ScriptedStreamOptions,
  structuredResponse,
  textResponse,
  toolCallResponse,
  withStreamPacing,
} from './scripted-model.js';
export { findTemporalCli } from './temporal-cli.js';
