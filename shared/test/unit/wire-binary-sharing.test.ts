// encodeBinary / decodeBinary copy only what holds bytes: a request carries the whole conversation
// and usually no bytes at all, so the rest is passed on as it is.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { decodeBinary, encodeBinary } from '../../src/common/wire.js';

const conversation = () => [
  { type: 'message', role: 'user', content: 'What is in this picture?' },
  { type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'A cat.' }] },
];

describe('encodeBinary and decodeBinary without bytes', () => {
  it('return the value itself', () => {
    const value = { input: conversation(), tools: [{ name: 't', parameters: { type: 'object' } }], n: 1 };
    assert.equal(encodeBinary(value), value);
    assert.equal(decodeBinary(value), value);
  });
});

describe('encodeBinary and decodeBinary with bytes', () => {
  it('copy the arrays and objects on the way to the bytes, share the rest, and leave the input as it was', () => {
    const items = conversation();
    const bytes = new Uint8Array([1, 2, 3]);
    const withImage = { type: 'message', role: 'user', content: [{ type: 'input_image', image: bytes }] };
    const input = { input: [...items, withImage], settings: { temperature: 1 } };

    const encoded = encodeBinary(input);
    assert.notEqual(encoded, input);
    assert.notEqual(encoded.input, input.input);
    assert.equal(encoded.input[0], items[0], 'an item without bytes is shared');
    assert.equal(encoded.input[1], items[1]);
    assert.equal(encoded.settings, input.settings);
    assert.deepEqual(encoded.input[2], {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_image', image: { $base64Bytes: 'AQID' } }],
    });
    assert.equal(withImage.content[0]?.image, bytes, 'the input keeps its bytes');

    const decoded = decodeBinary(JSON.parse(JSON.stringify(encoded)) as typeof encoded);
    assert.deepEqual(decoded.input[2], withImage);
    assert.deepEqual(decoded.input.slice(0, 2), items);
  });

  it('keep key order and every other value of a copied object', () => {
    const value = { a: 1, b: new ArrayBuffer(2), c: undefined, d: [null, 'x'] };
    const encoded = encodeBinary(value);
    assert.deepEqual(Object.keys(encoded), ['a', 'b', 'c', 'd']);
    assert.deepEqual(encoded, { a: 1, b: { $base64Bytes: 'AAA=' }, c: undefined, d: [null, 'x'] });
    assert.equal(encoded.d, value.d);
  });
});
