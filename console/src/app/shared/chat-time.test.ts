import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatSeconds, chatTimeStatus, formatDuration } from './chat-time';

const limits = { chatTimeWarnSeconds: 300, chatTimeLimitSeconds: 600 };

describe('chat time', () => {
  it('is NORMAL below the warning, WARNING from it, OVER_LIMIT from the limit', () => {
    assert.equal(chatTimeStatus(0, limits), 'NORMAL');
    assert.equal(chatTimeStatus(299, limits), 'NORMAL');
    assert.equal(chatTimeStatus(300, limits), 'WARNING');
    assert.equal(chatTimeStatus(599, limits), 'WARNING');
    assert.equal(chatTimeStatus(600, limits), 'OVER_LIMIT');
    assert.equal(chatTimeStatus(10_000, limits), 'OVER_LIMIT');
  });

  it('goes straight to OVER_LIMIT when both limits are the same', () => {
    assert.equal(chatTimeStatus(60, { chatTimeWarnSeconds: 60, chatTimeLimitSeconds: 60 }), 'OVER_LIMIT');
  });

  it('counts whole seconds since the answer, never below zero', () => {
    const answered = '2026-01-01T10:00:00.000Z';
    const at = (iso: string) => Date.parse(iso);
    assert.equal(chatSeconds(answered, at('2026-01-01T10:00:00.999Z')), 0);
    assert.equal(chatSeconds(answered, at('2026-01-01T10:05:01.000Z')), 301);
    assert.equal(chatSeconds(new Date(answered), at('2026-01-01T10:00:10.000Z')), 10);
    assert.equal(chatSeconds(answered, at('2026-01-01T09:59:00.000Z')), 0);
    assert.equal(chatSeconds(null, Date.now()), 0);
    assert.equal(chatSeconds('not a date', Date.now()), 0);
  });

  it('formats durations as m:ss, with hours when there are any', () => {
    assert.equal(formatDuration(7), '0:07');
    assert.equal(formatDuration(750), '12:30');
    assert.equal(formatDuration(3723), '1:02:03');
    assert.equal(formatDuration(-5), '0:00');
  });
});
