// A streamed call's result keeps as much of the events as fits Temporal's payload limit.
import assert from 'node:assert/strict';
import type { StreamEvent } from '@openai/agents-core';
import { describe, it } from 'vitest';
import { doneEventFromResponse } from '../../src/common/streaming.js';
import { fitStreamedResult } from '../../src/worker/model-stream.js';

const text = 'one two three four five six seven eight nine ten ';
const done = {
  type: 'response_done',
  response: {
    id: 'resp_1',
    usage: { inputTokens: 3, outputTokens: 10, totalTokens: 13 },
    output: [
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text }],
      },
    ],
  },
  providerData: { sequence_number: 14 },
} as Extract<StreamEvent, { type: 'response_done' }>;
const events: StreamEvent[] = [
  { type: 'response_started' },
  ...(text.match(/\S+\s/g) ?? []).flatMap((delta, index): StreamEvent[] => [
    { type: 'output_text_delta', delta, itemId: 'msg_1', providerData: { sequence_number: index + 1, logprobs: [] } },
    { type: 'model', event: { type: 'response.output_text.delta', delta, sequence_number: index + 1 } },
  ]),
];
const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('fitting a streamed result', () => {
  const whole = fitStreamedResult(done, events, 1, Number.POSITIVE_INFINITY);

  it('keeps every event when they fit, and the final event is rebuilt from the response', () => {
    assert.deepEqual(whole.stream?.events, events);
    assert.equal(whole.stream?.compaction, undefined);
    const rebuilt = doneEventFromResponse(whole, whole.stream?.doneProviderData) as typeof done;
    assert.equal(rebuilt.response.id, 'resp_1');
    assert.deepEqual(rebuilt.response.output, done.response.output);
    assert.deepEqual(rebuilt.providerData, done.providerData);
    assert.equal(rebuilt.response.usage.totalTokens, 13);
  });

  it('then drops the provider’s fields and raw events, then joins the deltas, then keeps none', () => {
    const lean = fitStreamedResult(done, events, 1, size(whole) - 1);
    assert.equal(lean.stream?.compaction, 'provider-data');
    assert.deepEqual(lean.stream?.events.slice(0, 2), [
      { type: 'response_started' },
      { type: 'output_text_delta', delta: 'one ', itemId: 'msg_1' },
    ]);
    assert.equal(lean.stream?.events.length, 11);

    const merged = fitStreamedResult(done, events, 1, size(lean) - 1);
    assert.equal(merged.stream?.compaction, 'merged');
    assert.deepEqual(merged.stream?.events, [
      { type: 'response_started' },
      { type: 'output_text_delta', delta: text, itemId: 'msg_1' },
    ]);

    const none = fitStreamedResult(done, events, 1, size(merged) - 1);
    assert.equal(none.stream?.compaction, 'response-only');
    assert.deepEqual(none.stream?.events, []);
    assert.deepEqual(none.output, done.response.output);
  });
});
