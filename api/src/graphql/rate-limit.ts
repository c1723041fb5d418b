import { AppError } from './app-error';

/** RATE_LIMITED with the wait: in the message, in `extensions.retryAfterSeconds`, and over HTTP as 429 with `Retry-After`. */
export class RateLimited extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('RATE_LIMITED', `Too many requests; try again in ${seconds} s`);
    this.retryAfterSeconds = seconds;
    this.extensions['retryAfterSeconds'] = seconds;
    this.extensions['http'] = { status: 429, headers: new Map([['retry-after', String(seconds)]]) };
  }
}

/** Hits counted in one fixed window of time and in the window before it. */
export interface WindowCount {
  /** The window's number: `floor(time / windowMs)`. */
  readonly window: number;
  readonly current: number;
  readonly previous: number;
}

export interface Decision {
  readonly allowed: boolean;
  /** When refused: how long until the same hits would be allowed. */
  readonly retryAfterMs: number;
}

export const ALLOWED: Decision = Object.freeze({ allowed: true, retryAfterMs: 0 });

/** `count` as seen from the window holding `now`. */
function seenAt(count: WindowCount | undefined, window: number): { current: number; previous: number } {
  if (count?.window === window) return { current: count.current, previous: count.previous };
  if (count?.window === window - 1) return { current: 0, previous: count.current };
  return { current: 0, previous: 0 };
}

/**
 * A sliding-window counter: the hits of the last `windowMs` are estimated as
 * those of the current fixed window plus the previous window's, weighted by
 * how much of it still lies within the last `windowMs`. `hits` more are
 * allowed while the estimate stays within `limit`; refused hits are not
 * counted, so a client that keeps trying waits no longer. Two numbers per
 * key, the same arithmetic as the Redis script in rate-limit-redis.ts.
 */
export function slide(count: WindowCount | undefined, hits: number, limit: number, windowMs: number, now: number): { decision: Decision; count: WindowCount } {
  const window = Math.floor(now / windowMs);
  const { current, previous } = seenAt(count, window);
  const into = now - window * windowMs;
  const room = limit - hits;
  // previous * (1 - into / windowMs) + current <= room, in whole numbers: exact, and the same in Lua.
  if (previous * (windowMs - into) + current * windowMs <= room * windowMs) {
    return { decision: ALLOWED, count: { window, current: current + hits, previous } };
  }
  return { decision: { allowed: false, retryAfterMs: waitMs(current, previous, room, windowMs, into) }, count: { window, current, previous } };
}

/** How long until the hits of the previous windows have slid out far enough for `room`. */
function waitMs(current: number, previous: number, room: number, windowMs: number, into: number): number {
  if (room < 0) return 2 * windowMs;
  // Within this window, at `at`: previous * (windowMs - at) + current * windowMs <= room * windowMs.
  if (current <= room) return Math.ceil(((previous - room + current) * windowMs) / previous) - into;
  // In the next one, where this window's hits are the previous ones.
  return windowMs - into + Math.ceil(((current - room) * windowMs) / current);
}

/** `hits` on the counter `key`: at most `limit` in any `windowMs`. */
export interface Counter {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly hits: number;
}

/** Where counters live: this process's memory, or Redis for every instance. */
export interface RateLimitStore {
  /** Counts the hits of every counter when each of them allows them, none otherwise; refused with the longest wait among them. */
  take(counters: readonly Counter[]): Promise<Decision>;
  close(): Promise<void>;
}

/** Counters in this process's memory; keys drop out once their windows are over. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counts = new Map<string, WindowCount & { readonly windowMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  takeNow(counters: readonly Counter[], now: number): Decision {
    const next = counters.map((counter) => ({ counter, ...slide(this.counts.get(counter.key), counter.hits, counter.limit, counter.windowMs, now) }));
    const refused = next.filter((entry) => !entry.decision.allowed);
    if (refused.length > 0) return { allowed: false, retryAfterMs: Math.max(...refused.map((entry) => entry.decision.retryAfterMs)) };
    for (const { counter, count } of next) this.counts.set(counter.key, { ...count, windowMs: counter.windowMs });
    if (this.counts.size > 10_000) this.sweep(now);
    return ALLOWED;
  }

  take(counters: readonly Counter[]): Promise<Decision> {
    return Promise.resolve(this.takeNow(counters, this.now()));
  }

  async close(): Promise<void> {
    this.counts.clear();
  }

  private sweep(now: number): void {
    for (const [key, count] of this.counts) if (count.window < Math.floor(now / count.windowMs) - 1) this.counts.delete(key);
  }
}

/** One limit per key (an IP address, a visitor session) in this instance's memory. */
export class RateLimiter {
  private readonly store = new MemoryRateLimitStore();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key`; RATE_LIMITED once the window holds `limit` of them. */
  take(key: string, now = Date.now()): void {
    const decision = this.store.takeNow([{ key, limit: this.limit, windowMs: this.windowMs, hits: 1 }], now);
    if (!decision.allowed) throw new RateLimited(decision.retryAfterMs);
  }
}

/**
 * The widget's limits as each instance counts them in its own memory, in the
 * services. The same limits are counted for all instances together before an
 * operation runs (rate-limit-operations.ts); these still hold, per instance,
 * while Redis cannot be reached.
 */
export interface WidgetLimits {
  /** startChat per client IP. */
  readonly startChat: RateLimiter;
  /** sendOfflineMessage per client IP. */
  readonly offlineMessage: RateLimiter;
}

/** Limits for anonymous widget traffic and visitor sessions, per minute. */
export function createWidgetLimits(perMinute: { startChat: number; offlineMessage: number }): WidgetLimits {
  return {
    startChat: new RateLimiter(perMinute.startChat, 60_000),
    offlineMessage: new RateLimiter(perMinute.offlineMessage, 60_000),
  };
}
