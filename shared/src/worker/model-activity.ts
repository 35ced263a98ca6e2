import { getCurrentTrace, type ModelProvider, type ModelRequest, NoopTrace, withTrace } from '@openai/agents-core';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, type Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { DEFAULT_MAX_SERVER_RETRY_DELAY } from '../common/model-params.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
import {
  describeInputItemProblem,
  findInputItemProblem,
  fromWireRequest,
  type InvokeModelInput,
  type SerializedModelResponse,
  toWireResponse,
  WIRE_VERSION,
} from '../common/wire.js';
import { type ModelCallInfo, runInModelCall } from './model-call.js';
import { classifyModelError } from './model-errors.js';
import { ModelInputCache } from './model-input-cache.js';
import { type StreamingModelInput, streamModelCall } from './model-stream.js';

export type ModelActivities = {
  [INVOKE_MODEL_ACTIVITY]: (input: InvokeModelInput) => Promise<SerializedModelResponse>;
};

export interface ModelActivityOptions {
  /** The longest wait a model server may ask for before the next attempt. Default 60 s. */
  maxServerRetryDelay?: Duration | undefined;
}

/**
 * The largest activity result Temporal stores: the server's default payload limit (2 MiB), less room
 * for the payload's metadata. A larger result is refused after the paid call was made, and, above
 * gRPC's 4 MB message limit, the attempt times out and the call is made again.
 */
export const MAX_MODEL_RESULT_BYTES = 2 * 1024 * 1024 - 4 * 1024;

/** How often the activity heartbeats when it has no heartbeat timeout; the SDK throttles it further. */
const HEARTBEAT_INTERVAL_WITHOUT_TIMEOUT_MS = 10_000;

/** The model activity: one model call, with the worker's provider, as one Temporal activity. */
export function createModelActivities(provider: ModelProvider, options: ModelActivityOptions = {}): ModelActivities {
  const maxServerRetryDelayMs = msToNumber(options.maxServerRetryDelay ?? DEFAULT_MAX_SERVER_RETRY_DELAY);
  const inputs = new ModelInputCache();
  return {
    async [INVOKE_MODEL_ACTIVITY](input: InvokeModelInput): Promise<SerializedModelResponse> {
      if (input.wireVersion > WIRE_VERSION) {
        throw ApplicationFailure.nonRetryable(
          `Model request wire version ${input.wireVersion} is newer than this worker understands (${WIRE_VERSION}): upgrade the worker.`,
          FailureTypes.configuration,
        );
      }
      assertSendableInput(input);
      const context = Context.current();
      const deadline = startDeadline(context);
      const stopHeartbeat = startHeartbeat(context);
      try {
        const call: ModelCallInfo = {
          agentName: input.agentName,
          agentTurn: input.agentTurn ?? 0,
          modelName: input.modelName || undefined,
        };
        const wholeInput = await inputs.resolve(input, context);
        const request: ModelRequest = {
          ...fromWireRequest({ ...input.request, input: wholeInput }),
          signal: AbortSignal.any([context.cancellationSignal, deadline.signal]),
        };
        const { stream } = input as StreamingModelInput;
        const wire = await runInModelCall(call, async () => {
          const model = await provider.getModel(call.modelName);
          // A streamed call asks the provider's streaming API and publishes the events as they come.
          const answer = async (): Promise<SerializedModelResponse> =>
            stream
              ? streamModelCall(model, request, {
                  input,
                  stream,
                  context,
                  maxResultBytes: MAX_MODEL_RESULT_BYTES,
                  deadline,
                })
              : toWireResponse(await model.getResponse(request));
          // The plugin's activity interceptor runs the call in the workflow's trace, under the span
          // that made it (the turn), so the model's own response or generation span joins that trace.
          if (getCurrentTrace()) return answer();
          // No trace came with the call (the run has tracing disabled): OpenAI models still open a
          // response span, which needs a trace context, so the call runs in a no-op trace.
          request.tracing = false;
          return withTrace(new NoopTrace(), answer);
        });
        assertResultFits(wire, input.agentName);
        inputs.rememberOutput(input, context, wire.output);
        return wire;
      } catch (error) {
        // Cancelled (by the workflow, a timeout the server saw first, or worker shutdown): the SDK
        // reports the activity as cancelled only when it throws the CancelledFailure it was given.
        if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason ?? error;
        // A streamed call says itself how its deadline cut it short (see model-stream.ts).
        if (deadline.signal.aborted && !(error instanceof ApplicationFailure)) throw deadline.failure();
        throw classifyModelError(error, { attempt: context.info.attempt, maxServerRetryDelayMs });
      } finally {
        stopHeartbeat();
        deadline.clear();
      }
    },
  };
}

