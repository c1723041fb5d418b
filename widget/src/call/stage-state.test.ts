import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, joinFailure, rejoinDelay, stageStatus, timerStart, type StageState } from './stage-state';
import { S } from './stage-texts';

const state = (changes: Partial<StageState> = {}): StageState => ({ kind: 'VIDEO', ringing: false, connection: 'joined', ...changes });

describe('the call view', () => {
  it('says what is happening until the call is up, then shows its duration', () => {
    assert.deepEqual(stageStatus(state({ ringing: true, connection: 'joining' }), 0), { text: S.Calling });
    assert.deepEqual(stageStatus(state({ ringing: true }), 0), { text: S.Calling });
    assert.deepEqual(stageStatus(state({ connection: 'joining' }), 0), { text: S.Connecting });
    assert.deepEqual(stageStatus(state({ connection: 'reconnecting' }), 30), { text: S.Reconnecting });
    assert.deepEqual(stageStatus(state(), 65.4), { timer: '1:05' });
  });

  it('asks for the devices the call needs when the browser refused them, and says when it could not connect', () => {
    assert.deepEqual(stageStatus(state({ connection: 'denied', ringing: true }), 0), { problem: S.AllowDevices });
    assert.deepEqual(stageStatus(state({ connection: 'denied', kind: 'AUDIO' }), 0), { problem: S.AllowMicrophone });
    assert.deepEqual(stageStatus(state({ connection: 'failed' }), 0), { problem: S.CouldNotConnect });
  });

  it('writes durations as a phone does', () => {
    assert.equal(formatDuration(0), '0:00');
    assert.equal(formatDuration(7.9), '0:07');
    assert.equal(formatDuration(754), '12:34');
    assert.equal(formatDuration(3723), '1:02:03');
    assert.equal(formatDuration(-5), '0:00');
  });

  it("starts the timer when the call is answered here, or back by the time since the API's answeredAt after a reload", () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    assert.equal(timerStart('2026-03-01T09:59:00Z', now, false), now);
    assert.equal(timerStart('2026-03-01T09:59:00Z', now, true), now - 60_000);
    // A customer's clock behind the API's: never a negative duration, never days.
    assert.equal(timerStart('2026-03-01T10:05:00Z', now, true), now);
    assert.equal(timerStart('2026-01-01T10:00:00Z', now, true), now - 86_400_000);
    assert.equal(timerStart(null, now, true), now);
  });

  it('tells refused devices from missing ones and from everything else', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    assert.equal(joinFailure(named('NotAllowedError')), 'denied');
    assert.equal(joinFailure(named('SecurityError')), 'denied');
    assert.equal(joinFailure(named('NotFoundError')), 'missing');
    assert.equal(joinFailure(named('NotReadableError')), 'missing');
    assert.equal(joinFailure(named('RoomError')), 'failed');
    assert.equal(joinFailure('Lost connection'), 'failed');
  });

  it('tries to rejoin a few times, waiting longer each time', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map(rejoinDelay), [1000, 2000, 4000, 8000, null]);
  });
});
