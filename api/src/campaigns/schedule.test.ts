import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalTimezone, isOpen, localDayStart, localTime, parseClock, type WeeklySchedule } from './schedule';

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const newYork: WeeklySchedule = { timezone: 'America/New_York', ranges: weekdays('09:00', '17:00'), exceptions: [] };

describe('schedule', () => {
  it('reads clocks, with 24:00 as the end of the day', () => {
    assert.equal(parseClock('00:00'), 0);
    assert.equal(parseClock('09:30'), 570);
    assert.equal(parseClock('24:00'), 1440);
    for (const bad of ['24:01', '9:30', '25:00', '12:60', '', '12:00:00']) assert.ok(Number.isNaN(parseClock(bad)), bad);
  });

  it('is open inside a weekday range and closed outside it, in the campaign timezone', () => {
    // Wednesday 2026-11-25: New York is UTC-5.
    assert.equal(isOpen(newYork, new Date('2026-11-25T14:00:00Z')), true); // 09:00 local
    assert.equal(isOpen(newYork, new Date('2026-11-25T13:59:00Z')), false); // 08:59
    assert.equal(isOpen(newYork, new Date('2026-11-25T21:59:00Z')), true); // 16:59
    assert.equal(isOpen(newYork, new Date('2026-11-25T22:00:00Z')), false); // 17:00: end is exclusive
    assert.equal(isOpen(newYork, new Date('2026-11-28T15:00:00Z')), false); // Saturday
  });

  it('follows the local clock across DST changes', () => {
    // 2026-03-08 is a Sunday (DST starts in the US); Monday 2026-03-09 is EDT (UTC-4).
    assert.equal(isOpen(newYork, new Date('2026-03-09T13:00:00Z')), true); // 09:00 EDT
    assert.equal(isOpen(newYork, new Date('2026-03-06T13:00:00Z')), false); // Friday 08:00 EST
    assert.equal(isOpen(newYork, new Date('2026-03-06T14:00:00Z')), true); // 09:00 EST
    // The DST day itself: a Sunday range 01:00-04:00 is open at 03:30 EDT, which is 07:30Z.
    const sunday: WeeklySchedule = { timezone: 'America/New_York', ranges: [{ weekday: 0, start: '01:00', end: '04:00' }], exceptions: [] };
    assert.equal(isOpen(sunday, new Date('2026-03-08T07:30:00Z')), true);
    assert.equal(isOpen(sunday, new Date('2026-03-08T08:30:00Z')), false); // 04:30 EDT
    assert.deepEqual(localTime(new Date('2026-03-08T07:30:00Z'), 'America/New_York'), { date: '2026-03-08', weekday: 0, minutes: 210 });
  });

  it('closes on holidays and uses exception ranges instead of the weekly ones', () => {
    const schedule: WeeklySchedule = {
      ...newYork,
      exceptions: [
        { date: '2026-11-26', closed: true, ranges: [] },
        { date: '2026-11-27', closed: false, ranges: [{ weekday: 5, start: '10:00', end: '12:00' }] },
        { date: '2026-11-28', closed: false, ranges: [{ weekday: 6, start: '08:00', end: '09:00' }] },
      ],
    };
    assert.equal(isOpen(schedule, new Date('2026-11-26T15:00:00Z')), false); // Thanksgiving, 10:00 local
    assert.equal(isOpen(schedule, new Date('2026-11-27T14:30:00Z')), false); // 09:30: outside the short day
    assert.equal(isOpen(schedule, new Date('2026-11-27T15:30:00Z')), true); // 10:30
    assert.equal(isOpen(schedule, new Date('2026-11-28T13:30:00Z')), true); // Saturday opened by exception
  });

  it('uses the local date for exceptions near midnight', () => {
    const tokyo: WeeklySchedule = { timezone: 'Asia/Tokyo', ranges: weekdays('00:00', '24:00'), exceptions: [{ date: '2026-11-26', closed: true, ranges: [] }] };
    assert.equal(isOpen(tokyo, new Date('2026-11-25T14:59:00Z')), true); // 23:59 on the 25th in Tokyo
    assert.equal(isOpen(tokyo, new Date('2026-11-25T15:00:00Z')), false); // 00:00 on the 26th
  });

  it('accepts real IANA timezones only', () => {
    assert.equal(canonicalTimezone('Europe/Lisbon'), 'Europe/Lisbon');
    assert.equal(canonicalTimezone('UTC'), 'UTC');
    assert.equal(canonicalTimezone('America/Sao_Paulo'), 'America/Sao_Paulo');
    for (const bad of ['Mars/Olympus', '', '+05:00', 'Europe/', '../etc', 'Not A Zone']) assert.equal(canonicalTimezone(bad), undefined, bad);
  });
});

describe('local day start', () => {
  it('is local midnight in the campaign timezone, also on DST days', () => {
    assert.equal(localDayStart(new Date('2026-11-25T15:30:12Z'), 'America/New_York').toISOString(), '2026-11-25T05:00:00.000Z');
    assert.equal(localDayStart(new Date('2026-11-25T02:00:00Z'), 'America/New_York').toISOString(), '2026-11-24T05:00:00.000Z');
    assert.equal(localDayStart(new Date('2026-03-08T20:00:00Z'), 'America/New_York').toISOString(), '2026-03-08T05:00:00.000Z');
    assert.equal(localDayStart(new Date('2026-11-25T16:00:00Z'), 'Asia/Tokyo').toISOString(), '2026-11-25T15:00:00.000Z');
  });
});
