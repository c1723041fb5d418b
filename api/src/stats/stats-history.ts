import { localDayStart, localTime } from '../campaigns/schedule';
import { periodFigures, type Arrival, type FigureRules, type PeriodFigures } from './campaign-figures';

export type Interval = 'QUARTER_HOUR' | 'HOUR' | 'DAY';

/** Few enough buckets to answer quickly: 31 days of quarter hours, about 4 months of hours, 8 years of days. */
export const MAX_BUCKETS = 3000;

const STEP_MINUTES: Record<Exclude<Interval, 'DAY'>, number> = { QUARTER_HOUR: 15, HOUR: 60 };

/** The start of the bucket holding `at`, on the campaign's wall clock. */
export function bucketStart(at: Date, interval: Interval, timezone: string): Date {
  if (interval === 'DAY') return localDayStart(at, timezone);
  const wholeMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(wholeMinute - (localTime(at, timezone).minutes % STEP_MINUTES[interval]) * 60_000);
}

function nextBucket(start: Date, interval: Interval, timezone: string): Date {
  // A day is 23 to 25 hours long: the next local midnight is the day start of a moment well inside the next day.
  if (interval === 'DAY') return localDayStart(new Date(start.getTime() + 36 * 3_600_000), timezone);
  return new Date(start.getTime() + STEP_MINUTES[interval] * 60_000);
}

/** The buckets covering [from, to), or undefined when there would be more than MAX_BUCKETS. */
export function buckets(from: Date, to: Date, interval: Interval, timezone: string): { from: Date; to: Date }[] | undefined {
  const result: { from: Date; to: Date }[] = [];
  for (let start = bucketStart(from, interval, timezone); start < to; ) {
    if (result.length === MAX_BUCKETS) return undefined;
    const end = nextBucket(start, interval, timezone);
    result.push({ from: start, to: end });
    start = end;
  }
  return result;
}

/** Each bucket's figures, from the chats that arrived in it. */
export function history(arrivals: readonly Arrival[], periods: readonly { from: Date; to: Date }[], rules: FigureRules): ({ from: Date; to: Date } & PeriodFigures)[] {
  const sorted = [...arrivals].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
  let next = 0;
  return periods.map((period) => {
    while (next < sorted.length && (sorted[next] as Arrival).queuedAt < period.from) next += 1;
    const inside: Arrival[] = [];
    while (next < sorted.length && (sorted[next] as Arrival).queuedAt < period.to) inside.push(sorted[next++] as Arrival);
    return { ...period, ...periodFigures(inside, rules) };
  });
}
