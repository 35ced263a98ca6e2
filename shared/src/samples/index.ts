/**
 * Small helpers the sample folders share: where Temporal is, how to reach the Temporal UI,
 * and the offline model a sample's worker uses when no OPENAI_API_KEY is set.
 * A sample worker is one runSampleWorker call (worker.ts); a launcher, runSampleWorkflow (launcher.ts).
 */

// The response builders an offline script is made of.
export {
  type AgentScript,
  handoffResponse,
  hostedToolResponses,
  items,
  type ModelResponder,
  modelResponse,
  reasoningResponse,
  type ScriptedCall,
  type ScriptedStreamOptions,
  structuredResponse,
  textResponse,
  toolCallResponse,
  withStreamPacing,
} from '../worker/scripted-model.js';
export {
  clientConnectionOptions,
  connectClient,
  connectionFailureMessage,
  DEV_SERVER_ADDRESS,
  SampleSetupError,
  type TemporalConnectConfig,
  temporalAddress,
  temporalConnectConfig,
  temporalNamespace,
  temporalUiBaseUrl,
  unreachableReason,
  workflowUiUrl,
} from './connection.js';
export { isVerbose, loadSampleEnv, type SampleFolder, sampleArguments, sampleFolder, workerCommand } from './env.js';
export { causeChain, describeWorkflowFailure, describeWorkflowTaskFailure } from './failures.js';
export {
  runSampleWorkflow,
  type SampleRun,
  type SampleRunOptions,
  startSampleWorkflow,
  waitForSampleResult,
} from './launcher.js';
export {
  type OfflineAnswers,
  offlineModelProvider,
  sampleModelProvider,
  toolOutput,
  userTexts,
} from './offline-model.js';
export { writeStreamedText } from './terminal.js';
export {
  runSampleWorker,
  SAMPLE_MODEL_PARAMS,
  SAMPLE_SHUTDOWN_GRACE_TIME,
  type SampleWorkerOptions,
} from './worker.js';
