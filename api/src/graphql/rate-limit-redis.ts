import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { ALLOWED, type Counter, type Decision, type RateLimitStore } from './rate-limit';

/**
 * `slide` of rate-limit.ts for every key at once, atomically: nothing is
 * counted unless every key allows its hits. Time is Redis' own clock, the
 * same for every instance (ARGV[1] overrides it, for tests). Each key is a
 * hash of the window's number and its two counts, expiring after two windows.
 * ARGV: now or '', then limit, windowMs and hits for each key.
 */
const SLIDE = `
local now = tonumber(ARGV[1])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local counts = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local limit, windowMs, hits = tonumber(ARGV[i * 3 - 1]), tonumber(ARGV[i * 3]), tonumber(ARGV[i * 3 + 1])
  local window = math.floor(now / windowMs)
  local stored = redis.call('HMGET', key, 'window', 'current', 'previous')
  local current, previous = 0, 0
  local storedWindow = tonumber(stored[1])
  if storedWindow == window then
    current, previous = tonumber(stored[2]), tonumber(stored[3])
  elseif storedWindow == window - 1 then
    previous = tonumber(stored[2])
  end
  local into = now - window * windowMs
  local room = limit - hits
  if previous * (windowMs - into) + current * windowMs > room * windowMs then
    local keyWait
    if room < 0 then
      keyWait = 2 * windowMs
    elseif current <= room then
      keyWait = math.ceil(((previous - room + current) * windowMs) / previous) - into
    else
      keyWait = windowMs - into + math.ceil(((current - room) * windowMs) / current)
    end
    wait = math.max(wait, keyWait)
  end
  counts[i] = { window, current + hits, previous, windowMs }
end
if wait > 0 then return { 0, wait } end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'window', counts[i][1], 'current', counts[i][2], 'previous', counts[i][3])
  redis.call('PEXPIRE', key, 2 * counts[i][4])
end
return { 1, 0 }
`;

interface SlideCommand {
  parleySlide(keyCount: number, ...keysAndArgs: (string | number)[]): Promise<[number, number]>;
}

export interface RedisRateLimitOptions {
  /** A command not answered within this long counts as Redis being unreachable. */
  readonly commandTimeoutMs?: number;
  /** Counts at this clock instead of Redis' (tests only). */
  readonly now?: () => number;
}

/**
 * Counters shared by every instance, in Redis: one script call (one round
 * trip) per operation whatever the number of counters. When Redis cannot be
 * reached or answers too slowly, operations are let through (fail open) and
 * a warning is logged once until it answers again: the limiter never blocks
 * customers on its own failure.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  private failing = false;

  constructor(
    url: string,
    /** Prefixes every key: instances that share it share their counters. */
    private readonly namespace: string,
    private readonly logger: Logger,
    private readonly options: RedisRateLimitOptions = {},
  ) {
    // Commands fail at once while the connection is down (no offline queue, no retries): a request never waits for Redis to come back.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: options.commandTimeoutMs ?? 250, enableAutoPipelining: true });
    this.redis.defineCommand('parleySlide', { lua: SLIDE });
    this.redis.on('error', (err: unknown) => this.unreachable(err));
  }

  /** Resolves once the connection is ready, or after `timeoutMs` (operations are let through until it is). */
  async connected(timeoutMs = 5_000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      this.redis.once('ready', done);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  async take(counters: readonly Counter[]): Promise<Decision> {
    if (counters.length === 0) return ALLOWED;
    // The hash tag keeps every key of a namespace in one Redis Cluster slot, as a multi-key script requires.
    const keys = counters.map((counter) => `parley:rate:{${this.namespace}}:${counter.key}`);
    const args = counters.flatMap((counter) => [counter.limit, counter.windowMs, counter.hits]);
    try {
      const [allowed, retryAfterMs] = await (this.redis as unknown as SlideCommand).parleySlide(keys.length, ...keys, this.options.now?.() ?? '', ...args);
      if (this.failing) {
        this.failing = false;
        this.logger.info('rate limits are counted in Redis again');
      }
      return allowed === 1 ? ALLOWED : { allowed: false, retryAfterMs: Number(retryAfterMs) };
    } catch (err) {
      this.unreachable(err);
      return ALLOWED;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private unreachable(err: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn({ err }, 'rate limits cannot be counted in Redis: operations are let through uncounted until it answers');
  }
}
