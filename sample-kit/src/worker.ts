/**
 * What a sample worker adds to the plain `Worker.create` + `worker.run()` a user copies: settings
 * from `.env`, the SDK's and webpack's logs kept to warnings unless asked for `--verbose`, a failure
 * to start explained in a few lines instead of a stack trace, one start line (server, namespace,
 * task queue, model source), and a Ctrl-C that lets in-flight activities finish.
 */
import { getDefaultModel, type ModelProvider, setTraceProcessors } from '@openai/agents-core';
import { setDefaultOpenAITracingExporter } from '@openai/agents-openai';
import { ApplicationFailure, type LogMetadata } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { DefaultLogger, type LogEntry, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { ModelActivityParameters } from 'openai-agents-temporal';
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
import { exitAfterFailure } from './terminal.js';

/** The worker connectWorker's signal handler stops; undefined until runUntilStopped has it. */
let runningWorker: Worker | undefined;
let connectedTo: TemporalConnectConfig | undefined;
let modelDescription: string | undefined;
/** The model calls' attempt limit withModelAttemptLimit set, for the start line. */
let modelAttemptLimit: number | undefined;

/** Signals this close to the first are the same Ctrl-C, relayed. */
const SAME_CTRL_C_WITHIN_MS = 150;

/** Prints a failure to start without a stack (unless --verbose) and exits 1. */
export function explainStartFailure(error: unknown): never {
  if (error instanceof SampleSetupError && !isVerbose()) console.error(error.message);
  else if (!isVerbose() && error instanceof Error) {
    console.error(`The ${sampleFolder().name} worker did not start:\n${error.message}\n  (--verbose shows the stack)`);
  } else console.error(error);
  exitAfterFailure();
}

/**
 * Connects a worker to the Temporal server the environment names (TEMPORAL_ADDRESS, a profile, or
 * the dev server), after loading `.env`; checks the namespace exists. Exits with a short message
 * saying what to fix when it cannot. Installs the Ctrl-C handling runUntilStopped relies on.
 */
export async function connectWorker(): Promise<{ connection: NativeConnection; namespace: string }> {
  loadSampleEnv();
  const verbose = isVerbose();
  // Signals are handled here, so the first Ctrl-C drains and a later one stops at once.
  // Core's own logs come through the same logger (forwarded), so its retry warnings can be summed up.
  Runtime.install({
    logger: sampleWorkerLogger(sampleFolder().name, verbose),
    shutdownSignals: [],
    telemetryOptions: { logging: { forward: {}, filter: { core: verbose ? 'INFO' : 'WARN' } } },
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // agents-core's default trace processor prints every span. With a key for OpenAI itself, send
  // traces to OpenAI's dashboard as `@openai/agents` does; otherwise (no key, or another
  // OpenAI-compatible server, whose key OpenAI would refuse) export nothing.
  if (process.env.OPENAI_API_KEY && callsOpenAI()) setDefaultOpenAITracingExporter();
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
 * The model calls' activity options, bounded by SAMPLES_MODEL_MAX_ATTEMPTS when it is set: for a run
 * that should fail rather than wait while the model server is down. Unset: Temporal's default,
 * unlimited attempts. A value that is not a number of attempts stops the worker with what to fix.
 */
export function withModelAttemptLimit(params: ModelActivityParameters): ModelActivityParameters {
  const value = process.env.SAMPLES_MODEL_MAX_ATTEMPTS;
  if (value === undefined || value === '') return params;
  const attempts = Number(value);
  if (!Number.isInteger(attempts) || attempts < 1) {
    explainStartFailure(
      new SampleSetupError(
        `SAMPLES_MODEL_MAX_ATTEMPTS must be a whole number of attempts, 1 or more (got "${value}"). ` +
          'Fix it in the environment or .env, or unset it to retry model calls without a limit.',
      ),
    );
  }
  modelAttemptLimit = attempts;
  return { ...params, retry: { ...params.retry, maximumAttempts: attempts } };
}

/** Whether the worker's model is OpenAI's own API: OPENAI_BASE_URL unset, or pointing at api.openai.com. */
function callsOpenAI(): boolean {
  const baseUrl = process.env.OPENAI_BASE_URL;
  return !baseUrl || /^https:\/\/api\.openai\.com(\/|$)/.test(baseUrl);
}

/**
 * The SDK's log, except that each failed activity attempt is one line (activity, attempt, failure
 * type and message, whether it is retried) instead of a warning with the whole stack, which
 * `--verbose` keeps.
 */
export function sampleWorkerLogger(
  name: string,
  verbose: boolean,
  print: (line: string) => void = (line) => console.error(line),
): DefaultLogger {
  const level = verbose ? 'INFO' : 'WARN';
  const sdk = new DefaultLogger(level);
  let unreachableSaidAt: number | undefined;
  return new DefaultLogger(level, (entry: LogEntry) => {
    if (verbose) sdk.log(entry.level, entry.message, entry.meta);
    else if (entry.message === 'Activity failed') print(failedAttemptLine(name, entry.meta ?? {}));
    else if (entry.message === 'Workflow failed') print(failedWorkflowLine(name, entry.meta ?? {}));
    else if (isServerRetry(entry)) {
      // The SDK's client logs every retry of every call while Temporal is down: one line per outage
      // (a minute without one ends it) says the same.
      const now = Date.now();
      if (unreachableSaidAt === undefined || now - unreachableSaidAt > UNREACHABLE_QUIET_MS) {
        const reason = plainText(String(entry.meta?.error ?? entry.message)).slice(0, 200);
        print(
          `${name} worker: the Temporal server is unreachable (${reason}); the worker keeps retrying. ` +
            '--verbose shows each retry.',
        );
      }
      unreachableSaidAt = now;
    } else sdk.log(entry.level, entry.message, entry.meta);
  });
}

/** After this long without a retry log, the next one is a new outage, said again. */
const UNREACHABLE_QUIET_MS = 60_000;

/** A log of the SDK's client retrying a call to the Temporal server (`temporalio_client::retry`). */
function isServerRetry(entry: LogEntry): boolean {
  const target = entry.meta?.target;
  return typeof target === 'string' && target.startsWith('temporalio_client::retry');
}

/** One line, without the terminal colour codes the SDK's core puts in its messages. */
function plainText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
  return (text.replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0] ?? '').trim();
}

/** The failure's type and first line: the innermost typed one of its causes, as the launcher shows it. */
function failureGist(error: unknown): { failure: Error; type: string; message: string } {
  let failure = error instanceof Error ? error : new Error(String(error));
  for (let cause = failure.cause; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type) failure = cause;
  }
  const type = failure instanceof ApplicationFailure && failure.type ? failure.type : failure.name;
  return { failure, type, message: (failure.message.split('\n')[0] ?? '').slice(0, 300) };
}

function failedWorkflowLine(name: string, meta: LogMetadata): string {
  const { type, message } = failureGist(meta.error);
  return `${name} worker: workflow ${String(meta.workflowType)} ${String(meta.workflowId)} failed (${type}): ${message}`;
}

function failedAttemptLine(name: string, meta: LogMetadata): string {
  const { activityType, attempt } = meta;
  const { failure, type, message } = failureGist(meta.error);
  let retry = '; retried';
  if (failure instanceof ApplicationFailure && failure.nonRetryable) retry = '; not retried (non-retryable)';
  else if (failure instanceof ApplicationFailure && failure.nextRetryDelay !== undefined) {
    retry = `; retried in ${Math.round(msToNumber(failure.nextRetryDelay) / 100) / 10} s`;
  }
  return `${name} worker: ${String(activityType)} attempt ${String(attempt)} failed (${type}): ${message}${retry}`;
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
  let model = modelDescription ?? `OpenAI at ${baseUrl}, default model ${getDefaultModel()}`;
  if (modelAttemptLimit) model += `; model calls: at most ${modelAttemptLimit} attempts`;
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
  // One Ctrl-C reaches this process more than once (from the terminal, and relayed by pnpm and tsx),
  // within milliseconds; a person's second press comes later than this.
  if (firstSignalAt !== undefined && now - firstSignalAt < SAME_CTRL_C_WITHIN_MS) return;
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
