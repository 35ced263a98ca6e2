// How a run's model calls are chained: what each model activity input carries.
import assert from 'node:assert/strict';
import type { AgentInputItem } from '@openai/agents-core';
import { describe, it } from 'vitest';
import {
  modelCallChain,
  REPLAY_WORK_PER_ITEM,
  REPLAY_WORK_PER_MODEL_CALL,
} from '../../src/workflow/model-call-chain.js';

const user = (content: string): AgentInputItem => ({ type: 'message', role: 'user', content });

describe('modelCallChain (one chain per workflow run)', () => {
  it('numbers calls, counts each agent’s turns, and sends only what follows the shared items', () => {
    const first = modelCallChain.next('A', [user('one')], true);
    assert.deepEqual(first, { call: 0, agentTurn: 0, input: [user('one')], inputBytes: first.inputBytes });

    // Two items: too short to be worth a reference.
    const second = modelCallChain.next('A', [user('one'), user('two')], true);
    assert.equal(second.inputBase, undefined);
    assert.equal(second.agentTurn, 1);

    const third = modelCallChain.next('B', [user('one'), user('two'), user('three')], true);
    assert.deepEqual(third.inputBase, { call: 1, items: 2 });
    assert.deepEqual(third.input, [user('three')]);
    assert.equal(third.agentTurn, 0);
    assert.equal(third.inputBytes, JSON.stringify([user('three')]).length);

    // The input changed early on (e.g. a handoff filter): only the items before the change are shared.
    const fourth = modelCallChain.next('B', [user('one'), user('two'), user('changed'), user('four')], true);
    assert.deepEqual(fourth.inputBase, { call: 2, items: 2 });
    assert.deepEqual(fourth.input, [user('changed'), user('four')]);
  });

  it('sends the whole input for calls whose input the history does not keep, and after a string input', () => {
    const items = [user('a'), user('b'), user('c')];
    modelCallChain.next('C', items, true);
    const local = modelCallChain.next('C', [...items, user('d')], false);
    assert.equal(local.inputBase, undefined);
    assert.equal(local.input.length, 4);
    // The local call cannot be a base either: the next call starts a new chain.
    const afterLocal = modelCallChain.next('C', [...items, user('d'), user('e')], true);
    assert.equal(afterLocal.inputBase, undefined);

    const text = modelCallChain.next('C', 'plain prompt', true);
    assert.equal(text.input, 'plain prompt');
    const afterText = modelCallChain.next('C', [user('plain prompt'), user('x'), user('y')], true);
    assert.equal(afterText.inputBase, undefined);
  });

  it('compares items by content, not by object: an item changed in place since the last call is sent again', () => {
    const items = [user('d1'), user('d2'), user('d3'), user('d4')];
    modelCallChain.next('D', items, true);
    (items[2] as { content: string }).content = 'd3, edited by the workflow';
    const next = modelCallChain.next('D', [...items, user('d5')], true);
    assert.deepEqual(next.inputBase?.items, 2);
    assert.deepEqual(next.input, [user('d3, edited by the workflow'), user('d4'), user('d5')]);
  });

  it('adds up the replay work of the run: every call, and every item of its whole input, chained or not', () => {
    const before = modelCallChain.replayWork();
    const conversation = [user('e1'), user('e2'), user('e3')];
    const whole = [...conversation, user('e4')];
    modelCallChain.next('E', conversation, true);
    // Chained: only e4 is sent, but the runner went over all four items, and a replay does again.
    const chained = modelCallChain.next('E', whole, true);
    assert.ok(chained.inputBase);
    modelCallChain.next('E', 'a string input', true);
    const after = modelCallChain.replayWork();

    const bytes = JSON.stringify(conversation).length + JSON.stringify(whole).length + '"a string input"'.length;
    assert.equal(after.modelCalls - before.modelCalls, 3);
    assert.equal(after.inputItems - before.inputItems, 3 + 4 + 1);
    assert.equal(after.inputBytes - before.inputBytes, bytes);
    assert.equal(after.units - before.units, 3 * REPLAY_WORK_PER_MODEL_CALL + 8 * REPLAY_WORK_PER_ITEM + bytes);
  });
});
