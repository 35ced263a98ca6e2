/**
 * Every use of `@openai/agents-core` internals in the plugin, in one place. agents-core has no public
 * hook for these, so an upgrade that changes one of them must fail one test:
 * `test/unit/agents-core-adapter.test.ts` pins each shape relied on here.
 *
 *   - `ModelRequest._internal`: the runner's private per-request fields. The plugin reads the agent
 *     name from the tracing parent span, carries the plain flags across the activity boundary, and
 *     sets `runnerManagedRetry` so OpenAI models leave retries to Temporal.
 *   - `Runner.prototype.run`: wrapped in workflows to validate run input and type errors (Python's
 *     plugin does the same in its runner); `run()` and `new Runner().run()` both go through it.
 *   - `normalizeToolAllowedCallers` from `@openai/agents-core/utils/internal`: the hosted-tool
 *     builders use it as agents-openai's own builders do.
 *   - `MultiTracingProcessor.prototype` (`onSpanStart`, `onSpanEnd`, `setProcessors`,
 *     `addTraceProcessor`): in workflows, span events go straight to the plugin's recorder when it is
 *     the only processor (see `sendSpanEventsDirectly`).
 */
import {
  type ModelRequest,
  MultiTracingProcessor,
  Runner,
  type Span,
  type SpanData,
  type TracingProcessor,
} from '@openai/agents-core';

export { normalizeToolAllowedCallers } from '@openai/agents-core/utils/internal';

/** The plain flags of `ModelRequest._internal` that must reach the model on the worker. */
export interface RequestInternals {
  reasoningEffortImplicit?: boolean;
  toolNameCollisionPolicy?: string;
}

type RawInternals = RequestInternals & {
  runnerManagedRetry?: boolean;
  tracingParent?: { spanData?: Record<string, unknown> };
};

function rawInternals(request: ModelRequest): RawInternals | undefined {
  return (request as { _internal?: RawInternals })._internal;
}

