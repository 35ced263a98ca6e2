/**
 * This repo's sample conveniences, around the plain Temporal and plugin calls each sample shows:
 * where Temporal is (`.env`, TEMPORAL_* variables, profiles) with a short message when it cannot be
 * reached, the offline answers a worker uses without OPENAI_API_KEY, a worker's start line and
 * Ctrl-C grace, and a launcher's progress and failure reports. Not published; a project of your own
 * needs none of it.
 */

export {
  clientConnectionOptions,
  connectClient,
  SampleSetupError,
  type TemporalConnectConfig,
  temporalAddress,
  temporalConnectConfig,
  temporalNamespace,
  workflowUiUrl,
} from './connection.js';
export { loadSampleEnv, sampleArguments, wholeNumberArgument, workerCommand } from './env.js';
export {
  LinesPrintedOnce,
  printFinishedSearches,
  type WatchOptions,
  waitForResult,
  waitForResultShowingProgress,
  watchRun,
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
  connectWorker,
  describeModel,
  explainStartFailure,
  runUntilStopped,
  withModelAttemptLimit,
} from './worker.js';
