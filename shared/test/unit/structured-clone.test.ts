// The sandbox's structuredClone must give exactly what the @ungap/structured-clone polyfill gives,
// so that histories recorded with the polyfill replay the same; errors, which the polyfill re-creates
// with a stack of its own, are copied as the host's structuredClone copies them.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { polyfillStructuredClone, sandboxStructuredClone } from '../../src/workflow/structured-clone.js';

const FILLER = 'The quick brown fox jumps over the lazy dog. ';

/** Both clones of `value`, which must be equal in structure, prototypes and shared references. */
function clonesOf(value: unknown): { fast: unknown; polyfill: unknown } {
  const fast = sandboxStructuredClone(value);
  const polyfill = polyfillStructuredClone(value);
  assert.deepStrictEqual(fast, polyfill);
  return { fast, polyfill };
}

describe('sandboxStructuredClone', () => {
  it('copies conversation items, tool outputs and span data as the polyfill does, sharing nothing', () => {
    const items = [
      { type: 'message', role: 'user', content: `Question: ${FILLER}` },
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: FILLER, annotations: [], logprobs: undefined }],
        providerData: { nested: { deep: [1, 2.5, -0, Number.NaN, null, true, 'x'] } },
      },
      { type: 'function_call', callId: 'call_1', name: 'lookup', arguments: '{"query":"x"}', status: 'completed' },
      { type: 'function_call_result', callId: 'call_1', output: { type: 'text', text: 'found' }, name: 'lookup' },
    ];
    const copy = clonesOf(items).fast as typeof items;
    assert.notEqual(copy, items);
    assert.notEqual(copy[1], items[1]);
    const answer = copy[1] as { content: object[]; providerData: { nested: { deep: unknown[] } } };
    assert.ok(Object.is(answer.providerData.nested.deep[2], -0));
    assert.ok('logprobs' in (answer.content[0] ?? {}), 'undefined values are kept');
    clonesOf({ spanData: { type: 'agent', name: 'A', tools: ['t'], handoffs: [] }, startedAt: null, error: undefined });
    clonesOf(Object.create(null));
    clonesOf([]);
    clonesOf(10n);
    clonesOf('text');
  });

  it('keeps shared and circular references', () => {
    const shared = { text: 'same object twice' };
    const value: Record<string, unknown> = { a: shared, b: [shared, shared] };
    value.self = value;
    const { fast } = clonesOf(value);
    const copy = fast as { a: object; b: object[]; self: unknown };
    assert.equal(copy.b[0], copy.a);
    assert.equal(copy.b[1], copy.a);
    assert.equal(copy.self, copy);
  });

  it('reads holes as undefined, drops extra array properties, and keeps an own __proto__ key as data', () => {
    const sparse: unknown[] = [1];
    sparse[3] = 4;
    (sparse as unknown as Record<string, unknown>).extra = 'dropped';
    const { fast } = clonesOf(sparse);
    assert.deepEqual(fast, [1, undefined, undefined, 4]);
    const withProtoKey = JSON.parse('{"__proto__":{"polluted":true},"ok":1}') as Record<string, unknown>;
    const cloned = clonesOf(withProtoKey).fast as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(cloned), Object.prototype);
    assert.deepEqual(Object.keys(cloned), ['__proto__', 'ok']);
  });

  it('gives other values to the polyfill: class instances, dates, maps, sets, bytes, tagged objects', () => {
    class Usage {
      requests = 1;
      inputTokens = 10;
      get total() {
        return 11;
      }
    }
    const values: unknown[] = [
      new Usage(),
      { nested: new Usage() },
      new Date(0),
      /x/gi,
      new Map([['k', { v: 1 }]]),
      new Set([1, 'two']),
      new Uint8Array([1, 2, 3]),
      new Uint8Array([1, 2, 3]).buffer,
      { image: new Uint8Array([9]) },
      { [Symbol.toStringTag]: 'Custom', a: 1 },
      Object.assign([1, 2], { [Symbol.toStringTag]: 'Tagged' }),
      new (class Items extends Array {})(),
    ];
    for (const value of values) clonesOf(value);
  });

  it('copies errors as the host does: standard type by name, message, stack and cause, never the polyfill stack', () => {
    class ToolFailure extends Error {
      constructor(message: string) {
        super(message);
        this.name = 'ToolFailure';
      }
    }
    const looped = new Error('looped');
    looped.cause = looped;
    const errors: Error[] = [
      new Error('boom'),
      new TypeError('bad type', { cause: { code: 42, detail: ['x'] } }),
      new RangeError('outer', { cause: new SyntaxError('inner') }),
      new ToolFailure('custom class'),
      Object.assign(new Error('renamed'), { name: 'URIError' }),
      Object.assign(new Error('extra fields'), { retryable: true }),
      new Error(),
      looped,
    ];
    for (const error of errors) {
      const copy = sandboxStructuredClone(error);
      const host = structuredClone(error);
      assert.notEqual(copy, error);
      assert.equal(Object.getPrototypeOf(copy), Object.getPrototypeOf(host), `${error.message}: the host's type`);
      assert.equal(copy.name, host.name);
      assert.equal(copy.stack, error.stack, 'the stack of the original error');
      assert.deepEqual(Object.getOwnPropertyNames(copy).sort(), Object.getOwnPropertyNames(host).sort());
      assert.equal(copy.message, host.message);
      if (error.cause === error) assert.equal(copy.cause, copy, 'a circular cause stays circular');
      else assert.deepStrictEqual(copy.cause, host.cause);
    }
    const inside = sandboxStructuredClone({ failure: errors[1], list: [errors[1]] });
    assert.equal(inside.failure, inside.list[0], 'one error referenced twice is copied once');
    assert.equal(inside.failure?.stack, errors[1]?.stack);
  });

  it('throws what the polyfill throws for functions and symbols', () => {
    for (const value of [() => 1, Symbol('s'), { handler: () => 1 }, [Symbol('s')]]) {
      assert.throws(() => sandboxStructuredClone(value), /unable to serialize (function|symbol)/);
      assert.throws(() => polyfillStructuredClone(value), /unable to serialize (function|symbol)/);
    }
  });
});
