// The stream's Payload codec against Temporal's own protobuf classes: other SDKs' clients read and write these bytes.
import assert from 'node:assert/strict';
import { temporal } from '@temporalio/proto';
import { describe, it } from 'vitest';
import { decodePayload, encodePayload, payloadFromWire, payloadToWire } from '../../src/common/streaming.js';

const { Payload } = temporal.api.common.v1;
const bytes = (text: string) => new TextEncoder().encode(text);

const samples: { metadata: Record<string, Uint8Array>; data: Uint8Array }[] = [
  { metadata: { encoding: bytes('json/plain') }, data: bytes(JSON.stringify({ kind: 'event', text: 'héllo ✓' })) },
  { metadata: { encoding: bytes('binary/null') }, data: new Uint8Array(0) },
  {
    metadata: { encoding: bytes('binary/plain'), messageType: bytes('x'.repeat(300)) },
    data: Uint8Array.from({ length: 70_000 }, (_, index) => index % 256),
  },
];

describe('stream payload codec', () => {
  it('writes what Temporal’s protobuf Payload reads, and reads what it writes', () => {
    for (const payload of samples) {
      const fromOurs = Payload.decode(encodePayload(payload));
      assert.deepEqual(Object.keys(fromOurs.metadata).sort(), Object.keys(payload.metadata).sort());
      for (const [key, value] of Object.entries(payload.metadata)) {
        assert.deepEqual(new Uint8Array(fromOurs.metadata[key] ?? []), value);
      }
      assert.deepEqual(new Uint8Array(fromOurs.data), payload.data);

      const decoded = decodePayload(Payload.encode(payload).finish());
      assert.deepEqual(decoded, payload);
      assert.deepEqual(payloadFromWire(payloadToWire(payload)), payload);
    }
  });

  it('steps over fields it does not use (a newer Payload with external storage details)', () => {
    const withExternal = Payload.encode({
      metadata: { encoding: bytes('json/plain') },
      data: bytes('1'),
      externalPayloads: [{}],
    }).finish();
    assert.deepEqual(decodePayload(withExternal), { metadata: { encoding: bytes('json/plain') }, data: bytes('1') });
  });
});
