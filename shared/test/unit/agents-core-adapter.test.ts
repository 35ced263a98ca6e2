// Pins the agents-core internals that src/common/agents-core-adapter.ts relies on. If an agents-core
// upgrade changes one of them, this file fails, and the adapter is the one place to change.
import assert from 'node:assert/strict';
import {
  Agent,
  type Model,
  type ModelRequest,
  MultiTracingProcessor,
  Runner,
  type Span,
  type SpanData,
  type TracingProcessor,
  Usage,
} from '@openai/agents-core';
import { describe, it } from 'vitest';
import {
  agentNameOf,
  normalizeToolAllowedCallers,
  requestInternals,
  sendSpanEventsDirectly,
  withRequestInternals,
  wrapRunnerRun,
} from '../../src/common/agents-core-adapter.js';

/** Runs one agent on a model that records its request and answers "done". */
async function capturedRequest(agent: Agent, tracingDisabled: boolean): Promise<ModelRequest> {
  let captured: ModelRequest | undefined;
  const model: Model = {
    async getResponse(request) {
      captured = request;
      return {
        usage: new Usage(),
        output: [
          {
            type: 'message',
            role: 'assistant',
            status: 'completed',
            content: [{ type: 'output_text', text: 'done' }],
          },
        ],
      };
    },
    getStreamedResponse() {
      throw new Error('not used');
    },
  };
  await new Runner({ modelProvider: { getModel: () => model }, tracingDisabled }).run(agent, 'hi');
  assert.ok(captured, 'the model was called');
  return captured;
}

describe('ModelRequest._internal', () => {
  for (const tracingDisabled of [true, false]) {
    it(`carries the agent name on the tracing parent (tracing ${tracingDisabled ? 'off' : 'on'})`, async () => {
      const request = await capturedRequest(new Agent({ name: 'Pinned agent', instructions: 'x' }), tracingDisabled);
      assert.equal(agentNameOf(request), 'Pinned agent');
    });
  }

  it('requestInternals keeps the plain flags the runner sets, and drops the live span', async () => {
    const request = await capturedRequest(new Agent({ name: 'A', instructions: 'x' }), true);
    const internals = requestInternals(request);
    for (const value of Object.values(internals ?? {})) assert.notEqual(typeof value, 'object');
    const restored = withRequestInternals(request, internals) as { _internal?: Record<string, unknown> };
    assert.equal(restored._internal?.runnerManagedRetry, true);
  });
});

describe('Runner.prototype.run', () => {
  it('is the method both run() and new Runner().run() go through, so wrapping it sees every run', async () => {
    const seen: string[] = [];
    wrapRunnerRun({ before: (agent) => seen.push(agent.name), onError: (error) => error });
    wrapRunnerRun({ before: () => seen.push('wrapped twice'), onError: (error) => error });
    await capturedRequest(new Agent({ name: 'Seen', instructions: 'x' }), true);
    assert.deepEqual(seen, ['Seen']);
  });
});

describe('normalizeToolAllowedCallers', () => {
  it('is exported from @openai/agents-core/utils/internal and normalises a caller list', () => {
    assert.equal(typeof normalizeToolAllowedCallers, 'function');
    assert.equal(normalizeToolAllowedCallers(undefined, 'web_search'), undefined);
  });
});

// --- MCP ---

import { fileURLToPath } from 'node:url';
import { MCPServerSSE, MCPServerStdio, MCPServerStreamableHttp } from '@openai/agents-core';
import {
  guardMcpServerClasses,
  MCP_SERVER_CLASS_METHODS,
  mcpPingOf,
  mcpPromptSessionOf,
} from '../../src/common/agents-core-adapter.js';

