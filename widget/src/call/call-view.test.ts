import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call, Interaction } from '../model';
import { callView } from './call-view';

const call = (changes: Partial<Call> = {}): Call => ({ id: 'c1', kind: 'VIDEO', state: 'RINGING', startedBy: 'AGENT', answeredAt: null, ...changes });
const chat = (state: Interaction['state'], current: Call | null = null) => ({ state, call: current });

describe('what the chat shows of calls', () => {
  it('offers the call buttons in an active chat when the campaign has calls, and nothing otherwise', () => {
    assert.deepEqual(callView(chat('ACTIVE'), true), { kind: 'available' });
    assert.deepEqual(callView(chat('ACTIVE'), false), { kind: 'none' });
    assert.deepEqual(callView(undefined, true), { kind: 'none' });
    for (const state of ['QUEUED', 'OFFERED', 'CLOSED', 'ABANDONED', 'REJECTED'] as const) assert.deepEqual(callView(chat(state), true), { kind: 'none' }, state);
  });

  it("rings for the customer when the agent calls, whatever the campaign's buttons", () => {
    const ringing = call();
    assert.deepEqual(callView(chat('ACTIVE', ringing), true), { kind: 'incoming', call: ringing });
    assert.deepEqual(callView(chat('ACTIVE', ringing), false), { kind: 'incoming', call: ringing });
  });

  it("shows the customer's own call while it rings, and either side's once answered", () => {
    const calling = call({ startedBy: 'CONTACT' });
    const answered = call({ state: 'ACTIVE', answeredAt: '2026-01-01T10:00:00Z' });
    assert.deepEqual(callView(chat('ACTIVE', calling), true), { kind: 'stage', call: calling });
    assert.deepEqual(callView(chat('ACTIVE', answered), false), { kind: 'stage', call: answered });
  });

  it('offers a new call once the last one ended, and shows no call in a chat that ended', () => {
    assert.deepEqual(callView(chat('ACTIVE', call({ state: 'ENDED' })), true), { kind: 'available' });
    assert.deepEqual(callView(chat('CLOSED', call({ state: 'ACTIVE' })), true), { kind: 'none' });
  });
});
