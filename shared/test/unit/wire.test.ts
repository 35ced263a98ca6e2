import assert from 'node:assert/strict';
import {
  type AgentInputItem,
  type AgentOutputItem,
  type ModelRequest,
  type ModelResponse,
  Usage,
} from '@openai/agents-core';
import { describe, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../src/common/base64.js';
import {
  decodeBinary,
  describeInputItemProblem,
  encodeBinary,
  findInputItemProblem,
  fromWireRequest,
  fromWireResponse,
  type SerializedModelRequest,
  type SerializedModelResponse,
  toWireRequest,
  toWireResponse,
  WIRE_VERSION,
} from '../../src/common/wire.js';

/** What actually crosses a Temporal payload boundary: plain JSON. */
function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Deterministic pseudo-random bytes (a small LCG), so failures are reproducible. */
function bytesOf(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

class FakeSpan {
  readonly spanId = 'span_123';
  toJSON(): never {
    throw new Error('a live span must not be serialized');
  }
}

type RequestWithInternals = ModelRequest & {
  _internal?: Record<string, unknown>;
};

function imageItem(bytes: Uint8Array): AgentInputItem {
  return {
    type: 'message',
    role: 'user',
    content: [{ type: 'input_image', image: bytes }],
  } as unknown as AgentInputItem;
}

function baseRequest(overrides: Partial<RequestWithInternals> = {}): RequestWithInternals {
  return {
    systemInstructions: 'Be brief.',
    input: 'hello',
    modelSettings: { temperature: 0.5 },
    tools: [],
    outputType: 'text',
    handoffs: [],
    tracing: false,
    ...overrides,
  };
}

describe('toWireRequest', () => {
  const controller = new AbortController();
  const request = baseRequest({
    signal: controller.signal,
    previousResponseId: 'resp_prev',
    modelSettings: { temperature: 0.25, maxTokens: 99, retry: { maxRetries: 2, policy: () => true } },
    _internal: { tracingParent: new FakeSpan(), reasoningEffortImplicit: true, toolNameCollisionPolicy: 'error' },
  });

  it('drops the abort signal', () => {
    const wire = toWireRequest(request);
    assert.equal('signal' in wire, false);
  });

  it('drops modelSettings.retry but keeps the other settings', () => {
    const wire = toWireRequest(request);
    assert.equal('retry' in wire.modelSettings, false);
    assert.deepEqual(wire.modelSettings, { temperature: 0.25, maxTokens: 99 });
  });

  it('keeps the plain _internal flags and drops tracingParent', () => {
    const wire = toWireRequest(request);
    assert.deepEqual(wire._internal, { reasoningEffortImplicit: true, toolNameCollisionPolicy: 'error' });
  });

  it('survives a JSON round trip unchanged', () => {
    const wire = toWireRequest(request);
    const json = throughJson(wire);
    assert.deepEqual(json, wire);
    assert.equal(json.previousResponseId, 'resp_prev');
    assert.equal(json.systemInstructions, 'Be brief.');
    assert.equal(json.input, 'hello');
    assert.deepEqual(json._internal, { reasoningEffortImplicit: true, toolNameCollisionPolicy: 'error' });
  });

  it('does not mutate the original request', () => {
    toWireRequest(request);
    assert.equal(request.signal, controller.signal);
    assert.equal(request.modelSettings.retry?.maxRetries, 2);
    assert.ok(request._internal?.tracingParent instanceof FakeSpan);
  });

  it('omits _internal when only non-plain internals are present', () => {
    const wire = toWireRequest(baseRequest({ _internal: { tracingParent: new FakeSpan() } }));
    assert.equal('_internal' in wire, false);
  });

  it('drops a plain-object tracingParent too', () => {
    const wire = toWireRequest(
      baseRequest({ _internal: { tracingParent: { spanId: 'span_1' }, toolNameCollisionPolicy: 'warn' } }),
    );
    assert.deepEqual(throughJson(wire)._internal, { toolNameCollisionPolicy: 'warn' });
  });

  it('keeps a false flag (only undefined is dropped)', () => {
    const wire = toWireRequest(baseRequest({ _internal: { reasoningEffortImplicit: false } }));
    assert.deepEqual(wire._internal, { reasoningEffortImplicit: false });
  });

  it('handles a request without modelSettings.retry or _internal', () => {
    const wire = toWireRequest(baseRequest());
    assert.deepEqual(throughJson(wire), {
      systemInstructions: 'Be brief.',
      input: 'hello',
      modelSettings: { temperature: 0.5 },
      tools: [],
      outputType: 'text',
      handoffs: [],
      tracing: false,
    });
  });
});

describe('binary data in requests', () => {
  it('round-trips a Uint8Array inside an input item through JSON', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const request = baseRequest({ input: [imageItem(bytes)] });
    const wire = throughJson(toWireRequest(request));
    const back = fromWireRequest(wire);
    assert.ok(Array.isArray(back.input));
    const item = back.input[0] as unknown as { content: Array<{ type: string; image: unknown }> };
    const image = item.content[0]?.image;
    assert.ok(image instanceof Uint8Array, 'image should be decoded back to a Uint8Array');
    assert.deepEqual([...image], [0, 1, 2, 250, 255]);
    assert.equal(item.content[0]?.type, 'input_image');
  });

  it('puts no raw bytes on the wire', () => {
    const wire = toWireRequest(baseRequest({ input: [imageItem(new Uint8Array([0, 1, 2, 250, 255]))] }));
    const item = (wire.input as unknown as Array<{ content: Array<{ image: unknown }> }>)[0];
    assert.deepEqual(item?.content[0]?.image, { $base64Bytes: 'AAEC+v8=' });
  });

  it('does not mutate the original input item', () => {
    const bytes = new Uint8Array([9, 8, 7]);
    const request = baseRequest({ input: [imageItem(bytes)] });
    toWireRequest(request);
    const item = (request.input as unknown as Array<{ content: Array<{ image: unknown }> }>)[0];
    assert.equal(item?.content[0]?.image, bytes);
  });

  it('encodes an ArrayBuffer and decodes it as a Uint8Array', () => {
    const buffer = new Uint8Array([4, 5, 6]).buffer;
    const wire = throughJson(encodeBinary({ data: buffer }));
    assert.deepEqual(wire, { data: { $base64Bytes: 'BAUG' } });
    const back = decodeBinary(wire) as { data: unknown };
    assert.ok(back.data instanceof Uint8Array);
    assert.deepEqual([...back.data], [4, 5, 6]);
  });

  it('encodes an empty Uint8Array and decodes it back to an empty one', () => {
    const back = decodeBinary(throughJson(encodeBinary({ data: new Uint8Array() }))) as { data: unknown };
    assert.ok(back.data instanceof Uint8Array);
    assert.equal(back.data.length, 0);
  });

  it('leaves objects that merely contain the tag key plus others alone', () => {
    const value = { nested: { $base64Bytes: 'AAEC', other: 1 }, list: [{ $base64Bytes: 42 }] };
    assert.deepEqual(decodeBinary(value), value);
  });
});

describe('toWireResponse / fromWireResponse', () => {
  const output: AgentOutputItem[] = [
    {
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'Hi there' }],
    },
  ];
  const response: ModelResponse = {
    usage: new Usage({ requests: 1, inputTokens: 3, outputTokens: 4, totalTokens: 7 }),
    output,
    responseId: 'resp_42',
    requestId: 'req_7',
    providerData: { model: 'gpt-test', nested: { a: [1, 2] } },
  };

  it('produces a versioned, JSON-safe payload', () => {
    const wire = toWireResponse(response);
    assert.equal(wire.wireVersion, WIRE_VERSION);
    assert.equal(Object.getPrototypeOf(wire.usage), Object.prototype);
    assert.deepEqual(throughJson(wire), wire);
  });

  it('rebuilds a Usage instance with the same counts after a JSON round trip', () => {
    const back = fromWireResponse(throughJson(toWireResponse(response)));
    assert.ok(back.usage instanceof Usage);
    assert.equal(back.usage.requests, 1);
    assert.equal(back.usage.inputTokens, 3);
    assert.equal(back.usage.outputTokens, 4);
    assert.equal(back.usage.totalTokens, 7);
  });

  it('keeps the rebuilt Usage usable (add works)', () => {
    const back = fromWireResponse(throughJson(toWireResponse(response)));
    const total = new Usage();
    total.add(back.usage);
    assert.equal(total.totalTokens, 7);
    assert.equal(total.requests, 1);
  });

  it('preserves output, responseId, requestId and providerData', () => {
    const back = fromWireResponse(throughJson(toWireResponse(response)));
    assert.deepEqual(back.output, output);
    assert.equal(back.responseId, 'resp_42');
    assert.equal(back.requestId, 'req_7');
    assert.deepEqual(back.providerData, { model: 'gpt-test', nested: { a: [1, 2] } });
  });

  it('preserves rawUsage', () => {
    const rawUsage = { input_tokens: 3, output_tokens: 4, extra: { cached: 1 } };
    const back = fromWireResponse(throughJson(toWireResponse({ ...response, rawUsage })));
    assert.deepEqual(back.rawUsage, rawUsage);
  });

  it('omits optional fields that were not set', () => {
    const wire = toWireResponse({ usage: new Usage(), output: [] });
    assert.deepEqual(Object.keys(wire).sort(), ['output', 'usage', 'wireVersion']);
    const back = fromWireResponse(throughJson(wire));
    assert.equal('responseId' in back, false);
    assert.equal('requestId' in back, false);
    assert.equal('providerData' in back, false);
  });

  it('keeps per-request usage entries and token details', () => {
    const usage = new Usage({
      requests: 1,
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
      inputTokensDetails: { cached_tokens: 6 },
      outputTokensDetails: { reasoning_tokens: 2 },
      requestUsageEntries: [{ inputTokens: 10, outputTokens: 5, totalTokens: 15 }],
    });
    const back = fromWireResponse(throughJson(toWireResponse({ usage, output: [] })));
    assert.deepEqual(back.usage.inputTokensDetails, [{ cached_tokens: 6 }]);
    assert.deepEqual(back.usage.outputTokensDetails, [{ reasoning_tokens: 2 }]);
    assert.equal(back.usage.requestUsageEntries?.length, 1);
    assert.equal(back.usage.requestUsageEntries?.[0]?.totalTokens, 15);
  });

  it('round-trips bytes inside output items', () => {
    const withBytes: ModelResponse = {
      usage: new Usage(),
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'x', providerData: { raw: new Uint8Array([7, 0, 255]) } }],
        },
      ],
    };
    const wire: SerializedModelResponse = throughJson(toWireResponse(withBytes));
    const back = fromWireResponse(wire);
    const content = (back.output[0] as { content: Array<{ providerData?: Record<string, unknown> }> }).content;
    const raw = content[0]?.providerData?.raw;
    assert.ok(raw instanceof Uint8Array);
    assert.deepEqual([...raw], [7, 0, 255]);
  });
});