describe('MCP server classes', () => {
  const stdioServer = fileURLToPath(new URL('../mcp/stdio-server.ts', import.meta.url));

  it('MCPServerStdio keeps its connected MCP client session at underlying.session, with the prompt calls', async () => {
    const server = new MCPServerStdio({ name: 'pinned', command: process.execPath, args: [stdioServer] });
    assert.equal(mcpPromptSessionOf(server), undefined, 'no session before connect()');
    await server.connect();
    try {
      const session = mcpPromptSessionOf(server);
      assert.ok(session, 'a session once connected');
      const listed = (await session.listPrompts()) as { prompts: { name: string }[] };
      assert.deepEqual(
        listed.prompts.map((prompt) => prompt.name),
        ['greeting'],
      );
      // The pool's health check before reusing a connection.
      const ping = mcpPingOf(server);
      assert.ok(ping, 'the session has ping');
      await ping({ timeout: 5_000 });
    } finally {
      await server.close();
    }
  });

  it('MCPServerSSE and MCPServerStreamableHttp keep theirs in the same place', () => {
    for (const server of [
      new MCPServerSSE({ url: 'http://127.0.0.1:1/sse' }),
      new MCPServerStreamableHttp({ url: 'http://127.0.0.1:1/mcp' }),
    ]) {
      const underlying = (server as unknown as { underlying?: object }).underlying;
      assert.ok(underlying && 'session' in underlying, `${server.constructor.name}.underlying.session`);
    }
  });

  it('guardMcpServerClasses covers every method of the three classes, and makes each reject', async () => {
    const classes = [MCPServerStdio, MCPServerSSE, MCPServerStreamableHttp];
    for (const serverClass of classes) {
      const methods = Object.getOwnPropertyNames(serverClass.prototype).filter((name) => {
        const descriptor = Object.getOwnPropertyDescriptor(serverClass.prototype, name);
        return name !== 'constructor' && typeof descriptor?.value === 'function';
      });
      const internal = ['invalidateToolsCaches', 'clearLocalToolsCache'];
      assert.deepEqual(
        methods.filter((name) => !internal.includes(name)).sort(),
        [...MCP_SERVER_CLASS_METHODS].sort(),
        `${serverClass.name}: a new method must be guarded in workflows too`,
      );
    }
    const originals = classes.map((serverClass) => ({ ...Object.getOwnPropertyDescriptors(serverClass.prototype) }));
    try {
      guardMcpServerClasses((className) => new Error(`guarded ${className}`));
      const server = new MCPServerStreamableHttp({ url: 'http://127.0.0.1:1/mcp' });
      for (const method of MCP_SERVER_CLASS_METHODS) {
        await assert.rejects(
          (server[method] as () => Promise<unknown>).call(server),
          /guarded MCPServerStreamableHttp/,
          method,
        );
      }
    } finally {
      classes.forEach((serverClass, index) => {
        for (const key of Reflect.ownKeys(serverClass.prototype)) {
          if (!(key in (originals[index] ?? {}))) Reflect.deleteProperty(serverClass.prototype, key);
        }
        Object.defineProperties(serverClass.prototype, originals[index] ?? {});
      });
    }
  });
});

// --- Bundle-time fast paths ---

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { AGENTS_CORE_FAST_PATHS } from '../../src/common/agents-core-adapter.js';

