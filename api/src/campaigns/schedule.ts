/**
 * Schedule evaluation: pure, no clock of its own. Ranges are local wall-clock
 * times in the schedule's IANA timezone, so DST shifts need no special case:
 * the local time of an instant is read through Intl.
 */

export interface TimeRange {
  readonly weekday: number;
  readonly start: string;
  readonly end: string;
}
export interface ScheduleDay {
  readonly date: string;
  readonly closed: boolean;
  readonly ranges: readonly TimeRange[];
}
export interface WeeklySchedule {
  readonly timezone: string;
  readonly ranges: readonly TimeRange[];
  readonly exceptions: readonly ScheduleDay[];
}

export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** 0 = Sunday */
  readonly weekday: number;
  /** minutes since local midnight */
  readonly minutes: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timezone, format);
  }
  return format;
}

export function localTime(at: Date, timezone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timezone).formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** "HH:MM" to minutes; "24:00" is the end of the day. NaN when malformed. */
export function parseClock(clock: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes > 24 * 60 ? Number.NaN : minutes;
}

const within = (minutes: number, range: TimeRange): boolean => parseClock(range.start) <= minutes && minutes < parseClock(range.end);

/** Whether the schedule is open at `at`. An exception for the local date replaces that day's weekly ranges. */
export function isOpen(schedule: WeeklySchedule, at: Date): boolean {
  const local = localTime(at, schedule.timezone);
  const exception = schedule.exceptions.find((day) => day.date === local.date);
  if (exception) return !exception.closed && exception.ranges.some((range) => within(local.minutes, range));
  return schedule.ranges.some((range) => range.weekday === local.weekday && within(local.minutes, range));
}

/** The canonical name of an IANA timezone, or undefined when it is not one. */
export function canonicalTimezone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The instant the local day of `at` began in `timezone` (statistics and FEWEST count from it). */
export function localDayStart(at: Date, timezone: string): Date {
  const local = localTime(at, timezone);
  const wholeMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  const guess = new Date(wholeMinute - local.minutes * 60_000);
  const check = localTime(guess, timezone);
  if (check.date === local.date && check.minutes === 0) return guess;
  // A DST change happened since midnight: correct by the shift.
  const shift = check.date === local.date ? check.minutes : check.minutes - 24 * 60;
  return new Date(guess.getTime() - shift * 60_000);
}
