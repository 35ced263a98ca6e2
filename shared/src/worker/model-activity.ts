import { getCurrentTrace, type ModelProvider, type ModelRequest, NoopTrace, withTrace } from '@openai/agents-core';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../common/names.js';
import {
  fromWireRequest,
  type InvokeModelInput,
  type SerializedModelResponse,
  toWireResponse,
  WIRE_VERSION,
} from '../common/wire.js';
import { type ModelCallInfo, runInModelCall } from './model-call.js';
import { classifyModelError } from './model-errors.js';

export type ModelActivities = {
  [INVOKE_MODEL_ACTIVITY]: (input: InvokeModelInput) => Promise<SerializedModelResponse>;
};

/** The model activity: one model call, with the worker's provider, as one Temporal activity. */
export function createModelActivities(provider: ModelProvider): ModelActivities {
  return {
    async [INVOKE_MODEL_ACTIVITY](input: InvokeModelInput): Promise<SerializedModelResponse> {
      if (input.wireVersion > WIRE_VERSION) {
        throw ApplicationFailure.nonRetryable(
          `Model request wire version ${input.wireVersion} is newer than this worker understands (${WIRE_VERSION}): upgrade the worker.`,
          FailureTypes.configuration,
        );
      }
      const context = Context.current();
      const stopHeartbeat = startHeartbeat(context);
      try {
        const call: ModelCallInfo = {
          agentName: input.agentName,
          agentTurn: input.agentTurn ?? 0,
          modelName: input.modelName || undefined,
        };
        const request: ModelRequest = { ...fromWireRequest(input.request), signal: context.cancellationSignal };
        const response = await runInModelCall(call, async () => {
          const model = await provider.getModel(call.modelName);
          if (getCurrentTrace()) return model.getResponse(request);
          // OpenAI models open a response span, which needs a trace context. Workflow traces do not
          // cross into activities yet, so the call runs in a no-op trace and reports no tracing data.
          request.tracing = false;
          return withTrace(new NoopTrace(), () => model.getResponse(request));
        });
        return toWireResponse(response);
      } catch (error) {
        throw classifyModelError(error);
      } finally {
        stopHeartbeat();
      }
    },
  };
}

/** Heartbeats every half heartbeat timeout while the call runs, when the activity has one. */
function startHeartbeat(context: Context): () => void {
  const timeout = context.info.heartbeatTimeoutMs;
  if (!timeout) return () => {};
  const timer = setInterval(() => context.heartbeat(), Math.max(100, timeout / 2));
  return () => clearInterval(timer);
}
