/**
 * The dashboard's figures between two pushes: the API says how many seconds a chat, a wait or an
 * idle spell has lasted when it computed them; the screen turns that into the moment it began and
 * counts from there every second. Pure, unit-tested.
 */

/**
 * When something that had lasted `seconds` (whole, rounded down) at `receivedAt` began. A push that
 * agrees with the moment already known (within two seconds) keeps the earlier, tighter one, so a
 * timer never jumps back and forth by a second between pushes.
 */
export function anchorTime(previous: number | undefined, receivedAt: number, seconds: number): number {
  const candidate = receivedAt - Math.max(0, seconds) * 1000;
  if (previous === undefined || Math.abs(previous - candidate) >= 2000) return candidate;
  return Math.min(previous, candidate);
}

/** Whole seconds from `anchor` to `now`, never below zero. */
export const secondsSince = (anchor: number, now: number): number => Math.max(0, Math.floor((now - anchor) / 1000));

/**
 * Whole seconds from `since` to `at`, two moments of the API's clock (say, when an agent entered
 * their state and when the figures were computed), so the screen's own clock does not skew them;
 * null when either is missing or unreadable.
 */
export function secondsBetween(since: string | null, at: string): number | null {
  const from = since === null ? Number.NaN : Date.parse(since);
  const to = Date.parse(at);
  return Number.isNaN(from) || Number.isNaN(to) ? null : Math.max(0, Math.floor((to - from) / 1000));
}

/** How a service level stands against its target: met, within 10 points below, or further below. */
export type TargetHealth = 'met' | 'near' | 'missed';

export function serviceLevelHealth(serviceLevel: number, target: number): TargetHealth {
  if (serviceLevel >= target) return 'met';
  return serviceLevel >= target - 0.1 ? 'near' : 'missed';
}

/** 0.8 → "80 %" (or the locale's way of writing it), whole percents. */
export function formatPercent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Number.isFinite(ratio) ? ratio : 0);
}

/** Keeps, in a map of anchors, only the keys still in use. */
export function pruneAnchors(anchors: Map<string, number>, live: ReadonlySet<string>): void {
  for (const key of anchors.keys()) if (!live.has(key)) anchors.delete(key);
}
