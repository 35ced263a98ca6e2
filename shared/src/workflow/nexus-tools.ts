/**
 * A Nexus operation as an agent tool: the model's call starts the operation on a Nexus endpoint
 * (a service another team, namespace or task queue owns) and waits for its result, durably, as any
 * Nexus call from a workflow. The workflow needs no activity for it.
 */
import type { FunctionTool, ToolInputParameters } from '@openai/agents-core';
import { createNexusServiceClient, type StartNexusOperationOptions } from '@temporalio/workflow';
import type * as nexus from 'nexus-rpc';
import { type ToolDescription, toolFromCall } from './tools.js';

export interface NexusOperationAsToolOptions<TService extends nexus.ServiceDefinition, TParameters>
  extends ToolDescription<TParameters>,
    Partial<StartNexusOperationOptions> {
  /** The service the operation belongs to (its `nexus.service(...)` definition). */
  service: TService;
  /** The Nexus endpoint that routes the service, as created on the server (`temporal operator nexus endpoint create`). */
  endpoint: string;
}

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
  TParameters extends NonNullable<ToolInputParameters> = NonNullable<ToolInputParameters>,
>(operation: TOperation, options: NexusOperationAsToolOptions<TService, TParameters>): FunctionTool {
  const { service, endpoint, name, description, parameters, strict, errorMessage, needsApproval, ...startOptions } =
    options;
  if (!Object.values(service.operations).includes(operation)) {
    throw new TypeError(
      `nexusOperationAsTool: operation "${operation.name}" is not an operation of service "${service.name}". ` +
        'Pass one of service.operations.',
    );
  }
  startOptions.scheduleToCloseTimeout ??= '10m';
  startOptions.summary ??= description;
  const client = createNexusServiceClient({ service, endpoint });
  return toolFromCall({
    toolName: name ?? operation.name,
    description,
    parameters,
    strict,
    needsApproval,
    errorMessage,
    describeFailure: nexusErrorMessage,
    call: (args) => client.executeOperation(operation, args as nexus.OperationInput<TOperation>, startOptions),
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