describe('a Responses API response is stored once', () => {
  const text = 'a long answer '.repeat(1000);
  const rawResponse = {
    id: 'resp_big',
    object: 'response',
    status: 'completed',
    model: 'gpt-test',
    output: [{ type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text }] }],
    output_text: text,
    usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
  };
  const response: ModelResponse = {
    usage: new Usage({ requests: 1, inputTokens: 1, outputTokens: 2, totalTokens: 3 }),
    output: [
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text }],
      },
    ],
    responseId: 'resp_big',
    providerData: rawResponse,
  };

  it('drops the raw output and output_text from providerData, and keeps the rest', () => {
    const wire = toWireResponse(response);
    assert.deepEqual(wire.providerData, {
      id: 'resp_big',
      object: 'response',
      status: 'completed',
      model: 'gpt-test',
      usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
    });
    const bytes = JSON.stringify(wire).length;
    assert.ok(bytes < text.length * 1.1, `${bytes} bytes for a ${text.length}-character answer`);
  });

  it('leaves the output itself and the original response alone', () => {
    const back = fromWireResponse(throughJson(toWireResponse(response)));
    assert.deepEqual(back.output, response.output);
    assert.equal(rawResponse.output_text, text);
  });

  it('leaves providerData of other shapes as it is', () => {
    const providerData = { object: 'chat.completion', output: ['kept'], output_text: 'kept' };
    assert.deepEqual(toWireResponse({ ...response, providerData }).providerData, providerData);
  });
});

