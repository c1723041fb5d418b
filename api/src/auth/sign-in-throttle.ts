/**
 * Pure decisions of the sign-in throttle: given what a counter holds and the
 * time, may one more password be checked, and if not, when? Counters are kept
 * per account and per client address (`AuthService` stores them in
 * PostgreSQL and reserves an attempt before checking the password).
 */

/** One counter as stored: attempts counted since the last success or quiet spell. */
export interface ThrottleState {
  readonly failures: number;
  readonly lastAttemptAt: Date;
}

export interface ThrottlePolicy {
  /** Attempts allowed back to back before any delay. */
  readonly freeFailures: number;
  /** Delay once `freeFailures` are reached; it doubles with each further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A counter left alone this long starts again from zero. */
  readonly forgetAfterMs: number;
}

const MINUTE = 60_000;

/** Five tries, then one every 1, 2, 4 ... seconds, at most one every 15 minutes: the owner always gets a turn. */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE };

/**
 * Room for an office behind one address, not for one address guessing across
 * every account: past 30 failures in an hour, a minute's wait and more.
 */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 30, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE };

export type ThrottleDecision = { readonly allowed: true; readonly next: ThrottleState } | { readonly allowed: false; readonly retryAfterMs: number };

/** The wait required after `failures` counted attempts: 0 below the free ones, then doubling up to the cap. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures;
  // 2^31 ms is already past any sensible cap; avoid Infinity arithmetic.
  return doublings >= 31 ? policy.maxDelayMs : Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** Whether one more attempt may be counted now, and the counter after counting it. */
export function decideAttempt(state: ThrottleState | undefined, now: Date, policy: ThrottlePolicy): ThrottleDecision {
  const sinceLast = state ? now.getTime() - state.lastAttemptAt.getTime() : Infinity;
  const failures = state && sinceLast < policy.forgetAfterMs ? state.failures : 0;
  const delay = delayAfter(failures, policy);
  // A clock behind the one that wrote the counter must not stretch the wait past the delay itself.
  const wait = Math.min(delay - sinceLast, delay);
  if (wait > 0) return { allowed: false, retryAfterMs: wait };
  return { allowed: true, next: { failures: failures + 1, lastAttemptAt: now } };
}

export interface SignInCounters {
  readonly account: ThrottleState | undefined;
  readonly address: ThrottleState | undefined;
}

export type SignInDecision =
  | { readonly allowed: true; readonly account: ThrottleState; readonly address: ThrottleState }
  | { readonly allowed: false; readonly retryAfterMs: number };

/** A password is checked only when both the account and the client address allow it; a refusal counts against neither. */
export function decideSignIn(counters: SignInCounters, now: Date, policies = { account: ACCOUNT_POLICY, address: ADDRESS_POLICY }): SignInDecision {
  const account = decideAttempt(counters.account, now, policies.account);
  const address = decideAttempt(counters.address, now, policies.address);
  if (account.allowed && address.allowed) return { allowed: true, account: account.next, address: address.next };
  const retryAfterMs = Math.max(account.allowed ? 0 : account.retryAfterMs, address.allowed ? 0 : address.retryAfterMs);
  return { allowed: false, retryAfterMs };
}

/** What the client reads: when to try again, rounded up. */
export function retryMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const when = seconds < 120 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many failed sign-ins; try again in ${when}`;
}

/** The counter key of an account: its normalised email, as long as an email may be. */
export const accountKey = (email: string): string => `account:${email.slice(0, 254)}`;

/**
 * The counter key of a client address. IPv4-mapped IPv6 counts as the IPv4
 * address; other IPv6 addresses count by their /64, which one host usually
 * holds whole.
 */
export function addressKey(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  if (address === '') return 'ip:unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return `ip:${mapped[1]}`;
  if (!address.includes(':')) return `ip:${address}`;
  return `ip:${ipv6Prefix64(address)}`;
}

function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('::', 2);
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  const prefix = all.slice(0, 4).map((group) => (Number.parseInt(group, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}
