import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endReasonKey, monitoredBanner, shareChange, watchStatus, type ScreenMonitoring, type Share } from './screen-monitoring';

const monitoring = (change: Partial<ScreenMonitoring> = {}): ScreenMonitoring => ({
  id: 'm1',
  agent: { id: 'agent-1', name: 'Alex Agent' },
  supervisor: { id: 'sup-1', name: 'Sam Supervisor' },
  state: 'STARTING',
  startedAt: '2026-01-01T10:00:00.000Z',
  endedAt: null,
  endReason: null,
  ...change,
});

describe('screen monitoring, the agent side', () => {
  it('shares into a new session on the agent, once, and stops when it ends', () => {
    assert.equal(shareChange([], monitoring(), 'agent-1'), 'share');
    assert.equal(shareChange([], monitoring({ state: 'LIVE' }), 'agent-1'), 'share');
    const shares: Share[] = [{ monitoring: monitoring(), phase: 'sharing' }];
    assert.equal(shareChange(shares, monitoring({ state: 'LIVE' }), 'agent-1'), 'keep');
    assert.equal(shareChange(shares, monitoring({ state: 'ENDED', endReason: 'STOPPED' }), 'agent-1'), 'stop');
    // An end the console never shared into, or a session on someone else, changes nothing.
    assert.equal(shareChange([], monitoring({ state: 'ENDED' }), 'agent-1'), 'keep');
    assert.equal(shareChange([], monitoring(), 'agent-2'), 'keep');
  });

  it('shows the banner while a session runs, naming who watches', () => {
    assert.equal(monitoredBanner([]), null);
    assert.deepEqual(monitoredBanner([{ monitoring: monitoring(), phase: 'joining' }]), { supervisors: ['Sam Supervisor'], needsShare: false });
    assert.equal(monitoredBanner([{ monitoring: monitoring({ state: 'ENDED' }), phase: 'sharing' }]), null);
  });

  it('names each supervisor once, in the order they started', () => {
    const banner = monitoredBanner([
      { monitoring: monitoring({ id: 'm2', supervisor: { id: 'admin', name: 'Ada Admin' }, startedAt: '2026-01-01T10:05:00.000Z' }), phase: 'sharing' },
      { monitoring: monitoring({ state: 'LIVE' }), phase: 'sharing' },
    ]);
    assert.deepEqual(banner?.supervisors, ['Sam Supervisor', 'Ada Admin']);
  });

  it('offers to share by hand when the browser refused or the share dropped', () => {
    for (const phase of ['refused', 'lost'] as const) assert.equal(monitoredBanner([{ monitoring: monitoring({ state: 'LIVE' }), phase }])?.needsShare, true, phase);
    for (const phase of ['joining', 'sharing'] as const) assert.equal(monitoredBanner([{ monitoring: monitoring({ state: 'LIVE' }), phase }])?.needsShare, false, phase);
  });
});

describe('screen monitoring, the supervisor side', () => {
  it('goes from asking the agent, to waiting for the picture, to live', () => {
    assert.equal(watchStatus({ state: null, seat: 'joining', hasVideo: false }), 'starting');
    assert.equal(watchStatus({ state: 'STARTING', seat: 'watching', hasVideo: false }), 'starting');
    assert.equal(watchStatus({ state: 'LIVE', seat: 'joining', hasVideo: false }), 'waiting');
    assert.equal(watchStatus({ state: 'LIVE', seat: 'watching', hasVideo: false }), 'waiting');
    assert.equal(watchStatus({ state: 'LIVE', seat: 'watching', hasVideo: true }), 'live');
  });

  it('says it ended, whoever ended it, before anything about the room', () => {
    assert.equal(watchStatus({ state: 'ENDED', seat: 'lost', hasVideo: false }), 'ended');
    assert.equal(watchStatus({ state: 'ENDED', seat: 'watching', hasVideo: true }), 'ended');
  });

  it('fails when the room could not be joined or dropped', () => {
    assert.equal(watchStatus({ state: 'LIVE', seat: 'failed', hasVideo: false }), 'failed');
    assert.equal(watchStatus({ state: 'STARTING', seat: 'lost', hasVideo: true }), 'failed');
  });

  it('says why a session ended, and only that it ended for a reason it does not know', () => {
    assert.equal(endReasonKey('AGENT_STOPPED'), 'monitorEnd.AGENT_STOPPED');
    assert.equal(endReasonKey('MEDIA_SERVER_LOST'), 'monitorEnd.MEDIA_SERVER_LOST');
    assert.equal(endReasonKey('SOMETHING_NEW'), 'monitorEnd.UNKNOWN');
    assert.equal(endReasonKey(null), 'monitorEnd.UNKNOWN');
  });
});
