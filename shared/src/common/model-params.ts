/**
 * Activity options for model calls: the TypeScript form of Python's `ModelActivityParameters`,
 * with the same defaults.
 */

import type { ModelRequest } from '@openai/agents-core';
import type { ActivityCancellationType, Duration, Priority, RetryPolicy, VersioningIntent } from '@temporalio/common';
import type { ModelStreamingOptions } from './streaming.js';

/** What a summary function sees about one model call. */
export interface ModelCallDescription {
  agentName: string | undefined;
  modelName: string;
  systemInstructions: string | undefined;
  input: ModelRequest['input'];
}

/**
 * Computes the activity summary shown in the Temporal UI for one model call. It runs inside the
 * workflow, so it must be deterministic. Functions live in workflow code: pass one to
 * `new ActivityModelProvider({ summary })` from `openai-agents-temporal/workflow`.
 */
export type ModelSummaryProvider = (call: ModelCallDescription) => string;

export interface ModelActivityParameters {
  /** Task queue for the model activity; defaults to the workflow's own. Ignored for local activities. */
  taskQueue?: string;
  scheduleToCloseTimeout?: Duration;
  scheduleToStartTimeout?: Duration;
  /** Default 60 seconds, as in Python. */
  startToCloseTimeout?: Duration;
  /** When set, the activity heartbeats every half of it while the model call runs. */
  heartbeatTimeout?: Duration;
  /** As `ActivityOptions.retry`. Unset means Temporal's default: unlimited attempts with exponential backoff. */
  retry?: RetryPolicy;
  /** Default TRY_CANCEL. */
  cancellationType?: ActivityCancellationType;
  /** @deprecated as in Temporal's SDK: use worker versioning. */
  versioningIntent?: VersioningIntent;
  /**
   * A fixed summary for every model call. Default: "<agent>: <model>". The plugin's options cross
   * into the workflow bundle as data, so a summary computed per call is set in workflow code
   * (`new ActivityModelProvider({ summary: (call) => ... })`).
   */
  summary?: string;
  priority?: Priority;
  /** Run model calls as local activities. Changing this for running workflows breaks determinism. */
  useLocalActivity?: boolean;
  /**
   * Streamed runs (`{ stream: true }`) publish the model's events live to the run's stream (see the
   * README's Streaming section). `true` means the defaults. Off by default: a streamed run then gets
   * each answer as one event. Not with `useLocalActivity`.
   */
  streaming?: boolean | ModelStreamingOptions;
  /**
   * The longest wait a model server may ask for (`retry-after`, `retry-after-ms`) before the next
   * attempt; a longer request is shortened to this, and the failure message says so. Default 60 s.
   * Read on the worker by the model activity, so it is set on the plugin, not in workflow code.
   */
  maxServerRetryDelay?: Duration;
}

/** Model activity options set in workflow code, where the summary can be a function of the call. */
export interface WorkflowModelParameters extends Omit<ModelActivityParameters, 'summary' | 'maxServerRetryDelay'> {
  summary?: string | ModelSummaryProvider;
}

export const DEFAULT_MODEL_START_TO_CLOSE_TIMEOUT = '60s';

/** Default for `maxServerRetryDelay`: long enough for any rate-limit window we know of, short of stalling a run. */
export const DEFAULT_MAX_SERVER_RETRY_DELAY = '60s';

/** What the plugin bakes into the workflow bundle: its model parameters and the worker's default model. */
export interface BundledModelParameters extends ModelActivityParameters {
  /** The model the worker's provider uses when an agent names none, for activity summaries. */
  defaultModelName?: string;
}

/**
 * The identifier the plugin defines in the workflow bundle (webpack's DefinePlugin) with the
 * plugin's model parameters as JSON; read by the workflow side.
 */
export const BUNDLED_MODEL_PARAMS = '__OPENAI_AGENTS_TEMPORAL_MODEL_PARAMS__';