/** The plain flags to send with a request; `tracingParent` (a live span) stays behind. */
export function requestInternals(request: ModelRequest): RequestInternals | undefined {
  const internal = rawInternals(request);
  if (!internal) return undefined;
  const kept: RequestInternals = {};
  if (internal.reasoningEffortImplicit !== undefined) kept.reasoningEffortImplicit = internal.reasoningEffortImplicit;
  if (internal.toolNameCollisionPolicy !== undefined) kept.toolNameCollisionPolicy = internal.toolNameCollisionPolicy;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Restores the flags on the worker, and tells OpenAI models that the caller (Temporal) owns retries. */
export function withRequestInternals(request: ModelRequest, internals: RequestInternals | undefined): ModelRequest {
  const out = { ...request } as ModelRequest & { _internal?: RawInternals };
  out._internal = { ...internals, runnerManagedRetry: true };
  return out;
}

/** The runner passes its agent or turn span as the tracing parent; even no-op spans carry the agent name. */
export function agentNameOf(request: ModelRequest): string | undefined {
  const data = rawInternals(request)?.tracingParent?.spanData;
  if (!data) return undefined;
  const name = data.type === 'agent' ? data.name : data.agent_name;
  return typeof name === 'string' ? name : undefined;
}

type RunMethod = (this: Runner, agent: { name: string }, input: unknown, options?: unknown) => Promise<unknown>;
const WRAPPED = Symbol.for('openai-agents-temporal.runnerWrapped');

/**
 * Wraps `Runner.prototype.run` on this copy of agents-core (module state is per workflow run):
 * `before` sees each run's agent and input; `onError` maps what the run throws. Idempotent.
 */
export function wrapRunnerRun(hooks: {
  before: (agent: { name: string }, input: unknown) => void;
  onError: (error: unknown) => unknown;
}): void {
  const prototype = Runner.prototype as unknown as { run: RunMethod; [WRAPPED]?: true };
  if (prototype[WRAPPED]) return;
  const originalRun = prototype.run;
  // Not async: in the sandbox every promise costs a stack trace; `.catch` makes one where an async
  // function and its await made two.
  prototype.run = function run(this: Runner, agent, input, options) {
    try {
      hooks.before(agent, input);
    } catch (error) {
      return Promise.reject(error);
    }
    return originalRun.call(this, agent, input, options).catch((error: unknown) => {
      throw hooks.onError(error);
    });
  };
  prototype[WRAPPED] = true;
}

type SpanEvent = (this: MultiTracingProcessor, span: Span<SpanData>) => Promise<void>;
const DIRECT_SPAN_EVENTS = Symbol.for('openai-agents-temporal.directSpanEvents');

/**
 * Span events of the trace provider go straight to `processor` while it is the provider's only processor,
 * on this copy of agents-core (module state is per workflow run). agents-core's MultiTracingProcessor
 * hands every span start and end to its processors in an async method that awaits each in turn: a
 * promise per event, each a stack trace in the sandbox, 11 of a model call's 157 (`shared/perf`,
 * `--count-promises`). With one processor, calling it directly is the same call in the same order, and
 * `Span.start`/`end` put their `.catch` on the processor's own promise. Call before `setTraceProcessors`;
 * idempotent.
 */
export function sendSpanEventsDirectly(processor: TracingProcessor): void {
  const prototype = MultiTracingProcessor.prototype as unknown as {
    onSpanStart: SpanEvent;
    onSpanEnd: SpanEvent;
    setProcessors(this: MultiTracingProcessor, processors: TracingProcessor[]): void;
    addTraceProcessor(this: MultiTracingProcessor, processor: TracingProcessor): void;
    [DIRECT_SPAN_EVENTS]?: true;
  };
  if (prototype[DIRECT_SPAN_EVENTS]) return;
  const { onSpanStart, onSpanEnd, setProcessors, addTraceProcessor } = prototype;
  // The multi-processors whose processors are exactly [processor].
  const direct = new WeakSet<MultiTracingProcessor>();
  prototype.setProcessors = function (this: MultiTracingProcessor, processors: TracingProcessor[]) {
    setProcessors.call(this, processors);
    if (processors.length === 1 && processors[0] === processor) direct.add(this);
    else direct.delete(this);
  };
  prototype.addTraceProcessor = function (this: MultiTracingProcessor, added: TracingProcessor) {
    addTraceProcessor.call(this, added);
    direct.delete(this);
  };
  const directly = (event: SpanEvent, name: 'onSpanStart' | 'onSpanEnd'): SpanEvent =>
    function (this: MultiTracingProcessor, span: Span<SpanData>) {
      if (!direct.has(this)) return event.call(this, span);
      try {
        return processor[name](span);
      } catch (error) {
        return Promise.reject(error);
      }
    };
  prototype.onSpanStart = directly(onSpanStart, 'onSpanStart');
  prototype.onSpanEnd = directly(onSpanEnd, 'onSpanEnd');
  prototype[DIRECT_SPAN_EVENTS] = true;
}

// --- MCP -------------------------------------------------------------------------------------------
//   - `MCPServerStdio` / `MCPServerSSE` / `MCPServerStreamableHttp` keep their MCP client session at
//     `underlying.session` (an `@modelcontextprotocol/client` Client). agents-core's MCPServer has no
//     prompt API, so the worker reaches prompts through that session.
//   - Their prototypes' methods are replaced inside workflows, where they would fail with "Method not
//     implemented." (a plain Error, so a workflow task retried forever) with a typed failure.

import { MCPServerSSE, MCPServerStdio, MCPServerStreamableHttp } from '@openai/agents-core';

/** The prompt calls of an MCP client session, as `@modelcontextprotocol/client`'s Client has them. */
export interface MCPPromptSession {
  listPrompts(params?: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
  getPrompt(
    params: { name: string; arguments?: Record<string, string> },
    options?: Record<string, unknown>,
  ): Promise<unknown>;
}

function isPromptSession(value: unknown): value is MCPPromptSession {
  const candidate = value as Partial<MCPPromptSession> | null | undefined;
  return typeof candidate?.listPrompts === 'function' && typeof candidate.getPrompt === 'function';
}

/** The connected MCP client session behind one of agents-core's Node MCP server classes, if there is one. */
export function mcpPromptSessionOf(server: object): MCPPromptSession | undefined {
  const session = (server as { underlying?: { session?: unknown } }).underlying?.session;
  return isPromptSession(session) ? session : undefined;
}

/**
 * The MCP `ping` of the client session behind one of agents-core's Node MCP server classes, bound to it;
 * undefined when the server has no connected session with one.
 */
export function mcpPingOf(server: object): ((options?: { timeout?: number }) => Promise<unknown>) | undefined {
  const session = (server as { underlying?: { session?: { ping?: unknown } } }).underlying?.session;
  const ping = session?.ping;
  return typeof ping === 'function' ? (options) => ping.call(session, options) : undefined;
}

/** The agents-core MCP server classes that do I/O, and the methods workflows must not reach. */
export const MCP_SERVER_CLASS_METHODS = [
  'connect',
  'close',
  'listTools',
  'callTool',
  'callToolResult',
  'listResources',
  'listResourceTemplates',
  'readResource',
  'invalidateToolsCache',
] as const;

const MCP_GUARDED = Symbol.for('openai-agents-temporal.mcpServerClassesGuarded');

/**
 * Makes every I/O method of MCPServerStdio, MCPServerSSE and MCPServerStreamableHttp on this copy of
 * agents-core reject with `failure(className)`. Idempotent.
 */
export function guardMcpServerClasses(failure: (className: string) => Error): void {
  const classes = { MCPServerStdio, MCPServerSSE, MCPServerStreamableHttp } as Record<string, { prototype: object }>;
  for (const [className, serverClass] of Object.entries(classes)) {
    const prototype = serverClass.prototype as Record<string | symbol, unknown>;
    if (prototype[MCP_GUARDED]) continue;
    for (const method of MCP_SERVER_CLASS_METHODS) {
      prototype[method] = () => Promise.reject(failure(className));
    }
    prototype[MCP_GUARDED] = true;
  }
}

// --- Bundle-time fast paths (worker/agents-core-fast-paths.ts inserts them into workflow bundles) --
//   - `agentInputSerializationReplacer` in `dist/runner/items.mjs`: the JSON.stringify replacer of
//     `getAgentInputItemKey`, which the runner calls several times per input item on every turn
//     (`setPreparedTurnItems` maps the turn's items back to their sources by these keys), so a chat
//     pays for its whole conversation on every model call. For every value it asks
//     `serializeBinary` (`dist/utils/binary.mjs`), whose checks read `ArrayBuffer` and
//     `globalThis.Buffer`: global lookups, which in the workflow sandbox go through the vm context's
//     interceptor and cost about 15 times an ordinary one. Its answer is the value itself for
//     everything but binary data, and binary data is never a primitive, nor an object whose prototype
//     is Object.prototype, Array.prototype or null (`instanceof ArrayBuffer` and `Buffer.isBuffer` need
//     their prototypes, `ArrayBuffer.isView` an internal slot), except a serialized Buffer snapshot,
//     `{ type: 'Buffer', data: [...] }`. The fast path returns those values at once, with the builtins
//     read once per module; every other value takes the original path. Pinned: agents-core's
//     replacer and serializeBinary, word for word, and the keys with and without the fast path.

//   - `isNodeBuffer` and `isArrayBufferView` in `dist/utils/smartString.mjs`, and
//     `toUint8ArrayFromBinary` in `dist/utils/binary.mjs`: agents-core asks them about values of the
//     conversation on every turn (session items, smart strings), and each reads `globalThis.Buffer` or
//     `ArrayBuffer` (`instanceof ArrayBuffer` too): the same slow global lookups. By the reasoning
//     above, their answer for a primitive or a plain object or array is false (undefined for
//     `toUint8ArrayFromBinary`, unless the value is a serialized Buffer snapshot), and the fast paths
//     return it at once; every other value takes the original path. Pinned: the three functions, word
//     for word, and their answers with and without the fast paths.

/** Code to insert into one agents-core function, in the workflow bundle. */
export interface AgentsCoreFastPath {
  /** The agents-core module, by its file path. */
  module: RegExp;
  functionName: string;
  /** The function's parameter names, which the inserted code uses; on a mismatch the function is left as it is. */
  parameters: readonly string[];
  /** Module-level declarations the prologue uses, inserted before the function. */
  declarations?: string;
  /** Inserted first in the function's body. */
  prologue: string;
}

export const AGENTS_CORE_FAST_PATHS: readonly AgentsCoreFastPath[] = [
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]runner[\\/]items\.mjs$/,
    functionName: 'agentInputSerializationReplacer',
    parameters: ['_key', 'value'],
    declarations:
      'const openaiAgentsTemporalPrototypeOf = Object.getPrototypeOf, ' +
      'openaiAgentsTemporalPlainPrototypes = [Object.prototype, Array.prototype, null];\n',
    prologue:
      "if (value === null || typeof value !== 'object') return value; " +
      'if (openaiAgentsTemporalPlainPrototypes.includes(openaiAgentsTemporalPrototypeOf(value)) && ' +
      "value.type !== 'Buffer') return value;",
  },
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]utils[\\/]smartString\.mjs$/,
    functionName: 'isNodeBuffer',
    parameters: ['value'],
    declarations:
      'const openaiAgentsTemporalBufferPrototypeOf = Object.getPrototypeOf, ' +
      'openaiAgentsTemporalBufferPlainPrototypes = [Object.prototype, Array.prototype, null];\n',
    prologue:
      "if (value === null || typeof value !== 'object' || " +
      'openaiAgentsTemporalBufferPlainPrototypes.includes(openaiAgentsTemporalBufferPrototypeOf(value))) return false;',
  },
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]utils[\\/]smartString\.mjs$/,
    functionName: 'isArrayBufferView',
    parameters: ['value'],
    declarations:
      'const openaiAgentsTemporalViewPrototypeOf = Object.getPrototypeOf, ' +
      'openaiAgentsTemporalViewPlainPrototypes = [Object.prototype, Array.prototype, null];\n',
    prologue:
      "if (value === null || typeof value !== 'object' || " +
      'openaiAgentsTemporalViewPlainPrototypes.includes(openaiAgentsTemporalViewPrototypeOf(value))) return false;',
  },
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]utils[\\/]binary\.mjs$/,
    functionName: 'toUint8ArrayFromBinary',
    parameters: ['value'],
    declarations:
      'const openaiAgentsTemporalBinaryPrototypeOf = Object.getPrototypeOf, ' +
      'openaiAgentsTemporalBinaryPlainPrototypes = [Object.prototype, Array.prototype, null];\n',
    prologue:
      "if (value === null || typeof value !== 'object') return undefined; " +
      'if (openaiAgentsTemporalBinaryPlainPrototypes.includes(openaiAgentsTemporalBinaryPrototypeOf(value)) && ' +
      "value.type !== 'Buffer') return undefined;",
  },
];

