// Plugin conversation ids: what a previousResponseId refers to.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { conversationIdOf, NEW_CONVERSATION_ID, parseConversationId } from '../../src/workflow/conversation.js';

describe('plugin conversation ids', () => {
  it('name a model call of a run, whatever the workflow id holds, and round-trip', () => {
    const base = { run: 'chat/with#odd:chars/0190a1b2-run', call: 41 };
    assert.deepEqual(parseConversationId(conversationIdOf(base)), base);
    assert.equal(parseConversationId(NEW_CONVERSATION_ID), 'new');
  });

  it("leave a provider's own response ids alone and refuse a malformed plugin id", () => {
    assert.equal(parseConversationId('resp_68af0c2b'), undefined);
    assert.equal(parseConversationId(undefined), undefined);
    assert.throws(
      () => parseConversationId(`${NEW_CONVERSATION_ID.replace(/new$/, '')}wf/run#x`),
      /is not a plugin conversation id\. Pass NEW_CONVERSATION_ID/,
    );
  });
});
