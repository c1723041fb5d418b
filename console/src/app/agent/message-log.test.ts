import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contiguousSeq, deliveryOf, hasGap, lastContactSeq, mergeMessages, unreadCount, type ChatMessage } from './message-log';

const message = (seq: number, kind: ChatMessage['sender']['kind'] = 'CONTACT', text = `m${seq}`): ChatMessage => ({
  id: `id-${seq}`,
  seq,
  clientId: null,
  text,
  createdAt: '2026-01-01T10:00:00Z',
  sender: { kind, name: null },
  attachment: null,
});

describe('message log', () => {
  it('keeps messages in seq order, each once, whatever the arrival order', () => {
    let log = mergeMessages([], [message(2), message(1)]);
    log = mergeMessages(log, [message(1, 'CONTACT', 'again'), message(4), message(3)]);
    assert.deepEqual(log.map((m) => m.seq), [1, 2, 3, 4]);
    assert.equal(log[0]?.text, 'm1');
  });

  it('returns the same array when nothing is new, so views do not redraw', () => {
    const log = mergeMessages([], [message(1)]);
    assert.equal(mergeMessages(log, [message(1)]), log);
    assert.equal(mergeMessages(log, []), log);
  });

  it('finds the seq to resume after and notices holes', () => {
    assert.equal(contiguousSeq([]), 0);
    assert.equal(contiguousSeq([message(1), message(2), message(4)]), 2);
    assert.equal(contiguousSeq([message(2)]), 0);
    assert.equal(hasGap([message(1), message(2), message(4)]), true);
    assert.equal(hasGap([message(1), message(2)]), false);
  });

  it('counts the customer messages after the read mark as unread', () => {
    const log = [message(1), message(2, 'AGENT'), message(3), message(4, 'SYSTEM'), message(5)];
    assert.equal(unreadCount(log, 0), 3);
    assert.equal(unreadCount(log, 3), 1);
    assert.equal(lastContactSeq(log), 5);
    assert.equal(lastContactSeq([message(1, 'AGENT')]), 0);
  });

  it('marks an agent message read once the customer read mark reaches it', () => {
    assert.equal(deliveryOf(message(3, 'AGENT'), 2), 'sent');
    assert.equal(deliveryOf(message(3, 'AGENT'), 3), 'read');
  });
});