describe('AGENTS_CORE_FAST_PATHS: agentInputSerializationReplacer', () => {
  const [fastPath] = AGENTS_CORE_FAST_PATHS;
  const dist = dirname(fileURLToPath(import.meta.resolve('@openai/agents-core')));
  const itemsModule = join(dist, 'runner', 'items.mjs');
  type Replacer = (key: string, value: unknown) => unknown;

  /** The function named `name` in an agents-core module's source, word for word. */
  function sourceOf(file: string, name: string): string | undefined {
    const source = readFileSync(join(dist, file), 'utf8');
    const start = source.indexOf(`export function ${name}(`);
    return start < 0 ? undefined : source.slice(start, source.indexOf('\n}\n', start) + 2);
  }

  it('targets a function of agents-core that exists, takes these parameters, and is still the pinned one', () => {
    assert.ok(fastPath?.module.test(itemsModule), itemsModule);
    assert.equal(fastPath?.functionName, 'agentInputSerializationReplacer');
    assert.deepEqual(fastPath?.parameters, ['_key', 'value']);
    // The fast path is right for these bodies only: the replacer answers serializeBinary's result, else
    // the value, and serializeBinary finds bytes by these four checks. A change here needs a new look.
    const pinned: Record<string, [string, string]> = {
      agentInputSerializationReplacer: [
        'runner/items.mjs',
        'export function agentInputSerializationReplacer(_key, value) {\n' +
          '    const serialized = serializeBinary(value);\n' +
          '    if (serialized) {\n' +
          '        return serialized;\n' +
          '    }\n' +
          '    return value;\n' +
          '}',
      ],
      serializeBinary: [
        'utils/binary.mjs',
        [
          'export function serializeBinary(value) {',
          '    if (value instanceof ArrayBuffer) {',
          '        return {',
          "            __type: 'ArrayBuffer',",
          '            data: encodeUint8ArrayToBase64(new Uint8Array(value)),',
          '        };',
          '    }',
          '    if (isArrayBufferView(value)) {',
          '        const view = value;',
          '        return {',
          '            __type: view.constructor.name,',
          '            data: encodeUint8ArrayToBase64(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)),',
          '        };',
          '    }',
          '    if (isNodeBuffer(value)) {',
          '        const view = value;',
          '        return {',
          "            __type: 'Buffer',",
          '            data: encodeUint8ArrayToBase64(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)),',
          '        };',
          '    }',
          '    if (isSerializedBufferSnapshot(value)) {',
          '        return {',
          "            __type: 'Buffer',",
          '            data: encodeUint8ArrayToBase64(Uint8Array.from(value.data)),',
          '        };',
          '    }',
          '    return undefined;',
          '}',
        ].join('\n'),
      ],
      isArrayBufferView: [
        'utils/smartString.mjs',
        'export function isArrayBufferView(value) {\n' +
          '    // Treat typed array views as binary data for consistent serialization.\n' +
          "    return typeof ArrayBuffer !== 'undefined' && ArrayBuffer.isView(value);\n" +
          '}',
      ],
      isNodeBuffer: [
        'utils/smartString.mjs',
        'export function isNodeBuffer(value) {\n' +
          '    // Detect runtime Buffers without importing node-specific shims, handling browser builds gracefully.\n' +
          '    const bufferCtor = globalThis.Buffer;\n' +
          '    return Boolean(bufferCtor &&\n' +
          "        typeof bufferCtor.isBuffer === 'function' &&\n" +
          '        bufferCtor.isBuffer(value));\n' +
          '}',
      ],
      isSerializedBufferSnapshot: [
        'utils/smartString.mjs',
        'export function isSerializedBufferSnapshot(value) {\n' +
          '    // Support serialized Buffer snapshots (e.g., from JSON.parse) emitted by some tool outputs.\n' +
          "    return (typeof value === 'object' &&\n" +
          '        value !== null &&\n' +
          "        value.type === 'Buffer' &&\n" +
          '        Array.isArray(value.data));\n' +
          '}',
      ],
    };
    for (const [name, [file, source]] of Object.entries(pinned)) {
      assert.equal(
        sourceOf(file, name),
        source,
        `agents-core changed ${name}: check the fast path in agents-core-adapter.ts`,
      );
    }
  });

  it('serializeBinary finds no bytes in primitives, nor in plain objects and arrays that are not Buffer snapshots', async () => {
    const { serializeBinary } = (await import(pathToFileURL(join(dist, 'utils', 'binary.mjs')).href)) as {
      serializeBinary: (value: unknown) => unknown;
    };
    const primitives = ['', 'Buffer', 'text', 0, -0, Number.NaN, 12.5, 10n, true, false, null, undefined];
    const plain = [{}, { type: 'message' }, { type: 'Buffer', data: 'text' }, [], [1, 2], Object.create(null)];
    for (const value of [...primitives, ...plain, Symbol('s'), () => 'fn'])
      assert.equal(serializeBinary(value), undefined);
    for (const value of [new Uint8Array([1]), new ArrayBuffer(1), Buffer.from('a'), { type: 'Buffer', data: [1] }]) {
      assert.notEqual(serializeBinary(value), undefined, 'bytes are still found');
    }
  });

  it('the replacer with the inserted code gives the same item keys as without it', async () => {
    const { agentInputSerializationReplacer: original } = (await import(pathToFileURL(itemsModule).href)) as {
      agentInputSerializationReplacer: Replacer;
    };
    // The declarations and the prologue as the bundle gets them, around a function with the same parameters.
    const withFastPath = new Function(
      'original',
      `${fastPath?.declarations ?? ''} return function (_key, value) { ${fastPath?.prologue} return original(_key, value); };`,
    )(original) as Replacer;
    const snapshotWithNullPrototype = Object.assign(Object.create(null) as object, { type: 'Buffer', data: [1, 2] });
    const items: unknown[] = [
      { type: 'message', role: 'user', content: 'Hello', providerData: { n: 1, list: [null, true, 2.5] } },
      { type: 'message', role: 'user', content: [{ type: 'input_image', image: new Uint8Array([1, 2, 3]) }] },
      { type: 'message', role: 'user', content: [{ type: 'input_file', file: new Uint8Array([7]).buffer }] },
      { type: 'function_call_result', callId: 'c', output: { type: 'Buffer', data: [104, 105] } },
      { type: 'function_call_result', callId: 'c', output: Buffer.from('hi'), extra: undefined },
      {
        type: 'reasoning',
        content: [],
        id: undefined,
        nested: new Float32Array([0.5]),
        view: new DataView(new ArrayBuffer(2)),
      },
      { nullPrototype: Object.assign(Object.create(null) as object, { a: 1 }), snapshotWithNullPrototype },
      { list: Object.assign([1, 2], { type: 'Buffer', data: [3] }), notBytes: { type: 'Buffer', data: 'x' } },
      {
        otherRealm: runInNewContext('({ a: [1, { type: "Buffer", data: [5] }] })'),
        bytes: runInNewContext('new Uint8Array([9])'),
      },
      { proxy: new Proxy({ a: 1, type: 'Buffer', data: [4] }, {}), date: new Date(0), map: new Map([[1, 2]]) },
      'a string item',
    ];
    for (const item of items) assert.equal(JSON.stringify(item, withFastPath), JSON.stringify(item, original));
  });
});

