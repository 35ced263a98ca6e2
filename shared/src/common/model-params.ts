/**
 * Activity options for model calls: the TypeScript form of Python's `ModelActivityParameters`,
 * with the same defaults.
 */

import type { ModelRequest } from '@openai/agents-core';
import type { ActivityCancellationType, Duration, Priority, RetryPolicy, VersioningIntent } from '@temporalio/common';

/** What a summary function sees about one model call. */
export interface ModelCallDescription {
  agentName: string | undefined;
  modelName: string;
  systemInstructions: string | undefined;
  input: ModelRequest['input'];
}

/**
 * Computes the activity summary shown in the Temporal UI for one model call.
 * It runs inside the workflow, so it must be deterministic and self-contained: the plugin
 * copies its source into the workflow bundle, so it cannot use variables from its surroundings.
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
  /** Unset means Temporal's default: unlimited attempts with exponential backoff. */
  retryPolicy?: RetryPolicy;
  /** Default TRY_CANCEL. */
  cancellationType?: ActivityCancellationType;
  /** @deprecated as in Temporal's SDK: use worker versioning. */
  versioningIntent?: VersioningIntent;
  /** A fixed summary, or a function of the call. Default: "<agent>: <model>". */
  summary?: string | ModelSummaryProvider;
  priority?: Priority;
  /** Run model calls as local activities. Changing this for running workflows breaks determinism. */
  useLocalActivity?: boolean;
}

export const DEFAULT_MODEL_START_TO_CLOSE_TIMEOUT = '60s';

/** The global the plugin's generated bundle entry sets; read by the workflow side. */
export const BUNDLE_CONFIG_GLOBAL = '__openaiAgentsTemporalConfig';

/** Set by the plugin's generated bundle entry; the summary function arrives as code, not JSON. */
export interface BundleConfig {
  modelParams: ModelActivityParameters;
}
