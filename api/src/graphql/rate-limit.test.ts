import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryRateLimitStore, RateLimited, RateLimiter, slide, type WindowCount } from './rate-limit';

const MINUTE = 60_000;

/** A small deterministic random source (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sliding-window rate limit', () => {
  it('allows `limit` hits in a window, refuses more without counting them, and weighs the previous window by its overlap', () => {
    let count: WindowCount | undefined;
    const hit = (at: number, hits = 1) => {
      const result = slide(count, hits, 3, 1000, at);
      count = result.count;
      return result.decision;
    };
    for (const at of [0, 100, 200]) assert.equal(hit(at).allowed, true);
    assert.deepEqual(hit(300), { allowed: false, retryAfterMs: 700 + 334 });
    assert.equal(count?.current, 3, 'a refused hit is not counted');
    // At 1500 half of the previous window's 3 hits still count: 1.5 + 1 <= 3, then 1.5 + 2 > 3.
    assert.equal(hit(1500).allowed, true);
    assert.equal(hit(1500).allowed, false);
    assert.equal(hit(2999).allowed, true, 'the previous window has all but slid out');
    assert.equal(hit(5000).allowed, true, 'windows long gone count nothing');
    assert.equal(hit(5000, 4).allowed, false, 'more hits at once than the limit are never allowed');
  });

  it('answers the exact wait: allowed after it, refused just before', () => {
    const next = random(7);
    let checked = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const limit = 1 + Math.floor(next() * 50);
      const windowMs = [1000, MINUTE, 3_600_000][Math.floor(next() * 3)] as number;
      const window = 1000 + Math.floor(next() * 1000);
      const count = { window, current: Math.floor(next() * (limit + 5)), previous: Math.floor(next() * (limit + 5)) };
      const now = window * windowMs + Math.floor(next() * windowMs);
      const hits = 1 + Math.floor(next() * 3);
      const { decision } = slide(count, hits, limit, windowMs, now);
      if (decision.allowed || hits > limit) continue;
      checked += 1;
      assert.equal(slide(count, hits, limit, windowMs, now + decision.retryAfterMs).decision.allowed, true, JSON.stringify({ count, limit, windowMs, now, hits, decision }));
      if (decision.retryAfterMs > 1) assert.equal(slide(count, hits, limit, windowMs, now + decision.retryAfterMs - 1).decision.allowed, false, JSON.stringify({ count, limit, windowMs, now, hits, decision }));
    }
    assert.ok(checked > 1000);
  });

  it('lets a steady flood through at the limit per window, never more in one window', () => {
    const store = new MemoryRateLimitStore();
    const perWindow = new Map<number, number>();
    for (let at = 0; at < 10 * MINUTE; at += 100) {
      if (store.takeNow([{ key: 'ip', limit: 30, windowMs: MINUTE, hits: 1 }], at).allowed) perWindow.set(Math.floor(at / MINUTE), (perWindow.get(Math.floor(at / MINUTE)) ?? 0) + 1);
    }
    for (const [window, accepted] of perWindow) assert.ok(accepted <= 30 && accepted >= 29, `window ${window}: ${accepted}`);
  });

  it('counts several counters all or none', () => {
    const store = new MemoryRateLimitStore();
    const session = { key: 'visitor:s', limit: 5, windowMs: MINUTE, hits: 1 };
    const ip = { key: 'startChat:ip', limit: 1, windowMs: MINUTE, hits: 1 };
    assert.equal(store.takeNow([session, ip], 0).allowed, true);
    const refused = store.takeNow([session, ip], 10);
    assert.equal(refused.allowed, false);
    assert.ok(refused.retryAfterMs > MINUTE, 'the longest wait among the counters that refuse');
    for (let i = 0; i < 4; i += 1) assert.equal(store.takeNow([session], 20).allowed, true, 'the refused operation took nothing from the session');
    assert.equal(store.takeNow([session], 20).allowed, false);
  });

  it('refuses with RATE_LIMITED carrying the wait, as 429 with Retry-After over HTTP', () => {
    const limiter = new RateLimiter(2, MINUTE);
    limiter.take('ip', 0);
    limiter.take('ip', 1);
    limiter.take('other-ip', 2);
    assert.throws(
      () => limiter.take('ip', 30_000),
      (error: unknown) => {
        assert.ok(error instanceof RateLimited);
        assert.equal(error.extensions.code, 'RATE_LIMITED');
        assert.equal(error.retryAfterSeconds, 60);
        assert.equal(error.extensions.retryAfterSeconds, 60);
        assert.equal(error.message, 'Too many requests; try again in 60 s');
        const http = error.extensions.http as { status: number; headers: Map<string, string> };
        assert.equal(http.status, 429);
        assert.equal(http.headers.get('retry-after'), '60');
        return true;
      },
    );
  });
});