describe('findInputItemProblem', () => {
  const problem = (input: unknown) => {
    const found = findInputItemProblem(input);
    return found && describeInputItemProblem(found);
  };

  it('accepts strings, valid messages, content parts and other item types', () => {
    assert.equal(problem('hello'), undefined);
    assert.equal(
      problem([
        { role: 'user', content: 'Hi' },
        { type: 'message', role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image: 'https://example.com/cat.png', detail: 'auto' },
            { type: 'input_image', image: { id: 'file_1' } },
            { type: 'input_file', file: { url: 'https://example.com/a.pdf' } },
          ],
        },
        { role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'A cat.' }] },
        { type: 'function_call', callId: 'c1', name: 'f', arguments: '{}' },
        { type: 'function_call_result', callId: 'c1', name: 'f', status: 'completed', output: 'ok' },
      ]),
      undefined,
    );
  });

  for (const [label, input, expected] of [
    ['a number as an item', [1, 2, 3], /^item 0 is the number 1; an input item is an object/],
    ['null as an item', [{ role: 'user', content: 'ok' }, null], /^item 1 is null/],
    ['an unknown role', [{ role: 'robot', content: 'Hi' }], /^item 0, field role, is the string "robot"/],
    ['a missing role', [{ content: 'Hi' }], /^item 0, field role, is missing/],
    ['a numeric type', [{ type: 7 }], /^item 0, field type, is the number 7/],
    ['a content part as an item', [{ type: 'input_text', text: 'Hi' }], /put it in a message/],
    ['content that is a number', [{ role: 'user', content: 42 }], /^item 0, field content, is the number 42/],
    [
      'bytes as the image (agents-core takes a string or a file id; the OpenAI models drop or refuse bytes)',
      [{ role: 'user', content: [{ type: 'input_image', image: new Uint8Array([1, 2]) }] }],
      /^item 0, field content\[0\]\.image, is binary data \(a Uint8Array or ArrayBuffer\).*data:image\/png;base64,/,
    ],
    [
      'bytes as a file, in their wire form (the activity checks the request as it arrives)',
      [{ role: 'user', content: [{ type: 'input_file', file: { $base64Bytes: 'AQI=' } }] }],
      /^item 0, field content\[0\]\.file, is binary data .*data:application\/pdf;base64,/,
    ],
    [
      'a number as the image',
      [{ role: 'user', content: [{ type: 'input_image', image: 12345 }] }],
      /^item 0, field content\[0\]\.image, is the number 12345; an input_image's image is a URL/,
    ],
    [
      'an image object without an id',
      [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'x' },
            { type: 'input_image', image: { url: 'u' } },
          ],
        },
      ],
      /^item 0, field content\[1\]\.image, is an object/,
    ],
    [
      'an image with no source',
      [{ role: 'user', content: [{ type: 'input_image' }] }],
      /content\[0\]\.image, is missing/,
    ],
    ['a misspelt part type', [{ role: 'user', content: [{ type: 'input_txt', text: 'x' }] }], /content\[0\]\.type/],
    ['a text part without text', [{ role: 'user', content: [{ type: 'input_text', text: 5 }] }], /content\[0\]\.text/],
    ['a file of the wrong type', [{ role: 'user', content: [{ type: 'input_file', file: 3 }] }], /content\[0\]\.file/],
    ['assistant content as a string', [{ role: 'assistant', content: 'Hi' }], /field content, is the string "Hi"/],
  ] as const) {
    it(`names ${label}`, () => {
      assert.match(problem(input) ?? 'no problem found', expected);
    });
  }
});

