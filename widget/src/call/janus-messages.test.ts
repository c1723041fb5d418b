import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMessage } from './janus-messages';

describe("the VideoRoom's messages", () => {
  it('reads a join: our private id and the publishers already there (string ids), without dummies', () => {
    const message = readMessage({
      videoroom: 'joined',
      room: 'parley:call:1',
      id: 'p-contact',
      private_id: 4242,
      publishers: [{ id: 'p-agent', display: 'Ana', streams: [] }, { id: 'dummy', dummy: true }, { display: 'no id' }],
    });
    assert.equal(message.kind, 'joined');
    assert.equal(message.privateId, 4242);
    assert.deepEqual(message.publishers, [{ id: 'p-agent', display: 'Ana' }]);
    assert.equal(message.error, null);
  });

  it("reads a refusal with the plugin's code", () => {
    assert.deepEqual(readMessage({ videoroom: 'event', error_code: 433, error: 'Unauthorized (not in the allowed list)' }).error, { code: 433, reason: 'Unauthorized (not in the allowed list)' });
    assert.deepEqual(readMessage({ videoroom: 'event', error: 'Odd' }).error, { code: 0, reason: 'Odd' });
  });

  it('tells another participant leaving from this seat being removed', () => {
    assert.equal(readMessage({ videoroom: 'event', leaving: 'p-agent' }).gone, 'p-agent');
    assert.equal(readMessage({ videoroom: 'event', unpublished: 12 }).gone, 12);
    const removed = readMessage({ videoroom: 'event', leaving: 'ok', reason: 'kicked' });
    assert.equal(removed.gone, null);
    assert.equal(removed.removed, true);
  });

  it('reads the answers to configure and start', () => {
    assert.equal(readMessage({ videoroom: 'event', configured: 'ok' }).configured, true);
    assert.equal(readMessage({ videoroom: 'event', started: 'ok' }).started, true);
    assert.equal(readMessage({ videoroom: 'event', configured: 'no' }).configured, false);
  });

  it('makes nothing of what is not a VideoRoom message', () => {
    for (const raw of [null, 'text', 3, [], { publishers: 'x' }]) {
      assert.deepEqual(readMessage(raw), { kind: null, error: null, privateId: null, publishers: [], gone: null, removed: false, configured: false, started: false });
    }
  });
});