/** Items the model client would choke on fail here, before any HTTP call, naming the item. */
function assertSendableInput(input: InvokeModelInput): void {
  const problem = findInputItemProblem(input.request.input);
  if (!problem) return;
  throw ApplicationFailure.nonRetryable(
    `The model request${input.agentName ? ` from agent "${input.agentName}"` : ''} has an input item the model ` +
      `cannot take: ${describeInputItemProblem(problem)}. Fix the item where it is made; retrying cannot help.`,
    FailureTypes.invalidInput,
  );
}

function assertResultFits(wire: SerializedModelResponse, agentName: string | undefined): void {
  const bytes = Buffer.byteLength(JSON.stringify(wire));
  if (bytes <= MAX_MODEL_RESULT_BYTES) return;
  throw ApplicationFailure.nonRetryable(
    `The model's answer${agentName ? ` to agent "${agentName}"` : ''} is ${megabytes(bytes)} once serialized, over ` +
      "Temporal's 2 MB payload limit, so it cannot be stored; the call is not retried, since the same request " +
      'would bring an answer as large. Ask for less per call: set modelSettings.maxTokens, tell the agent to be ' +
      'brief or to split the work over several turns, or have a tool write large content to storage and return a ' +
      'reference.',
    FailureTypes.payloadTooLarge,
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

/**
 * Aborts the call just before the attempt's own deadline (start-to-close, or what is left of
 * schedule-to-close), so a request never outlives its attempt: otherwise the server times the attempt
 * out, schedules the next one, and two requests for one call run at once. The margin leaves time to
 * report a typed timeout before the server's own timer fires.
 */
function startDeadline(context: Context): {
  signal: AbortSignal;
  failure: () => ApplicationFailure;
  describe: () => string;
  clear: () => void;
} {
  const { info } = context;
  const startedAt = Date.now();
  const limits: Array<[number, string]> = [];
  if (info.startToCloseTimeoutMs > 0) limits.push([info.startToCloseTimeoutMs, 'start-to-close']);
  const scheduleToCloseLeft = info.scheduledTimestampMs + info.scheduleToCloseTimeoutMs - startedAt;
  if (info.scheduleToCloseTimeoutMs > 0 && scheduleToCloseLeft > 0) {
    limits.push([scheduleToCloseLeft, 'schedule-to-close']);
  }
  const controller = new AbortController();
  const nearest = limits.sort(([a], [b]) => a - b)[0];
  if (!nearest) {
    return { signal: controller.signal, failure: () => deadlineFailure(''), describe: () => '', clear: () => {} };
  }
  const [limitMs, which] = nearest;
  const timer = setTimeout(() => controller.abort(), limitMs - Math.min(1000, limitMs * 0.1));
  const describe = () => `the activity's ${which} timeout (${Math.round(limitMs / 100) / 10} s)`;
  return {
    signal: controller.signal,
    failure: () => deadlineFailure(describe()),
    describe,
    clear: () => clearTimeout(timer),
  };
}

function deadlineFailure(limit: string): ApplicationFailure {
  return ApplicationFailure.create({
    message:
      `The model call did not finish within ${limit}, so its ` +
      'request was aborted before the next attempt starts. Raise modelParams.startToCloseTimeout if the model ' +
      'needs longer.',
    type: FailureTypes.timeout,
    nonRetryable: false,
  });
}

/**
 * Heartbeats while the call runs: every half heartbeat timeout when there is one, else now and then.
 * A heartbeat is how a running activity learns that it was cancelled or timed out.
 */
function startHeartbeat(context: Context): () => void {
  if (context.info.isLocal) return () => {};
  const timeout = context.info.heartbeatTimeoutMs;
  const interval = timeout ? Math.max(100, timeout / 2) : HEARTBEAT_INTERVAL_WITHOUT_TIMEOUT_MS;
  const timer = setInterval(() => context.heartbeat(), interval);
  return () => clearInterval(timer);
}
