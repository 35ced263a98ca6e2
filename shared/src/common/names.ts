/** Activity and failure names shared by the workflow side and the worker side. */

/** The model activity. Namespaced so it can sit beside `@temporalio/openai-agents` on one worker. */
export const INVOKE_MODEL_ACTIVITY = 'OpenAIAgents.invokeModel';

/** Failure types the plugin raises; `ApplicationFailure.type` carries them to the caller. */
export const FailureTypes = {
  /** The worker has no usable credentials for the model provider (missing or rejected API key). */
  authentication: 'ModelInvocationError.Authentication',
  /** The request was rejected as invalid (400, 404, 422): fix the request, retrying will not help. */
  badRequest: 'ModelInvocationError.BadRequest',
  /** The key lacks permission for this model or resource (403). */
  permissionDenied: 'ModelInvocationError.PermissionDenied',
  /** 429: retried after the server's `retry-after` delay. */
  rateLimit: 'ModelInvocationError.RateLimit',
  /** 408 or a client-side timeout: retried. */
  timeout: 'ModelInvocationError.Timeout',
  /** The model server could not be reached or dropped the connection: retried. */
  connection: 'ModelInvocationError.Connection',
  /** 409: retried. */
  conflict: 'ModelInvocationError.Conflict',
  /** 5xx: retried unless the server says `x-should-retry: false`. */
  serverError: 'ModelInvocationError.ServerError',
  /** Any other HTTP status that is not retryable. */
  nonRetryableStatus: 'ModelInvocationError.NonRetryable',
  /** The model answered with a body that could not be parsed. */
  invalidResponse: 'ModelInvocationError.InvalidResponse',
  /** A model activity payload was larger than Temporal accepts. */
  payloadTooLarge: 'OpenAIAgents.PayloadTooLarge',
  /** The input given to an agent run is empty or not a string, a list of items, or a RunState. */
  invalidInput: 'OpenAIAgents.InvalidInput',
  /** Any other error out of an agent run inside a workflow (as Python's AgentsWorkflowError). */
  agentsWorkflowError: 'AgentsWorkflowError',
  /** A `workerEnvRef(name)` whose name is not in the worker's `workerEnvAllowList`. */
  workerEnvNotAllowed: 'OpenAIAgents.WorkerEnvNotAllowed',
  /** A `workerEnvRef(name)` that the allow-list has, but the worker's environment does not set. */
  workerEnvUnset: 'OpenAIAgents.WorkerEnvUnset',
  /** Workflow code called an `@openai/agents` API that belongs on the worker (OpenAIProvider, setDefaultOpenAIKey, ...). */
  workerOnlyApi: 'OpenAIAgents.WorkerOnlyAPI',
  /** The workflow bundle or plugin is set up wrongly. */
  configuration: 'OpenAIAgents.ConfigurationError',
} as const;
