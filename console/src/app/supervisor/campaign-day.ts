/**
 * A campaign's day is the day on its own clock (its schedule's timezone), as the API counts its
 * statistics. Pure, unit-tested.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timezone: string): { date: string; minutes: number } {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, minutes: Number(parts['hour']) * 60 + Number(parts['minute']) };
}

/** Midnight of the day holding `at`, on the timezone's clock (a DST change since midnight included). */
export function dayStart(at: Date, timezone: string): Date {
  const local = wallClock(at, timezone);
  const wholeMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  const guess = new Date(wholeMinute - local.minutes * 60_000);
  const check = wallClock(guess, timezone);
  if (check.date === local.date && check.minutes === 0) return guess;
  const shift = check.date === local.date ? check.minutes : check.minutes - 24 * 60;
  return new Date(guess.getTime() - shift * 60_000);
}

/** The day holding `at` as [from, to): 23 to 25 hours long. */
export function dayOf(at: Date, timezone: string): { from: Date; to: Date } {
  const from = dayStart(at, timezone);
  return { from, to: dayStart(new Date(from.getTime() + 36 * 3_600_000), timezone) };
}

/** A timezone the browser knows, else UTC (a campaign saved before timezones were checked). */
export function knownTimezone(timezone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone;
  } catch {
    return 'UTC';
  }
}
