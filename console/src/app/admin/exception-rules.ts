/** Schedule exceptions as typed in the editor ("10:00-14:00, 16:00-18:00"). Pure, unit-tested. */
import type { MessageKey } from '../core/i18n/i18n';
import type { ScheduleRange } from './campaign.operations';
import { clockMinutes, normaliseClock } from './campaign-rules';

/** The ranges of one day typed as "HH:MM-HH:MM" separated by commas; null when any part is not a valid range. */
export function parseHours(text: string, date: string): ScheduleRange[] | null {
  const weekday = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`).getUTCDay() : 0;
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) return null;
  const ranges: ScheduleRange[] = [];
  for (const part of parts) {
    const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!match) return null;
    const [start, end] = [clockMinutes(match[1]!), clockMinutes(match[2]!)];
    if (Number.isNaN(start) || Number.isNaN(end) || start >= 24 * 60 || end <= start) return null;
    ranges.push({ weekday, start: normaliseClock(match[1]!), end: normaliseClock(match[2]!) });
  }
  return ranges;
}

export const formatHours = (ranges: readonly ScheduleRange[]): string => ranges.map((range) => `${range.start}-${range.end}`).join(', ');

export function exceptionProblem(row: { date: string; closed: boolean; hours: string }): MessageKey | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) return 'exceptions.problem.date';
  if (!row.closed && parseHours(row.hours, row.date) === null) return 'exceptions.problem.hours';
  return null;
}
