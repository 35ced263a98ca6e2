/**
 * A Nexus operation as an agent tool: the model's call starts the operation on a Nexus endpoint
 * (a service another team, namespace or task queue owns) and waits for its result, durably, as any
 * Nexus call from a workflow. The workflow needs no activity for it.
 */
import { createNexusServiceClient, type StartNexusOperationOptions } from '@temporalio/workflow';
import type * as nexus from 'nexus-rpc';
import { callOptions, type TemporalCallTool, type ToolDescription, toolFromCall } from './tools.js';

/** `nexusOperationAsTool`'s options for an operation that takes `TInput`: `parameters` must parse to it. */
export type NexusOperationAsToolOptions<TService extends nexus.ServiceDefinition, TInput> = ToolDescription<TInput> &
  Partial<StartNexusOperationOptions> & {
    /** The service the operation belongs to (its `nexus.service(...)` definition). */
    service: TService;
    /** The Nexus endpoint that routes the service, as created on the server (`temporal operator nexus endpoint create`). */
    endpoint: string;
  };

/**
 * A Nexus operation as an agents `FunctionTool`. `parameters` is the operation's input schema: the
 * model's arguments are parsed and checked against it (a zod schema is enforced before the call, so
 * the operation gets a valid input or the model is told what is wrong), and the result goes back to
 * the model as text. A failed operation is reported to the model, as `activityAsTool` does.
 * Default `scheduleToCloseTimeout`: 10 minutes; the tool's name: the operation's name.
 */
export function nexusOperationAsTool<
  TService extends nexus.ServiceDefinition,
  TOperation extends TService['operations'][keyof TService['operations']],
>(
  operation: TOperation,
  options: NexusOperationAsToolOptions<TService, nexus.OperationInput<TOperation>>,
): TemporalCallTool;
// The typed signature above checks the pairing of schema and operation; from here on the arguments
// are what the schema parsed, handled alike whatever their type.
export function nexusOperationAsTool(
  operation: nexus.OperationDefinition<unknown, unknown>,
  options: NexusOperationAsToolOptions<nexus.ServiceDefinition, unknown>,
): TemporalCallTool {
  const { name, description } = options;
  const { service, endpoint, ...startOptions } = callOptions(options);
  if (!Object.values(service.operations).includes(operation)) {
    throw new TypeError(
      `nexusOperationAsTool: operation "${operation.name}" is not an operation of service "${service.name}". ` +
        'Pass one of service.operations.',
    );
  }
  startOptions.scheduleToCloseTimeout ??= '10m';
  startOptions.summary ??= description;
  const client = createNexusServiceClient({ service, endpoint });
  return toolFromCall(options, {
    toolName: name ?? operation.name,
    describeFailure: nexusErrorMessage,
    call: (args) => client.executeOperation(operation, args, startOptions),
  });
}

/**
 * The innermost cause's message: the handler's own ("no forecast for Atlantis"), rather than the
 * wrappers' ("Nexus Operation completed unsuccessfully", the handler error's).
 */
function nexusErrorMessage(error: unknown): string {
  let innermost: unknown = error;
  const seen = new Set<unknown>();
  while (innermost instanceof Error && innermost.cause instanceof Error && !seen.has(innermost)) {
    seen.add(innermost);
    innermost = innermost.cause;
  }
  return innermost instanceof Error ? innermost.message : String(innermost);
}
