// Pins the agents-core internals that src/common/agents-core-adapter.ts relies on. If an agents-core
// upgrade changes one of them, this file fails, and the adapter is the one place to change.
import assert from 'node:assert/strict';
import { Agent, type Model, type ModelRequest, Runner, Usage } from '@openai/agents-core';
import { describe, it } from 'vitest';
import {
  agentNameOf,
  normalizeToolAllowedCallers,
  requestInternals,
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
import { AGENTS_CORE_FAST_PATHS } from '../../src/common/agents-core-adapter.js';

describe('AGENTS_CORE_FAST_PATHS: agentInputSerializationReplacer', () => {
  const [fastPath] = AGENTS_CORE_FAST_PATHS;
  const dist = dirname(fileURLToPath(import.meta.resolve('@openai/agents-core')));
  const itemsModule = join(dist, 'runner', 'items.mjs');
  type Replacer = (key: string, value: unknown) => unknown;

  it('targets a function of agents-core that exists, takes these parameters, and is still the pinned one', () => {
    assert.ok(fastPath?.module.test(itemsModule), itemsModule);
    assert.equal(fastPath?.functionName, 'agentInputSerializationReplacer');
    assert.deepEqual(fastPath?.parameters, ['_key', 'value']);
    // The fast path is right only for this body: it returns serializeBinary's answer, else the value.
    assert.ok(
      readFileSync(itemsModule, 'utf8').includes(
        'export function agentInputSerializationReplacer(_key, value) {\n' +
          '    const serialized = serializeBinary(value);\n' +
          '    if (serialized) {\n' +
          '        return serialized;\n' +
          '    }\n' +
          '    return value;\n' +
          '}\n',
      ),
      'agents-core changed agentInputSerializationReplacer: check the fast path in agents-core-adapter.ts',
    );
  });

  it("serializeBinary finds no binary data in any primitive, so the replacer's answer for one is the value", async () => {
    const { serializeBinary } = (await import(pathToFileURL(join(dist, 'utils', 'binary.mjs')).href)) as {
      serializeBinary: (value: unknown) => unknown;
    };
    const primitives = ['', 'Buffer', 'text', 0, -0, Number.NaN, 12.5, 10n, true, false, null, undefined];
    for (const value of [...primitives, Symbol('s'), () => 'fn']) assert.equal(serializeBinary(value), undefined);
    assert.notEqual(serializeBinary(new Uint8Array([1])), undefined, 'bytes are still found');
  });

  it('the replacer with the inserted code gives the same item keys as without it', async () => {
    const { agentInputSerializationReplacer: original } = (await import(pathToFileURL(itemsModule).href)) as {
      agentInputSerializationReplacer: Replacer;
    };
    // The prologue as the bundle gets it, first in a function with the same parameters.
    const withFastPath = new Function(
      'original',
      `return function (_key, value) { ${fastPath?.prologue} return original(_key, value); };`,
    )(original) as Replacer;
    const items: unknown[] = [
      { type: 'message', role: 'user', content: 'Hello', providerData: { n: 1, list: [null, true, 2.5] } },
      { type: 'message', role: 'user', content: [{ type: 'input_image', image: new Uint8Array([1, 2, 3]) }] },
      { type: 'message', role: 'user', content: [{ type: 'input_file', file: new Uint8Array([7]).buffer }] },
      { type: 'function_call_result', callId: 'c', output: { type: 'Buffer', data: [104, 105] } },
      { type: 'function_call_result', callId: 'c', output: Buffer.from('hi'), extra: undefined },
      { type: 'reasoning', content: [], id: undefined, nested: new Float32Array([0.5]) },
      'a string item',
    ];
    for (const item of items) assert.equal(JSON.stringify(item, withFastPath), JSON.stringify(item, original));
  });
});
