/**
 * The whole of a sample worker: connect, bundle, poll, and stop gracefully on Ctrl-C. It says
 * where it is in one line (server, namespace, task queue, model source), keeps the SDK's and
 * webpack's logs to warnings unless asked for `--verbose`, and explains a failure to start in a
 * few lines instead of a stack trace.
 */
import { getDefaultModel, type ModelProvider, setTraceProcessors } from '@openai/agents-core';
import { setDefaultOpenAITracingExporter } from '@openai/agents-openai';
import { ApplicationFailure, type Duration, type LogMetadata } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import {
  bundleWorkflowCode,
  DefaultLogger,
  type LogEntry,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
import type { ModelActivityParameters } from '../common/model-params.js';
import { quietBundlerLogger } from '../worker/bundler.js';
import { OpenAIAgentsPlugin, type OpenAIAgentsPluginOptions } from '../worker/plugin.js';
import {
  connectionFailureMessage,
  isNamespaceNotFound,
  namespaceMissingMessage,
  SampleSetupError,
  temporalConnectConfig,
  unreachableReason,
} from './connection.js';
import { isVerbose, loadSampleEnv, sampleFolder } from './env.js';
import { type OfflineAnswers, offlineModelProvider } from './offline-model.js';

/**
 * The model settings sample workers use: a model call heartbeats every 2.5 s, so one lost with a
 * crashed worker is retried after 5 s instead of after its start-to-close timeout.
 */
export const SAMPLE_MODEL_PARAMS: ModelActivityParameters = { startToCloseTimeout: '60s', heartbeatTimeout: '5s' };

/** Signals this close to the first are the same Ctrl-C, relayed. */
const SAME_CTRL_C_WITHIN_MS = 150;

/** How long Ctrl-C lets in-flight activities (model calls, tools) finish before they are cancelled. */
export const SAMPLE_SHUTDOWN_GRACE_TIME: Duration = '20s';

export interface SampleWorkerOptions {
  taskQueue: string;
  workflowsPath: string;
  activities?: object;
  /** The folder's offline answers: the model when OPENAI_API_KEY is not set (and no modelProvider is given). */
  offline?: OfflineAnswers;
  /**
   * A model provider of the folder's own, used whether or not OPENAI_API_KEY is set, with the words
   * the start line uses for it (e.g. "Ollama at http://localhost:11434/v1, model gpt-oss:20b").
   */
  modelProvider?: { provider: ModelProvider; description: string };
  /** More plugin options, e.g. `mcpServerProviders`. */
  pluginOptions?: Omit<OpenAIAgentsPluginOptions, 'modelProvider' | 'modelParams'>;
  /** Model activity options, over SAMPLE_MODEL_PARAMS (so model calls keep heartbeating unless told otherwise). */
  modelParams?: ModelActivityParameters;
  /** More words for the start line, e.g. where the worker writes files. */
  note?: string;
  /** Default SAMPLE_SHUTDOWN_GRACE_TIME. */
  shutdownGraceTime?: Duration;
}

/** Which model the worker will call, and the words for it on the start line. */
function chooseModel(options: SampleWorkerOptions): { provider: ModelProvider | undefined; description: string } {
  if (options.modelProvider) return options.modelProvider;
  if (!process.env.OPENAI_API_KEY) {
    if (!options.offline) throw new TypeError('runSampleWorker needs `offline` answers or a `modelProvider`.');
    return {
      provider: offlineModelProvider(options.offline),
      description: 'offline answers (OPENAI_API_KEY is not set; put it in .env to call OpenAI)',
    };
  }
  const baseUrl = process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1';
  return { provider: undefined, description: `OpenAI at ${baseUrl}, default model ${getDefaultModel()}` };
}

/**
 * SAMPLES_MODEL_MAX_ATTEMPTS bounds the model calls' retries, for a run that should fail rather than
 * wait while the model server is down. Unset: Temporal's default, unlimited attempts.
 */
function withAttemptLimit(params: ModelActivityParameters): ModelActivityParameters {
  const value = process.env.SAMPLES_MODEL_MAX_ATTEMPTS;
  if (value === undefined || value === '') return params;
  const attempts = Number(value);
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new SampleSetupError(
      `SAMPLES_MODEL_MAX_ATTEMPTS must be a whole number of attempts, 1 or more (got "${value}"). ` +
        'Fix it in the environment or .env, or unset it to retry model calls without a limit.',
    );
  }
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

/** Prints a setup failure without a stack (unless --verbose) and exits 1. */
function exitWithSetupError(error: unknown, verbose: boolean): never {
  if (error instanceof SampleSetupError && !verbose) console.error(error.message);
  else console.error(error);
  process.exit(1);
}

/** Runs a sample folder's worker until Ctrl-C (SIGINT) or SIGTERM, then stops it gracefully and exits 0. */
export async function runSampleWorker(options: SampleWorkerOptions): Promise<void> {
  loadSampleEnv();
  const verbose = isVerbose();
  const name = sampleFolder().name;
  // Signals are handled here, so the first Ctrl-C drains and a later one stops at once.
  // Core's own logs come through the same logger (forwarded), so its retry warnings can be summed up.
  Runtime.install({
    logger: sampleWorkerLogger(name, verbose),
    shutdownSignals: [],
    telemetryOptions: { logging: { forward: {}, filter: { core: verbose ? 'INFO' : 'WARN' } } },
  });
  const shutdownGraceTime = options.shutdownGraceTime ?? SAMPLE_SHUTDOWN_GRACE_TIME;

  let worker: Worker | undefined;
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    // One Ctrl-C reaches this process more than once (from the terminal, and relayed by pnpm and tsx),
    // within milliseconds; a person's second press comes later than this.
    if (firstSignalAt !== undefined && now - firstSignalAt < SAME_CTRL_C_WITHIN_MS) return;
    if (firstSignalAt !== undefined) {
      console.log(`${name} worker: ${signal} again, exiting without waiting for in-flight activities.`);
      process.exit(130);
    }
    firstSignalAt = now;
    if (!worker) {
      console.log(`\n${name} worker: stopped (${signal}) before it started polling.`);
      process.exit(0);
    }
    const inFlight = worker.getStatus().numInFlightActivities;
    const grace = typeof shutdownGraceTime === 'number' ? `${shutdownGraceTime} ms` : shutdownGraceTime;
    const waiting =
      inFlight > 0
        ? `letting ${inFlight} in-flight ${inFlight === 1 ? 'activity' : 'activities'} finish (up to ${grace})`
        : 'no activity in flight';
    console.log(`\n${name} worker: stopping (${signal}); ${waiting}. Ctrl-C again to exit at once.`);
    worker.shutdown();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let description: string;
  let config: ReturnType<typeof temporalConnectConfig>;
  try {
    config = temporalConnectConfig();
    const model = chooseModel(options);
    description = model.description;
    // agents-core's default trace processor prints every span. With a key for OpenAI itself, send
    // traces to OpenAI's dashboard as `@openai/agents` does; otherwise (no key, or another
    // OpenAI-compatible server, whose key OpenAI would refuse) export nothing.
    if (process.env.OPENAI_API_KEY && callsOpenAI()) setDefaultOpenAITracingExporter();
    else setTraceProcessors([]);
    const modelParams = withAttemptLimit({ ...SAMPLE_MODEL_PARAMS, ...options.modelParams });
    const plugin = new OpenAIAgentsPlugin({
      ...options.pluginOptions,
      ...(model.provider ? { modelProvider: model.provider } : {}),
      modelParams,
    });
    const attempts = modelParams.retry?.maximumAttempts;
    if (attempts) description += `; model calls: at most ${attempts} attempts`;
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
    // Bundled here rather than by Worker.create so webpack's module list stays out of the way.
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: options.workflowsPath,
      plugins: [plugin],
      ...(verbose ? {} : { logger: quietBundlerLogger }),
    }).catch((error: unknown) => {
      throw new SampleSetupError(
        `The workflow bundle for ${options.workflowsPath} did not build:\n${error instanceof Error ? error.message : String(error)}`,
      );
    });
    worker = await Worker.create({
      connection,
      namespace: config.namespace,
      taskQueue: options.taskQueue,
      workflowBundle,
      activities: options.activities ?? {},
      shutdownGraceTime,
      plugins: [plugin],
    });
  } catch (error) {
    exitWithSetupError(error, verbose);
  }

  const profile = config.profile ? ` (profile ${config.profile})` : '';
  console.log(
    `${name} worker: Temporal ${config.address}${profile}, namespace ${config.namespace}, ` +
      `task queue ${options.taskQueue}, model: ${description}${options.note ? `; ${options.note}` : ''}. Ctrl-C stops it.`,
  );
  await worker.run();
  console.log(`${name} worker stopped.`);
  // The connection's native handles keep the event loop alive; the worker is done, so leave.
  process.exit(0);
}
