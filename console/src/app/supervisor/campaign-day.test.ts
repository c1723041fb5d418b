import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayOf, dayStart, knownTimezone } from './campaign-day';

describe("a campaign's day", () => {
  it('starts at midnight on the campaign clock', () => {
    assert.equal(dayStart(new Date('2026-03-10T15:42:10Z'), 'UTC').toISOString(), '2026-03-10T00:00:00.000Z');
    assert.equal(dayStart(new Date('2026-03-10T15:42:10Z'), 'Europe/Madrid').toISOString(), '2026-03-09T23:00:00.000Z');
    // Already the next day in Tokyo.
    assert.equal(dayStart(new Date('2026-03-10T15:42:10Z'), 'Asia/Tokyo').toISOString(), '2026-03-10T15:00:00.000Z');
    assert.equal(dayStart(new Date('2026-03-10T02:00:00Z'), 'America/Sao_Paulo').toISOString(), '2026-03-09T03:00:00.000Z');
  });

  it('counts a day of 23 or 25 hours when the clocks change', () => {
    const spring = dayOf(new Date('2026-03-29T12:00:00Z'), 'Europe/Madrid');
    assert.equal(spring.from.toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(spring.to.toISOString(), '2026-03-29T22:00:00.000Z');
    const autumn = dayOf(new Date('2026-10-25T12:00:00Z'), 'Europe/Madrid');
    assert.equal((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000, 25);
    // After the change, the day still starts at the midnight before it.
    assert.equal(dayStart(new Date('2026-03-29T20:00:00Z'), 'Europe/Madrid').toISOString(), '2026-03-28T23:00:00.000Z');
  });

  it('falls back to UTC for a timezone the browser does not know', () => {
    assert.equal(knownTimezone('Europe/Lisbon'), 'Europe/Lisbon');
    assert.equal(knownTimezone('Mars/Olympus_Mons'), 'UTC');
  });
});
