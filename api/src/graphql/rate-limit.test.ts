import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows `limit` requests per window and key, then refuses with RATE_LIMITED until the window slides', () => {
    const limiter = new RateLimiter(3, 1000);
    for (const at of [0, 100, 200]) limiter.take('ip', at);
    assert.throws(() => limiter.take('ip', 300), (error: { code?: string }) => error.code === 'RATE_LIMITED');
    limiter.take('other-ip', 300);
    limiter.take('ip', 1001);
    assert.throws(() => limiter.take('ip', 1050));
  });
});
