/**
 * The checks the editor makes before saving, as pure functions returning a message a person can act
 * on (or null). They mirror the API's rules (api/src/campaigns/campaign.validation.ts) so most
 * mistakes are caught while typing; the API stays the authority.
 */

const CLOCK = /^(\d{1,2}):(\d{2})$/;
const DAY_END = 24 * 60;

/** Minutes since midnight for "HH:MM" (an hour of one digit is fine); NaN when it is not a time of day or 24:00. */
export function clockMinutes(value: string): number {
  const match = CLOCK.exec(value.trim());
  if (!match) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return Number.NaN;
  const total = hours * 60 + minutes;
  return total > DAY_END ? Number.NaN : total;
}

/** "9:00" becomes "09:00", which is how the API stores times; anything else is returned trimmed. */
export function normaliseClock(value: string): string {
  const total = clockMinutes(value);
  if (Number.isNaN(total)) return value.trim();
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** An opening time runs from 00:00 to 23:59; a closing time may also be 24:00 (midnight). */
export function clockProblem(value: string, role: 'start' | 'end'): string | null {
  if (value.trim() === '') return 'enter a time such as 09:00';
  const total = clockMinutes(value);
  if (role === 'start' && (Number.isNaN(total) || total === DAY_END)) return 'enter a time from 00:00 to 23:59';
  if (Number.isNaN(total)) return 'enter a time from 00:00 to 24:00 (midnight)';
  return null;
}

/** Closing must come after opening; says nothing while either time is itself wrong. */
export function rangeOrderProblem(start: string, end: string): string | null {
  const from = clockMinutes(start);
  const to = clockMinutes(end);
  if (Number.isNaN(from) || Number.isNaN(to) || from === DAY_END) return null;
  return to > from ? null : 'must be later than the opening time';
}

export function requiredProblem(value: unknown): string | null {
  if (value === null || value === undefined) return 'must not be empty';
  return typeof value === 'string' && value.trim() === '' ? 'must not be empty' : null;
}

export function lengthProblem(value: string, max: number): string | null {
  return value.trim().length > max ? `must have at most ${max} characters` : null;
}

/** Whole numbers within bounds; number inputs give null when what was typed is not a number. */
export function wholeNumberProblem(value: unknown, min: number, max?: number): string | null {
  if (value === null || value === undefined || value === '') return 'enter a number';
  const number = Number(value);
  if (!Number.isInteger(number)) return 'must be a whole number';
  if (number < min) return `must be ${min} or more`;
  if (max !== undefined && number > max) return `must be ${max} or less`;
  return null;
}

/** An IANA timezone name the browser knows ("Europe/Madrid"); the API checks the same way, through Intl. */
export function timezoneProblem(value: string): string | null {
  const name = value.trim();
  if (name === '') return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return null;
  } catch {
    return 'must be a timezone from the list, e.g. Europe/Madrid';
  }
}

export function colourProblem(value: string): string | null {
  return /^#[0-9a-fA-F]{6}$/.test(value.trim()) ? null : 'must be a colour written #RRGGBB, e.g. #2563EB';
}

export function emailProblem(value: string): string | null {
  const email = value.trim();
  return email === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : 'must be an email address such as support@example.com';
}

/**
 * The allowed-domains box holds one entry per line (commas also separate). `lines[i]` is the line,
 * counted from 1, that `domains[i]` came from, so a problem with `allowedDomains[i]` can point at it.
 */
export function splitDomains(text: string): { domains: string[]; lines: number[] } {
  const domains: string[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    for (const entry of line.split(',')) {
      const domain = entry.trim();
      if (domain === '') continue;
      domains.push(domain);
      lines.push(index + 1);
    }
  });
  return { domains, lines };
}
