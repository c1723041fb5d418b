import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buckets, bucketStart, history } from './stats-history';
import type { Arrival } from './campaign-figures';

const answered = (queuedAt: string, holdSeconds: number): Arrival => {
  const queued = new Date(queuedAt);
  return { state: 'CLOSED', closeReason: 'AGENT_CLOSED', queuedAt: queued, answeredAt: new Date(queued.getTime() + holdSeconds * 1000), closedAt: new Date(queued.getTime() + 600_000) };
};

describe('statistics history', () => {
  it('cuts quarter hours and hours on the campaign’s wall clock, half-hour offsets included', () => {
    assert.equal(bucketStart(new Date('2026-11-26T10:52:31Z'), 'QUARTER_HOUR', 'UTC').toISOString(), '2026-11-26T10:45:00.000Z');
    // Kolkata is UTC+5:30: its hours start at half past in UTC.
    assert.equal(bucketStart(new Date('2026-11-26T10:52:31Z'), 'HOUR', 'Asia/Kolkata').toISOString(), '2026-11-26T10:30:00.000Z');
  });

  it('makes days from local midnight to local midnight, 23 or 25 hours long on DST changes', () => {
    const days = buckets(new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T00:00:00Z'), 'DAY', 'Europe/Madrid') ?? [];
    assert.deepEqual(days.map((d) => [d.from.toISOString(), (d.to.getTime() - d.from.getTime()) / 3_600_000]), [
      ['2026-03-27T23:00:00.000Z', 24],
      ['2026-03-28T23:00:00.000Z', 23], // clocks go forward on 29 March
      ['2026-03-29T22:00:00.000Z', 24],
    ]);
  });

  it('refuses ranges of more buckets than it answers quickly', () => {
    assert.equal(buckets(new Date('2026-01-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), 'QUARTER_HOUR', 'UTC'), undefined);
    assert.equal(buckets(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'), 'QUARTER_HOUR', 'UTC')?.length, 96);
  });

  it('puts each chat in the bucket it arrived in', () => {
    const periods = buckets(new Date('2026-11-26T08:00:00Z'), new Date('2026-11-26T09:00:00Z'), 'QUARTER_HOUR', 'UTC') ?? [];
    const figures = history([answered('2026-11-26T08:14:59Z', 5), answered('2026-11-26T08:15:00Z', 60), answered('2026-11-26T08:50:00Z', 5)], periods, { serviceLevelSeconds: 20, abandonSeconds: 10 });
    assert.deepEqual(figures.map((f) => [f.offered, f.answeredWithinServiceLevel, f.serviceLevel]), [[1, 1, 1], [1, 0, 0], [0, 0, 1], [1, 1, 1]]);
  });
});
