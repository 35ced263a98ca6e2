/**
 * Short, readable reports of what went wrong in a sample run: the failure type, its message, what
 * to fix and the UI link, in a few lines. The nested cause chain only with `--verbose`.
 */
import { ActivityFailure, ApplicationFailure, type WorkflowFailedError } from '@temporalio/client';
import { FailureTypes, MCPFailureTypes } from 'openai-agents-temporal';

/** What to do about a failure type, where a reader can act on it. */
const FIXES: Record<string, string> = {
  [FailureTypes.authentication]:
    'set a valid OPENAI_API_KEY for the worker (in its environment or .env), then restart the worker.',
  [FailureTypes.permissionDenied]:
    "use a key whose project may use this model, or choose another model (OPENAI_DEFAULT_MODEL or the agent's model).",
  [FailureTypes.badRequest]:
    "check the model name (OPENAI_DEFAULT_MODEL or the agent's model), OPENAI_BASE_URL, and the agent's tools and input.",
  [FailureTypes.rateLimit]: 'wait and run again, or raise the rate limit of your OpenAI project.',
  [FailureTypes.invalidInput]: 'give the agent a non-empty prompt (a string or a list of items).',
  [FailureTypes.payloadTooLarge]:
    'keep prompts, images and tool results under 2 MB; pass large data by reference (a path or an id).',
  [FailureTypes.configuration]: 'fix the worker setup the message names, then restart the worker.',
  [FailureTypes.invalidResponse]:
    "point the worker's OPENAI_BASE_URL at an OpenAI-compatible API (ending in /v1), then restart the worker.",
  [FailureTypes.connection]: "check that the worker can reach OPENAI_BASE_URL (or OpenAI's API), then run again.",
  [FailureTypes.serverError]:
    'the model server kept failing for every attempt the retry policy allows (SAMPLES_MODEL_MAX_ATTEMPTS on a sample worker): run again later, or check the server at OPENAI_BASE_URL.',
  [FailureTypes.timeout]:
    'the model did not answer in time for every attempt the retry policy allows: run again, or raise modelParams.startToCloseTimeout.',
  'ScriptedModel.ScriptExhausted':
    "the offline answers do not cover this call: set OPENAI_API_KEY to call OpenAI, or extend the folder's offline answers.",
  [MCPFailureTypes.serverStartFailed]:
    "start the MCP server the message names (or fix its command or URL in the worker's provider), then run again.",
  MaxTurnsExceededError: "raise the run's maxTurns, or make the agent's instructions lead to a final answer sooner.",
  InputGuardrailTripwireTriggered:
    'a guardrail stopped the run; catch the tripwire in the workflow to turn it into a result.',
  OutputGuardrailTripwireTriggered:
    'a guardrail stopped the run; catch the tripwire in the workflow to turn it into a result.',
  TerminatedFailure: 'the run was terminated (from the UI or the CLI); start it again.',
  TimeoutFailure: 'the run or one of its activities timed out; check that the worker is running and the model answers.',
  CancelledFailure: 'the run was cancelled; start it again.',
};

/** The failure a reader should see: the innermost one with a type, else the innermost one. */
function rootFailure(error: Error): { failure: Error; type: string; activity: string | undefined } {
  const chain: Error[] = [];
  for (let current: unknown = error.cause; current instanceof Error; current = current.cause) chain.push(current);
  const activity = chain.find((failure) => failure instanceof ActivityFailure) as ActivityFailure | undefined;
  const typed = chain.findLast((failure) => failure instanceof ApplicationFailure && failure.type) as
    | ApplicationFailure
    | undefined;
  const failure = typed ?? chain.at(-1) ?? error;
  return { failure, type: typed?.type ?? failure.name, activity: activity?.activityType };
}

/** Every level of the cause chain with its stack, for `--verbose`. */
export function causeChain(error: Error): string {
  const lines: string[] = [];
  let depth = 0;
  for (let current: unknown = error; current instanceof Error; current = current.cause, depth++) {
    const type = current instanceof ApplicationFailure && current.type ? ` (${current.type})` : '';
    const stack = current.stack;
    lines.push(`${'  '.repeat(depth)}${current.name}${type}: ${current.message}`);
    if (stack) {
      const frames = stack.split('\n').filter((line) => line.trimStart().startsWith('at '));
      for (const frame of frames) lines.push(`${'  '.repeat(depth + 1)}${frame.trim()}`);
    }
  }
  return lines.join('\n');
}

/**
 * What to do about a failure type: the launcher's own advice first (e.g. the command that starts
 * the sample's MCP server), else the general one.
 */
export function fixFor(type: string, fixes: Record<string, string> = {}): string | undefined {
  return (
    fixes[type] ??
    FIXES[type] ??
    (type.endsWith('GuardrailTripwireTriggered') ? FIXES.InputGuardrailTripwireTriggered : undefined)
  );
}

/** The block a launcher prints when its workflow failed. */
export function describeWorkflowFailure(
  error: WorkflowFailedError,
  options: { uiUrl: string; verbose: boolean; fixes?: Record<string, string> | undefined },
): string {
  const { failure, type, activity } = rootFailure(error);
  const fix = fixFor(type, options.fixes);
  const where = activity ? ` in activity ${activity}` : '';
  const lines = [
    `The workflow failed${where}: ${type}`,
    indent(failure.message || error.message),
    `  Fix: ${fix ?? 'see the failure and the run’s history at the link below.'}`,
    `  See the run: ${options.uiUrl}`,
  ];
  if (options.verbose) lines.push('', causeChain(error));
  else lines.push('  (--verbose shows the full cause chain)');
  return lines.join('\n');
}

/** The block a launcher prints when the workflow's task keeps failing on the worker, so the run cannot go on. */
export function describeWorkflowTaskFailure(options: {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  attempt: number;
  message: string;
  stack: string | undefined;
  uiUrl: string;
  workerCommand: string;
  verbose: boolean;
}): string {
  const unknownType = /not found|no such function|is not a function|not registered/i.test(options.message);
  const fix = unknownType
    ? `the worker on ${options.taskQueue} has no workflow named ${options.workflowType}: check the launcher's task queue, ` +
      `export the workflow from the worker's workflows file, and restart the worker (${options.workerCommand}).`
    : 'fix the workflow code or the worker setup the message names, then restart the worker; the run picks up from where it stopped.';
  const lines = [
    `The workflow's task keeps failing on the worker (attempt ${options.attempt}), so the run cannot go on.`,
    indent(options.message),
    `  Fix: ${fix}`,
    `  The run stays open and retries. To stop it: temporal workflow terminate --workflow-id ${options.workflowId}`,
    `  See the run: ${options.uiUrl}`,
  ];
  if (options.verbose && options.stack) lines.push('', options.stack);
  else if (!options.verbose) lines.push('  (--verbose shows the stack)');
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
