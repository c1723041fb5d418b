/**
 * The day's chart as columns for uPlot: one x value per quarter hour (its middle, in Unix seconds, so
 * its bars stand between its start and end), the volume as
 * bars and the service level as a line with its target. A quarter hour still to come has no bar,
 * and one with no answered or abandoned chat has no service level (the API says 100 % there). Pure.
 */

export interface HistoryBucket {
  readonly from: string;
  readonly to: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly serviceLevel: number;
}

export interface DayChartData {
  readonly x: number[];
  readonly offered: (number | null)[];
  readonly abandoned: (number | null)[];
  /** Percent, 0 to 100. */
  readonly serviceLevel: (number | null)[];
  readonly target: number[];
}

export function dayChartData(buckets: readonly HistoryBucket[], serviceLevelTarget: number, now: number): DayChartData {
  const data: DayChartData = { x: [], offered: [], abandoned: [], serviceLevel: [], target: [] };
  for (const bucket of buckets) {
    const from = Date.parse(bucket.from);
    const future = from > now;
    data.x.push(Math.round((from + Date.parse(bucket.to)) / 2000));
    data.offered.push(future ? null : bucket.offered);
    data.abandoned.push(future ? null : bucket.abandoned);
    data.serviceLevel.push(future || bucket.answered + bucket.abandoned === 0 ? null : Math.round(bucket.serviceLevel * 1000) / 10);
    data.target.push(Math.round(serviceLevelTarget * 1000) / 10);
  }
  return data;
}

/**
 * The part of the day worth drawing: from the first quarter hour with chats (or `minHours` before
 * now, if earlier) to the end of the current hour, on whole hours of the day's quarters. A whole day
 * of quarter hours would leave the morning's bars a pixel wide.
 */
export function visibleBuckets(buckets: readonly HistoryBucket[], now: number, minHours = 6): HistoryBucket[] {
  let current = -1;
  buckets.forEach((bucket, index) => {
    if (Date.parse(bucket.from) <= now) current = index;
  });
  if (current < 0) return buckets.slice(0, 4 * minHours);
  const firstBusy = buckets.findIndex((bucket) => bucket.offered > 0 || bucket.abandoned > 0);
  const earliest = Math.min(firstBusy < 0 ? current : firstBusy, current - 4 * minHours + 1);
  const start = Math.max(0, Math.floor(earliest / 4) * 4);
  const end = Math.min(buckets.length, Math.ceil((current + 1) / 4) * 4);
  return buckets.slice(start, end);
}

/** The quarter hours that had chats, for the table that says what the chart shows. */
export const busyBuckets = (buckets: readonly HistoryBucket[]): HistoryBucket[] => buckets.filter((bucket) => bucket.offered > 0 || bucket.abandoned > 0);

/** A change in these means new history: a chat arrived, was answered or was abandoned. */
export const volumeSignature = (figures: { offered: number; answered: number; abandoned: number; rejected: number } | undefined): string =>
  figures ? `${figures.offered}/${figures.answered}/${figures.abandoned}/${figures.rejected}` : '';
