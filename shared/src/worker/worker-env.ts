/**
 * The worker side of secrets by reference (see common/worker-env.ts): an activity interceptor that
 * resolves `workerEnvRef(name)` against the plugin's allow-list, in the two places workflow code fills
 * and the model never does: an MCP provider activity's `factoryArgument`, and an activity tool's bound
 * arguments. A reference anywhere else (in the model's own tool arguments, say) is left as it is.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
  Next,
} from '@temporalio/worker';
import { FailureTypes } from '../common/names.js';
import { BOUND_ARGUMENTS_KEY, isWorkerEnvRef, WORKER_ENV_REF_KEY } from '../common/worker-env.js';

/** `value` with every reference replaced by its variable's value; throws a non-retryable failure when one is refused. */
export function resolveWorkerEnvRefs(
  value: unknown,
  allowList: ReadonlySet<string>,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  if (isWorkerEnvRef(value)) {
    const name = value[WORKER_ENV_REF_KEY];
    if (!allowList.has(name)) {
      throw ApplicationFailure.create({
        message:
          `workerEnvRef("${name}") is not allowed on this worker. Add "${name}" to the plugin's allow-list ` +
          `(new OpenAIAgentsPlugin({ workerEnvAllowList: ['${name}'] })) if this workflow may use it.`,
        type: FailureTypes.workerEnvNotAllowed,
        nonRetryable: true,
      });
    }
    const resolved = env[name];
    if (resolved === undefined) {
      throw ApplicationFailure.create({
        message: `workerEnvRef("${name}"): the worker's environment has no variable "${name}". Set it where the worker starts.`,
        type: FailureTypes.workerEnvUnset,
        nonRetryable: true,
      });
    }
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item) => resolveWorkerEnvRefs(item, allowList, env));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveWorkerEnvRefs(item, allowList, env)]),
    );
  }
  return value;
}

type Input = Record<string, unknown>;

function isPlainInput(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The activity's argument with references resolved where workflow code put them; the same object when there are none. */
function resolvedArgument(argument: unknown, isMcpActivity: boolean, allowList: ReadonlySet<string>): unknown {
  if (!isPlainInput(argument)) return argument;
  let resolved = argument;
  if (isMcpActivity && argument.factoryArgument !== undefined) {
    resolved = { ...resolved, factoryArgument: resolveWorkerEnvRefs(argument.factoryArgument, allowList) };
  }
  if (BOUND_ARGUMENTS_KEY in argument) {
    const { [BOUND_ARGUMENTS_KEY]: bound, ...modelArguments } = resolved;
    const boundResolved = resolveWorkerEnvRefs(bound, allowList);
    resolved = { ...modelArguments, ...(isPlainInput(boundResolved) ? boundResolved : {}) };
  }
  return resolved;
}

/** Resolves references in activity arguments on this worker; `mcpActivityNames` are the MCP providers' activities. */
export function workerEnvActivityInterceptor(
  allowList: readonly string[],
  mcpActivityNames: ReadonlySet<string>,
): ActivityInterceptorsFactory {
  const allowed = new Set(allowList);
  const inbound: ActivityInboundCallsInterceptor = {
    execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>) {
      const [first, ...rest] = input.args;
      const isMcpActivity = mcpActivityNames.has(Context.current().info.activityType);
      const resolved = resolvedArgument(first, isMcpActivity, allowed);
      return next(resolved === first ? input : { ...input, args: [resolved, ...rest] });
    },
  };
  return () => ({ inbound });
}
