import { AppError } from './app-error';

/**
 * A sliding-window counter per key (an IP address, a visitor session), kept
 * in this instance's memory: each instance limits what reaches it. Old keys
 * are dropped as they expire.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key`; RATE_LIMITED once the window holds `limit` of them. */
  take(key: string, now = Date.now()): void {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      throw new AppError('RATE_LIMITED', `Too many requests; try again in ${Math.ceil((recent[0]! + this.windowMs - now) / 1000)} s`);
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(since);
  }

  private sweep(since: number): void {
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) <= since) this.hits.delete(key);
  }
}

export interface WidgetLimits {
  /** startChat per client IP. */
  readonly startChat: RateLimiter;
  /** sendOfflineMessage per client IP. */
  readonly offlineMessage: RateLimiter;
  /** sendMessage per visitor session. */
  readonly visitorMessage: RateLimiter;
}

/** Limits for anonymous widget traffic and visitor sessions, per minute. */
export function createWidgetLimits(perMinute: { startChat: number; offlineMessage: number; visitorMessage: number }): WidgetLimits {
  return {
    startChat: new RateLimiter(perMinute.startChat, 60_000),
    offlineMessage: new RateLimiter(perMinute.offlineMessage, 60_000),
    visitorMessage: new RateLimiter(perMinute.visitorMessage, 60_000),
  };
}
