/** The `Date` header counts whole seconds: a difference within this much is the header's rounding, not a skewed clock. */
const RESOLUTION_MS = 2000;

/**
 * How far the API's clock is ahead of this browser's, in ms, from one response: its `Date` header
 * (the server's time, rounded down to the second) against the middle of the request's round trip.
 * 0 when the clocks agree within the header's resolution; null when the header is missing or unreadable.
 * Timers on screen count from the API's timestamps, so a browser whose clock is hours off shows them
 * right once it adds this.
 */
export function serverOffset(sentAt: number, receivedAt: number, dateHeader: string | null): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  const offset = server + 500 - (sentAt + receivedAt) / 2;
  return Math.abs(offset) < RESOLUTION_MS ? 0 : Math.round(offset);
}