// --- Schemas built once per bundle (worker/agents-core-fast-paths.ts wraps them in workflow bundles) --
//   Temporal's reusable sandbox evaluates every module again for each workflow, so that no workflow
//   sees another's module state. agents-core's protocol and RunState modules build several hundred zod
//   schemas at load, about half of what loading agents-core costs a workflow (6 of 11.5 ms of CPU, and
//   the memory those schemas hold for as long as the workflow is cached). A zod schema is data: the
//   same for every workflow, never changed by agents-core after it is built. The plugin builds each
//   listed module's schema constants once per workflow bundle and hands the same objects to every
//   later workflow (`workflow/shared-schemas.ts`). Only a top-level `const` whose value is a call
//   (`z.object(...)`, `SharedBase.extend(...)`) is shared, and only when everything it refers to is
//   `z`, another shared schema of the module, or one of the module's `pureReferences`: functions and
//   constants that give the same answer in every workflow. Each module's shared names are pinned by
//   test/unit/agents-core-adapter.test.ts; an agents-core release that adds a reference the plugin
//   does not know keeps that schema (and what builds on it) per workflow, as without the plugin.

/** An agents-core module whose schema constants are built once per workflow bundle. */
export interface AgentsCoreSharedSchemas {
  /** The agents-core module, by its file path. */
  module: RegExp;
  /** Names the module's schemas in the bundle-wide cache. */
  key: string;
  /** What the module's schemas may refer to besides `z` and each other: pure and the same in every workflow. */
  pureReferences: readonly string[];
}