describe('AGENTS_CORE_FAST_PATHS: isNodeBuffer, isArrayBufferView, toUint8ArrayFromBinary', () => {
  const dist = dirname(fileURLToPath(import.meta.resolve('@openai/agents-core')));
  const targets = [
    ['isNodeBuffer', join(dist, 'utils', 'smartString.mjs')],
    ['isArrayBufferView', join(dist, 'utils', 'smartString.mjs')],
    ['toUint8ArrayFromBinary', join(dist, 'utils', 'binary.mjs')],
  ] as const;
  type Check = (value: unknown) => unknown;

  it('targets functions of agents-core that exist with these parameters; toUint8ArrayFromBinary is the pinned one', () => {
    for (const [name, file] of targets) {
      const fastPath = AGENTS_CORE_FAST_PATHS.find((candidate) => candidate.functionName === name);
      assert.ok(fastPath?.module.test(file), `${name}: ${file}`);
      assert.deepEqual(fastPath?.parameters, ['value']);
    }
    // isNodeBuffer and isArrayBufferView are pinned word for word above; the fast path is right for this body only.
    const source = readFileSync(join(dist, 'utils', 'binary.mjs'), 'utf8');
    const start = source.indexOf('export function toUint8ArrayFromBinary(');
    assert.equal(
      source.slice(start, source.indexOf('\n}\n', start) + 2),
      [
        'export function toUint8ArrayFromBinary(value) {',
        '    if (value instanceof ArrayBuffer) {',
        '        return new Uint8Array(value);',
        '    }',
        '    if (isArrayBufferView(value)) {',
        '        const view = value;',
        '        return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);',
        '    }',
        '    if (isNodeBuffer(value)) {',
        '        const view = value;',
        '        return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);',
        '    }',
        '    if (isSerializedBufferSnapshot(value)) {',
        '        return Uint8Array.from(value.data);',
        '    }',
        '    return undefined;',
        '}',
      ].join('\n'),
      'agents-core changed toUint8ArrayFromBinary: check the fast path in agents-core-adapter.ts',
    );
  });

  it('each function with the inserted code answers as without it', async () => {
    const values: unknown[] = [
      ...['', 'Buffer', 0, Number.NaN, 10n, true, null, undefined, Symbol('s'), () => 'fn'],
      ...[{}, { type: 'message' }, { type: 'Buffer', data: 'text' }, { type: 'Buffer', data: [1, 2] }, [], [1, 2]],
      Object.assign(Object.create(null) as object, { type: 'Buffer', data: [1, 2] }),
      Object.assign([1, 2], { type: 'Buffer', data: [3] }),
      new Uint8Array([1, 2]),
      new Float32Array([0.5]),
      new DataView(new ArrayBuffer(2)),
      new ArrayBuffer(1),
      Buffer.from('hi'),
      runInNewContext('({ a: 1, type: "Buffer", data: [5] })'),
      runInNewContext('new Uint8Array([9])'),
      new Proxy({ type: 'Buffer', data: [4] }, {}),
      new Date(0),
      new Map([[1, 2]]),
    ];
    for (const [name, file] of targets) {
      const fastPath = AGENTS_CORE_FAST_PATHS.find((candidate) => candidate.functionName === name);
      const original = ((await import(pathToFileURL(file).href)) as Record<string, Check>)[name];
      assert.ok(fastPath && original, name);
      const withFastPath = new Function(
        'original',
        `${fastPath.declarations ?? ''} return function (value) { ${fastPath.prologue} return original(value); };`,
      )(original) as Check;
      for (const [index, value] of values.entries()) {
        assert.deepEqual(withFastPath(value), original(value), `${name}(values[${index}])`);
      }
    }
  });
});

