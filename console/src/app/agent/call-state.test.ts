import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callView, isCaptureRefusal, mediaProblem, mergeCall, type CallSummary, type CallViewInput } from './call-state';

const open: CallViewInput = { chatActive: true, mediaEnabled: true, mediaAvailable: true, call: null, callElsewhere: false, media: 'idle' };
const call = (change: Partial<CallSummary>): CallSummary => ({ id: 'c1', kind: 'VIDEO', state: 'RINGING', startedBy: 'CONTACT', answeredAt: null, ...change });

describe('call view', () => {
  it('offers to start a call only in an open chat whose campaign has calls on, with a media server', () => {
    assert.deepEqual(callView(open), { stage: 'ready', canStart: true });
    assert.deepEqual(callView({ ...open, mediaEnabled: false }), { stage: 'off' });
    assert.deepEqual(callView({ ...open, mediaAvailable: false }), { stage: 'off' });
    assert.deepEqual(callView({ ...open, chatActive: false }), { stage: 'off' });
  });

  it('keeps the buttons but disabled while the agent is in a call in another chat', () => {
    assert.deepEqual(callView({ ...open, callElsewhere: true }), { stage: 'ready', canStart: false });
  });

  it('asks the agent to accept or decline a call the customer started, unless they are in another call', () => {
    assert.deepEqual(callView({ ...open, call: call({}) }), { stage: 'incoming', kind: 'VIDEO', canAccept: true });
    assert.deepEqual(callView({ ...open, call: call({ kind: 'AUDIO' }), callElsewhere: true }), { stage: 'incoming', kind: 'AUDIO', canAccept: false });
  });

  it('shows a call the agent started as calling until the customer answers', () => {
    assert.deepEqual(callView({ ...open, call: call({ startedBy: 'AGENT' }), media: 'joined' }), { stage: 'calling', kind: 'VIDEO', media: 'joined', canJoin: false });
  });

  it('shows a call that rings or runs even when calls were since turned off for the campaign', () => {
    assert.equal(callView({ ...open, mediaEnabled: false, call: call({}) }).stage, 'incoming');
    assert.equal(callView({ ...open, mediaAvailable: false, call: call({ state: 'ACTIVE' }) }).stage, 'connected');
  });

  it('runs an answered call from its answer time, and lets this tab join when it holds no seat', () => {
    const answered = call({ state: 'ACTIVE', answeredAt: '2026-01-01T10:00:00.000Z' });
    assert.deepEqual(callView({ ...open, call: answered, media: 'joined' }), { stage: 'connected', kind: 'VIDEO', media: 'joined', canJoin: false, answeredAt: '2026-01-01T10:00:00.000Z' });
    for (const media of ['idle', 'blocked', 'failed', 'lost'] as const) {
      const view = callView({ ...open, call: answered, media });
      assert.ok(view.stage === 'connected' && view.canJoin, `${media} can join`);
    }
    const joining = callView({ ...open, call: answered, media: 'joining' });
    assert.ok(joining.stage === 'connected' && !joining.canJoin);
  });

  it('forgets an ended call: the buttons come back', () => {
    assert.deepEqual(callView({ ...open, call: call({ state: 'ENDED' }) }), { stage: 'ready', canStart: true });
  });

  it('names the problem of a seat the browser or the server refused, or that dropped', () => {
    assert.equal(mediaProblem('blocked'), 'call.blocked');
    assert.equal(mediaProblem('failed'), 'call.failed');
    assert.equal(mediaProblem('lost'), 'call.lost');
    for (const fine of ['idle', 'joining', 'joined'] as const) assert.equal(mediaProblem(fine), null);
  });

  it('tells a browser that refused to capture from other failures', () => {
    assert.equal(isCaptureRefusal({ name: 'NotAllowedError', message: 'Permission denied' }), true);
    assert.equal(isCaptureRefusal({ name: 'InvalidStateError', message: 'getDisplayMedia requires transient activation' }), true);
    assert.equal(isCaptureRefusal({ name: 'NotFoundError' }), true);
    assert.equal(isCaptureRefusal(new Error('Cannot reach the media server')), false);
    assert.equal(isCaptureRefusal('Lost connection'), false);
    assert.equal(isCaptureRefusal(null), false);
  });

  it('keeps the newest state of a call when an answer and a push cross', () => {
    const ringing = call({ startedBy: 'AGENT' });
    const active = call({ startedBy: 'AGENT', state: 'ACTIVE', answeredAt: '2026-01-01T10:00:00.000Z' });
    const none = new Set<string>();
    assert.deepEqual(mergeCall(null, ringing, none), ringing);
    assert.deepEqual(mergeCall(ringing, active, none), active);
    assert.deepEqual(mergeCall(active, ringing, none), active, 'a late RINGING answer does not undo the answer');
    assert.equal(mergeCall(active, call({ state: 'ENDED' }), none), null);
    // The push that ended it came first: the late answer does not bring it back.
    assert.equal(mergeCall(null, ringing, new Set(['c1'])), null);
    // Another call's end leaves this one alone.
    assert.deepEqual(mergeCall(active, call({ id: 'c0', state: 'ENDED' }), none), active);
  });
});