export const AGENTS_CORE_SHARED_SCHEMAS: readonly AgentsCoreSharedSchemas[] = [
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]types[\\/]protocol\.mjs$/,
    key: 'agents-core/types/protocol',
    // `zStringWithHints` returns `z.string()`; `Uint8Array` is the sandbox realm's own.
    pureReferences: ['zStringWithHints', 'Uint8Array'],
  },
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]runState\.mjs$/,
    key: 'agents-core/runState',
    // `protocol` and `nextStepSchema` are schemas (shared themselves), `pendingSessionWriteBaseSchema` a
    // plain object of schemas that the schemas using it copy, the two version lists arrays of strings; the
    // two functions check values and read no module state; the symbol is what
    // `normalizeJsonCompatibleValue` returns for a bad value, and the schema that uses it keeps both from
    // the same module evaluation.
    pureReferences: [
      'protocol',
      'nextStepSchema',
      'pendingSessionWriteBaseSchema',
      'SUPPORTED_SCHEMA_VERSIONS',
      'SUPPORTED_SANDBOX_SESSION_STATE_VERSIONS',
      'normalizeJsonCompatibleValue',
      'INVALID_JSON_COMPATIBLE_VALUE',
      'getFunctionToolLegacyStateKeyFromStateKey',
      'undefined',
    ],
  },
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]mcpShared\.mjs$/,
    key: 'agents-core/mcpShared',
    pureReferences: [],
  },
  {
    module: /[\\/]@openai[\\/]agents-core[\\/]dist[\\/]runner[\\/]steps\.mjs$/,
    key: 'agents-core/runner/steps',
    pureReferences: [],
  },
];