describe('MultiTracingProcessor: sendSpanEventsDirectly', () => {
  const span = { spanId: 'span_1' } as unknown as Span<SpanData>;
  function recorder(events: string[], name: string): TracingProcessor & { done: Promise<void> } {
    const done = Promise.resolve();
    const record = (event: string) => {
      events.push(`${name} ${event}`);
      return done;
    };
    return {
      done,
      onTraceStart: () => record('traceStart'),
      onTraceEnd: () => record('traceEnd'),
      onSpanStart: () => record('spanStart'),
      onSpanEnd: () => record('spanEnd'),
      shutdown: () => done,
      forceFlush: () => done,
    };
  }

  it("hands span events straight to the plugin's processor while it is the only one, as agents-core does otherwise", async () => {
    const events: string[] = [];
    const plugin = recorder(events, 'plugin');
    sendSpanEventsDirectly(plugin);
    sendSpanEventsDirectly(recorder(events, 'second call, ignored'));
    const multi = new MultiTracingProcessor();
    multi.setProcessors([plugin]);
    // The processor's own promise comes back: no async method and no await in between.
    assert.equal(multi.onSpanStart(span), plugin.done);
    assert.equal(multi.onSpanEnd(span), plugin.done);
    assert.deepEqual(events.splice(0), ['plugin spanStart', 'plugin spanEnd']);

    // Any other set of processors takes agents-core's own path: each processor in turn.
    const other = recorder(events, 'other');
    multi.addTraceProcessor(other);
    const both = multi.onSpanStart(span);
    assert.notEqual(both, plugin.done);
    await both;
    assert.deepEqual(events.splice(0), ['plugin spanStart', 'other spanStart']);
    multi.setProcessors([other]);
    assert.notEqual(multi.onSpanEnd(span), other.done);
    multi.setProcessors([plugin]);
    assert.equal(multi.onSpanEnd(span), plugin.done);

    // A processor that throws gives a rejected promise, as the async method did, not an exception in Span.start.
    plugin.onSpanStart = () => {
      throw new Error('recorder failed');
    };
    await assert.rejects(multi.onSpanStart(span), /recorder failed/);
  });
});

import { parse } from 'acorn';
import { AGENTS_CORE_SHARED_SCHEMAS } from '../../src/common/agents-core-adapter.js';
import { sharedSchemaConstants } from '../../src/worker/agents-core-shared-schemas.js';