describe('fromWireRequest', () => {
  it('returns the wire form, with the runner flags restored and retries left to Temporal', () => {
    const wire: SerializedModelRequest = throughJson(
      toWireRequest(baseRequest({ input: 'plain', _internal: { toolNameCollisionPolicy: 'warn' } })),
    );
    const { _internal, ...rest } = wire;
    assert.deepEqual(fromWireRequest(wire), {
      ...rest,
      _internal: { toolNameCollisionPolicy: 'warn', runnerManagedRetry: true },
    });
  });
});

describe('base64', () => {
  for (let length = 0; length <= 20; length++) {
    it(`agrees with Buffer for ${length} byte(s)`, () => {
      const bytes = bytesOf(length, length * 7919 + 1);
      const expected = Buffer.from(bytes).toString('base64');
      assert.equal(bytesToBase64(bytes), expected);
      const decoded = base64ToBytes(expected);
      assert.ok(decoded instanceof Uint8Array);
      assert.deepEqual([...decoded], [...bytes]);
    });
  }

  it('covers every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const encoded = bytesToBase64(all);
    assert.equal(encoded, Buffer.from(all).toString('base64'));
    assert.deepEqual([...base64ToBytes(encoded)], [...all]);
  });

  it('decodes unpadded input like Buffer does', () => {
    assert.deepEqual([...base64ToBytes('AAEC+v8')], [0, 1, 2, 250, 255]);
    assert.deepEqual([...base64ToBytes('YQ')], [...Buffer.from('YQ', 'base64')]);
  });

  for (const bad of ['AB$D', 'AB CD', 'AB-_', 'AB=C', 'ä===', 'YQ==\n']) {
    it(`rejects invalid input ${JSON.stringify(bad)}`, () => {
      assert.throws(() => base64ToBytes(bad), TypeError);
    });
  }
});
