/**
 * What a sample worker adds to the plain `Worker.create` + `worker.run()` a user copies: settings
 * from `.env`, the SDK's and webpack's logs kept to warnings unless asked for `--verbose`, a failure
 * to start explained in a few lines instead of a stack trace, one start line (server, namespace,
 * task queue, model source), and a Ctrl-C that lets in-flight activities finish.
 */
import { getDefaultModel, type ModelProvider, setTraceProcessors } from '@openai/agents-core';
import { setDefaultOpenAITracingExporter } from '@openai/agents-openai';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import {
  connectionFailureMessage,
  isNamespaceNotFound,
  namespaceMissingMessage,
  SampleSetupError,
  type TemporalConnectConfig,
  temporalConnectConfig,
  unreachableReason,
} from './connection.js';
import { isVerbose, loadSampleEnv, sampleFolder } from './env.js';

/** The worker connectWorker's signal handler stops; undefined until runUntilStopped has it. */
let runningWorker: Worker | undefined;
let connectedTo: TemporalConnectConfig | undefined;
let modelDescription: string | undefined;

/** Prints a failure to start without a stack (unless --verbose) and exits 1. */
export function explainStartFailure(error: unknown): never {
  if (error instanceof SampleSetupError && !isVerbose()) console.error(error.message);
  else if (!isVerbose() && error instanceof Error) {
    console.error(`The ${sampleFolder().name} worker did not start:\n${error.message}\n  (--verbose shows the stack)`);
  } else console.error(error);
  process.exit(1);
}

/**
 * Connects a worker to the Temporal server the environment names (TEMPORAL_ADDRESS, a profile, or
 * the dev server), after loading `.env`; checks the namespace exists. Exits with a short message
 * saying what to fix when it cannot. Installs the Ctrl-C handling runUntilStopped relies on.
 */
export async function connectWorker(): Promise<{ connection: NativeConnection; namespace: string }> {
  loadSampleEnv();
  // Signals are handled here, so the first Ctrl-C drains and a later one stops at once.
  Runtime.install({ logger: new DefaultLogger(isVerbose() ? 'INFO' : 'WARN'), shutdownSignals: [] });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // agents-core's default trace processor prints every span. With a key, send traces to OpenAI's
  // dashboard as `@openai/agents` does; without one, export nothing.
  if (process.env.OPENAI_API_KEY) setDefaultOpenAITracingExporter();
  else setTraceProcessors([]);
  try {
    const config = temporalConnectConfig();
    const unreachable = await unreachableReason(config.address);
    if (unreachable) throw new SampleSetupError(connectionFailureMessage(config, unreachable));
    let connection: NativeConnection;
    try {
      connection = await NativeConnection.connect(config.connectionOptions);
    } catch (error) {
      throw new SampleSetupError(connectionFailureMessage(config, error));
    }
    // Checked here, so a missing namespace is one clear message rather than the worker's transport error.
    await connection.workflowService.describeNamespace({ namespace: config.namespace }).catch((error: unknown) => {
      throw isNamespaceNotFound(error) ? new SampleSetupError(namespaceMissingMessage(config)) : error;
    });
    connectedTo = config;
    return { connection, namespace: config.namespace };
  } catch (error) {
    explainStartFailure(error);
  }
}

/** Names the worker's model on the start line, e.g. "Ollama at http://localhost:11434/v1"; returns the provider. */
export function describeModel<P extends ModelProvider | undefined>(provider: P, description: string): P {
  modelDescription = description;
  return provider;
}

/**
 * Runs the worker until Ctrl-C (SIGINT) or SIGTERM, then stops it gracefully (in-flight activities
 * get the worker's shutdownGraceTime) and exits 0. `note` adds words to the start line.
 */
export async function runUntilStopped(worker: Worker, options: { note?: string } = {}): Promise<never> {
  runningWorker = worker;
  const config = connectedTo ?? temporalConnectConfig();
  const profile = config.profile ? ` (profile ${config.profile})` : '';
  const baseUrl = process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1';
  const model = modelDescription ?? `OpenAI at ${baseUrl}, default model ${getDefaultModel()}`;
  console.log(
    `${sampleFolder().name} worker: Temporal ${config.address}${profile}, namespace ${worker.options.namespace}, ` +
      `task queue ${worker.options.taskQueue}, model: ${model}${options.note ? `; ${options.note}` : ''}. Ctrl-C stops it.`,
  );
  await worker.run();
  console.log(`${sampleFolder().name} worker stopped.`);
  // The connection's native handles keep the event loop alive; the worker is done, so leave.
  process.exit(0);
}

let firstSignalAt: number | undefined;

function onSignal(signal: NodeJS.Signals): void {
  const name = sampleFolder().name;
  const now = Date.now();
  // One Ctrl-C reaches this process more than once (from the terminal, and relayed by pnpm and tsx).
  if (firstSignalAt !== undefined && now - firstSignalAt < 1_000) return;
  if (firstSignalAt !== undefined) {
    console.log(`${name} worker: ${signal} again, exiting without waiting for in-flight activities.`);
    process.exit(130);
  }
  firstSignalAt = now;
  if (!runningWorker) {
    console.log(`\n${name} worker: stopped (${signal}) before it started polling.`);
    process.exit(0);
  }
  const inFlight = runningWorker.getStatus().numInFlightActivities;
  const graceMs = runningWorker.options.shutdownGraceTimeMs;
  const grace = graceMs % 1000 === 0 ? `${graceMs / 1000}s` : `${graceMs} ms`;
  const waiting =
    inFlight > 0
      ? `letting ${inFlight} in-flight ${inFlight === 1 ? 'activity' : 'activities'} finish (up to ${grace})`
      : 'no activity in flight';
  console.log(`\n${name} worker: stopping (${signal}); ${waiting}. Ctrl-C again to exit at once.`);
  runningWorker.shutdown();
}