describe('AGENTS_CORE_SHARED_SCHEMAS', () => {
  const dist = dirname(fileURLToPath(import.meta.resolve('@openai/agents-core')));

  /** The module's schema constants the plugin builds once per bundle, and its top-level constants set by a call. */
  function sharedIn(file: string): { shared: string[]; calls: string[] } {
    const path = join(dist, file);
    const spec = AGENTS_CORE_SHARED_SCHEMAS.find((candidate) => candidate.module.test(path));
    assert.ok(spec, `${file} is listed`);
    const program = parse(readFileSync(path, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module', ranges: true });
    const everyName = [...readFileSync(path, 'utf8').matchAll(/[A-Za-z_$][\w$]*/g)].map((match) => match[0]);
    return {
      shared: sharedSchemaConstants(program, spec).map((constant) => constant.name),
      calls: sharedSchemaConstants(program, { pureReferences: everyName }).map((constant) => constant.name),
    };
  }

  it('shares every schema of the protocol module, which imports nothing but zod', () => {
    assert.match(readFileSync(join(dist, 'types/protocol.mjs'), 'utf8'), /^import \{ z \} from 'zod';\n(?!import)/);
    const { shared, calls } = sharedIn('types/protocol.mjs');
    assert.equal(shared.length, 70);
    assert.deepEqual(shared, calls);
  });

  it("shares RunState's serialization schemas, SerializedRunState among them, and nothing else of the module", () => {
    const { shared, calls } = sharedIn('runState.mjs');
    // Every top-level constant set by a call but the symbol (a call of Symbol, which is not shared).
    assert.deepEqual(
      calls.filter((name) => !shared.includes(name)),
      ['INVALID_JSON_COMPATIBLE_VALUE'],
    );
    assert.deepEqual(shared, [
      '$schemaVersion',
      'pendingSessionHistoryTransactionSchema',
      'pendingSessionWriteSchema',
      'serializedAgentSchema',
      'serializedSpanBase',
      'SerializedSpan',
      'requestUsageSchema',
      'usageSchema',
      'modelResponseSchema',
      'jsonCompatibleValueSchema',
      'itemSchema',
      'serializedToolInvocationCompletionEvidenceItemSchema',
      'serializedToolInvocationCompletionEvidenceSchema',
      'serializedTraceSchema',
      'sandboxSessionStateEnvelopeSchema',
      'sandboxSessionEntrySchema',
      'sandboxStateSchema',
      'handoffInputSnapshotSchema',
      'serializedProcessedResponseSchema',
      'currentResponseGeneratedItemOwnershipSchema',
      'guardrailFunctionOutputSchema',
      'toolGuardrailBehaviorSchema',
      'toolGuardrailFunctionOutputSchema',
      'toolGuardrailMetadataSchema',
      'inputGuardrailResultSchema',
      'outputGuardrailResultSchema',
      'toolInputGuardrailResultSchema',
      'toolOutputGuardrailResultSchema',
      'approvalRecordSchema',
      'canonicalFunctionToolStateKeySchema',
      'functionApprovalsSchema',
      'functionApprovalContextSchema',
      'SerializedRunState',
    ]);
  });

  it('shares the MCP tool schema and the next-step schema', () => {
    assert.deepEqual(sharedIn('mcpShared.mjs').shared, ['MCPTool']);
    assert.deepEqual(sharedIn('runner/steps.mjs').shared, ['nextStepSchema']);
  });

  it('the pure references are what the adapter says: functions that read no module state, and constant data', () => {
    const runState = readFileSync(join(dist, 'runState.mjs'), 'utf8');
    // normalizeJsonCompatibleValue and its helper read only their argument and the module's symbol.
    const normalize = runState.slice(
      runState.indexOf('function normalizeJsonCompatibleValue('),
      runState.indexOf('const jsonCompatibleValueSchema'),
    );
    assert.ok(normalize.length > 0);
    assert.doesNotMatch(normalize, /this\.|globalThis|getGlobal|logger|Map\(/);
    assert.match(runState, /^const pendingSessionWriteBaseSchema = \{$/m);
    assert.match(runState, /^export const SUPPORTED_SCHEMA_VERSIONS = \[$/m);
    const toolIdentity = readFileSync(join(dist, 'toolIdentity.mjs'), 'utf8');
    const legacyKey = toolIdentity.slice(
      toolIdentity.indexOf('export function getFunctionToolLegacyStateKeyFromStateKey('),
      toolIdentity.indexOf('\n}\n', toolIdentity.indexOf('export function getFunctionToolLegacyStateKeyFromStateKey(')),
    );
    assert.match(legacyKey, /JSON\.parse\(stateKey\)/);
    assert.doesNotMatch(legacyKey, /this\.|globalThis|logger/);
  });
});
