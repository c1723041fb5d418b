/**
 * The Recordings filter as the address keeps it (so Back and a shared link show the same list),
 * as the API's InteractionFilter, and as the CSV export's query. Dates are whole days on the
 * browser's clock: "to" includes its whole day. Pure, unit-tested.
 */

export const INTERACTION_STATES = ['QUEUED', 'OFFERED', 'ACTIVE', 'CLOSED', 'ABANDONED', 'REJECTED', 'OFFLINE_MESSAGE'] as const;
export type InteractionStateName = (typeof INTERACTION_STATES)[number];

export interface RecordingsFilter {
  readonly campaignId: string;
  readonly agentId: string;
  readonly state: InteractionStateName | '';
  /** YYYY-MM-DD, or empty. */
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly outOfHours: '' | 'true' | 'false';
}

export const EMPTY_FILTER: RecordingsFilter = { campaignId: '', agentId: '', state: '', from: '', to: '', text: '', outOfHours: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const isState = (value: string): value is InteractionStateName => (INTERACTION_STATES as readonly string[]).includes(value);

/** Midnight starting the given day on this browser's clock, or undefined for anything but a real YYYY-MM-DD. */
export function localDayStart(day: string, offsetDays = 0): Date | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, date + offsetDays);
  const check = new Date(year, month, date);
  return check.getFullYear() === year && check.getMonth() === month && check.getDate() === date ? start : undefined;
}

export function filterFromParams(params: Readonly<Record<string, string | undefined>>): RecordingsFilter {
  const text = (name: string) => (params[name] ?? '').trim();
  const state = text('state');
  const outOfHours = text('outOfHours');
  return {
    campaignId: text('campaign'),
    agentId: text('agent'),
    state: isState(state) ? state : '',
    from: localDayStart(text('from')) ? text('from') : '',
    to: localDayStart(text('to')) ? text('to') : '',
    text: (params['text'] ?? '').slice(0, 200),
    outOfHours: outOfHours === 'true' || outOfHours === 'false' ? outOfHours : '',
  };
}

/** The address's query: only what is set. */
export function filterToParams(filter: RecordingsFilter): Record<string, string> {
  const entries: [string, string][] = [
    ['campaign', filter.campaignId],
    ['agent', filter.agentId],
    ['state', filter.state],
    ['from', filter.from],
    ['to', filter.to],
    ['text', filter.text.trim()],
    ['outOfHours', filter.outOfHours],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

export interface InteractionFilterInput {
  campaignId?: string;
  agentId?: string;
  state?: InteractionStateName;
  from?: string;
  to?: string;
  text?: string;
  outOfHours?: boolean;
}

export function toInteractionFilter(filter: RecordingsFilter): InteractionFilterInput {
  const result: InteractionFilterInput = {};
  if (filter.campaignId) result.campaignId = filter.campaignId;
  if (filter.agentId) result.agentId = filter.agentId;
  if (filter.state) result.state = filter.state;
  const from = localDayStart(filter.from);
  if (from) result.from = from.toISOString();
  const to = localDayStart(filter.to, 1);
  if (to) result.to = to.toISOString();
  if (filter.text.trim()) result.text = filter.text.trim();
  if (filter.outOfHours) result.outOfHours = filter.outOfHours === 'true';
  return result;
}

/** `GET /exports/recordings.csv?…`: the same filter, as the export names it. */
export function exportQuery(filter: RecordingsFilter): string {
  const input = toInteractionFilter(filter);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input)) query.set(name, String(value));
  return query.toString();
}

/** Whether a date range runs backwards (the list would be empty for a reason people may not see). */
export const rangeBackwards = (filter: RecordingsFilter): boolean => filter.from !== '' && filter.to !== '' && filter.from > filter.to;
