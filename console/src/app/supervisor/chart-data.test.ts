import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busyBuckets, dayChartData, visibleBuckets, volumeSignature } from './chart-data';

const bucket = (from: string, offered: number, answered: number, abandoned: number, serviceLevel: number) => ({
  from,
  to: new Date(Date.parse(from) + 15 * 60_000).toISOString(),
  offered,
  answered,
  abandoned,
  serviceLevel,
});

describe('day chart data', () => {
  const buckets = [
    bucket('2026-03-10T09:00:00.000Z', 4, 3, 1, 0.75),
    bucket('2026-03-10T09:15:00.000Z', 0, 0, 0, 1),
    bucket('2026-03-10T09:30:00.000Z', 0, 0, 0, 1),
  ];

  it('has a bar for each quarter hour so far and a service level where chats were judged', () => {
    const data = dayChartData(buckets, 0.8, Date.parse('2026-03-10T09:20:00Z'));
    assert.deepEqual(data.x, [1773133650, 1773134550, 1773135450], 'the middle of each quarter hour');
    assert.deepEqual(data.offered, [4, 0, null]);
    assert.deepEqual(data.abandoned, [1, 0, null]);
    assert.deepEqual(data.serviceLevel, [75, null, null]);
    assert.deepEqual(data.target, [80, 80, 80]);
  });

  it('draws from the first busy quarter or six hours back, to the end of the current hour', () => {
    const day = Array.from({ length: 96 }, (_, i) => bucket(new Date(Date.parse('2026-03-10T00:00:00Z') + i * 15 * 60_000).toISOString(), i === 30 ? 2 : 0, 0, 0, 1));
    const at = (iso: string) => visibleBuckets(day, Date.parse(iso)).map((b) => b.from.slice(11, 16));
    const afternoon = at('2026-03-10T14:31:00Z');
    assert.equal(afternoon[0], '07:00', 'the busy 07:30 is the earlier, on its whole hour');
    assert.equal(afternoon.at(-1), '14:45');
    const evening = at('2026-03-10T21:05:00Z');
    assert.equal(evening[0], '07:00');
    const quiet = visibleBuckets(day.map((b) => ({ ...b, offered: 0 })), Date.parse('2026-03-10T14:31:00Z'));
    assert.equal(quiet[0]?.from.slice(11, 16), '08:00', 'six hours back, on its whole hour');
    assert.equal(visibleBuckets(day, Date.parse('2026-03-10T01:10:00Z'))[0]?.from.slice(11, 16), '00:00');
  });

  it('lists only the quarter hours that had chats', () => {
    assert.equal(busyBuckets(buckets).length, 1);
  });

  it('changes its signature when a chat arrives, is answered or abandoned', () => {
    const figures = { offered: 1, answered: 0, abandoned: 0, rejected: 0 };
    assert.notEqual(volumeSignature(figures), volumeSignature({ ...figures, answered: 1 }));
    assert.equal(volumeSignature(undefined), '');
  });
});
