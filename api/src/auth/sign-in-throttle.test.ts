import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  accountKey,
  addressKey,
  decideAttempt,
  decideSignIn,
  delayAfter,
  retryMessage,
  type ThrottlePolicy,
  type ThrottleState,
} from './sign-in-throttle';

const T0 = new Date('2026-11-26T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const policy: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3600_000 };

/** Counts attempts one after another at the given times; returns what each decision said. */
function replay(times: number[], start?: ThrottleState) {
  let state = start;
  return times.map((ms) => {
    const decision = decideAttempt(state, at(ms), policy);
    if (decision.allowed) state = decision.next;
    return decision.allowed ? 'ok' : Math.ceil(decision.retryAfterMs);
  });
}

describe('sign-in throttle', () => {
  it('allows the free attempts back to back, then refuses until the delay passed', () => {
    assert.deepEqual(replay([0, 0, 0, 0, 0, 0, 0]), ['ok', 'ok', 'ok', 'ok', 'ok', 1000, 1000]);
    assert.deepEqual(replay([0, 0, 0, 0, 0, 400]), ['ok', 'ok', 'ok', 'ok', 'ok', 600]);
  });

  it('doubles the delay with each failure past the free ones, up to the cap', () => {
    assert.deepEqual(
      [4, 5, 6, 7, 8, 14, 15, 16, 40, 1000].map((failures) => delayAfter(failures, policy)),
      [0, 1000, 2000, 4000, 8000, 512_000, 900_000, 900_000, 900_000, 900_000],
    );
    // 5 free, then one after 1 s, one after 2 s more, one after 4 s more.
    assert.deepEqual(replay([0, 0, 0, 0, 0, 1000, 2999, 3000, 6999, 7000]), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 1, 'ok', 1, 'ok']);
  });

  it('never locks the owner out for more than the cap, however many failures', () => {
    const hammered: ThrottleState = { failures: 10_000, lastAttemptAt: T0 };
    const refused = decideAttempt(hammered, at(60_000), policy);
    assert.deepEqual(refused, { allowed: false, retryAfterMs: 840_000 });
    assert.equal(decideAttempt(hammered, at(900_000), policy).allowed, true);
  });

  it('does not let refused attempts push the next turn further away', () => {
    // Refusals leave the counter as it was: the turn comes at the same time however often one asks.
    assert.deepEqual(replay([0, 0, 0, 0, 0, 100, 200, 300, 999, 1000]), ['ok', 'ok', 'ok', 'ok', 'ok', 900, 800, 700, 1, 'ok']);
  });

  it('forgets a counter left alone long enough', () => {
    const old: ThrottleState = { failures: 12, lastAttemptAt: T0 };
    assert.equal(decideAttempt(old, at(policy.forgetAfterMs - 1), policy).allowed, true);
    const later = decideAttempt(old, at(policy.forgetAfterMs), policy);
    assert.ok(later.allowed);
    assert.equal(later.next.failures, 1);
  });

  it('does not stretch the wait beyond the delay when this clock is behind the counter', () => {
    const ahead: ThrottleState = { failures: 5, lastAttemptAt: at(60_000) };
    assert.deepEqual(decideAttempt(ahead, T0, policy), { allowed: false, retryAfterMs: 1000 });
  });

  it('checks a password only when both the account and the address allow it', () => {
    const fresh = { account: undefined, address: undefined };
    const both = decideSignIn(fresh, T0);
    assert.ok(both.allowed);
    assert.deepEqual([both.account.failures, both.address.failures], [1, 1]);

    const lockedAccount = decideSignIn({ account: { failures: ACCOUNT_POLICY.freeFailures + 2, lastAttemptAt: T0 }, address: undefined }, at(500));
    assert.deepEqual(lockedAccount, { allowed: false, retryAfterMs: 3500 });

    const busyAddress = { failures: ADDRESS_POLICY.freeFailures, lastAttemptAt: T0 };
    assert.deepEqual(decideSignIn({ account: undefined, address: busyAddress }, at(200)), { allowed: false, retryAfterMs: 60_000 - 200 });
    // Both refuse: the later of the two turns.
    const lockedBoth = decideSignIn({ account: { failures: 6, lastAttemptAt: T0 }, address: { failures: ADDRESS_POLICY.freeFailures, lastAttemptAt: at(-59_000) } }, at(200));
    assert.deepEqual(lockedBoth, { allowed: false, retryAfterMs: 1800 });
    assert.deepEqual(decideSignIn({ account: { failures: 6, lastAttemptAt: T0 }, address: busyAddress }, at(200)), { allowed: false, retryAfterMs: 59_800 });
  });

  it('lets one address fail across many accounts only up to its own limit', () => {
    let address: ThrottleState | undefined;
    const outcomes = Array.from({ length: 40 }, (_, i) => {
      const decision = decideSignIn({ account: undefined, address }, T0);
      if (decision.allowed) address = decision.address;
      return decision.allowed ? i : -1;
    });
    assert.equal(outcomes.filter((i) => i >= 0).length, ADDRESS_POLICY.freeFailures);
  });

  it('says when to retry, rounded up', () => {
    assert.equal(retryMessage(1), 'Too many failed sign-ins; try again in 1 second');
    assert.equal(retryMessage(1001), 'Too many failed sign-ins; try again in 2 seconds');
    assert.equal(retryMessage(900_000), 'Too many failed sign-ins; try again in 15 minutes');
  });

  it('keys accounts by email and addresses by IPv4 or IPv6 /64', () => {
    assert.equal(accountKey('ann@example.test'), 'account:ann@example.test');
    assert.equal(accountKey('x'.repeat(300)).length, 'account:'.length + 254);
    assert.equal(addressKey('203.0.113.7'), 'ip:203.0.113.7');
    assert.equal(addressKey('::ffff:203.0.113.7'), 'ip:203.0.113.7');
    assert.equal(addressKey('2001:db8:1:2:aaaa::1'), 'ip:2001:db8:1:2::/64');
    assert.equal(addressKey('2001:DB8:1:2:bbbb:cccc:dddd:eeee'), 'ip:2001:db8:1:2::/64');
    assert.equal(addressKey('2001:db8::1'), 'ip:2001:db8:0:0::/64');
    assert.equal(addressKey('::1'), 'ip:0:0:0:0::/64');
    assert.equal(addressKey('fe80::1%eth0'), 'ip:fe80:0:0:0::/64');
    assert.equal(addressKey(''), 'ip:unknown');
  });
});
