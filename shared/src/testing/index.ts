/** Testing kit: a scripted model, a real dev-server environment, and replay helpers. */

export {
  AgentsTestEnvironment,
  type FinishedRun,
  quietBundlerLogger,
  type TestWorkerOptions,
  useAgentsTestEnvironment,
} from './environment';
export {
  type KeptHistory,
  keepHistory,
  listKeptHistories,
  readKeptHistory,
  repoRoot,
  writeKeptHistory,
} from './histories';
export {
  type FakeOpenAIServer,
  type HttpReplier,
  openAIErrorBody,
  type RecordedHttpRequest,
  responsesApiText,
  type ScriptedHttpReply,
  startFakeOpenAIServer,
  withFakeOpenAIServer,
} from './openai-server';
export { fetchHistory, modelCallAgents, replayHistory, scheduledActivityTypes } from './replay';
export {
  handoffResponse,
  hostedToolResponses,
  items,
  type ModelResponder,
  modelResponse,
  type RecordedModelCall,
  reasoningResponse,
  ScriptedModelProvider,
  structuredResponse,
  textResponse,
  toolCallResponse,
} from './scripted-model';
export { findTemporalCli } from './temporal-cli';
