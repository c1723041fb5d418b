import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'graphql';
import { Role } from '../auth/role';
import { ANONYMOUS, type Viewer } from '../auth/viewer';
import { MemoryRateLimitStore, RateLimited, type Counter, type Decision, type RateLimitStore } from './rate-limit';
import { countersFor, OperationRateLimiter, rootFields, type RateLimitsPerMinute } from './rate-limit-operations';

const LIMITS: RateLimitsPerMinute = { apiKey: 10, visitor: 5, startChat: 2, offlineMessage: 1 };
const staff: Viewer = { kind: 'staff', userId: 'u', role: Role.AGENT, sessionId: 'st', expiresAt: new Date(8.64e15) };
const visitor: Viewer = { kind: 'visitor', contactId: 'c', campaignId: 'k', sessionId: 'vs', expiresAt: new Date(8.64e15) };
const apiKey: Viewer = { kind: 'apiKey', apiKeyId: 'key', scopes: [] };

const fields = (query: string) => rootFields(parse(query), undefined);
const counters = (viewer: Viewer, query: string) => countersFor(viewer, '10.0.0.1', fields(query), LIMITS).map(({ key, limit, hits }) => ({ key, limit, hits }));

/** A store that records what it is asked, or refuses to be asked at all. */
class RecordingStore implements RateLimitStore {
  readonly calls: (readonly Counter[])[] = [];
  private readonly memory = new MemoryRateLimitStore();
  constructor(private readonly forbidden = false) {}
  take(counters: readonly Counter[]): Promise<Decision> {
    if (this.forbidden) throw new Error('the store was asked');
    this.calls.push(counters);
    return this.memory.take(counters);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('operation rate limits', () => {
  it('counts root fields once per occurrence, through aliases and fragments', () => {
    assert.deepEqual([...fields('{ a: me { id } b: me { id } ...Q ... on Query { pauseReasons } } fragment Q on Query { me { id } }')], [['me', 3], ['pauseReasons', 1]]);
    assert.deepEqual([...rootFields(parse('query A { me { id } } mutation B { logout }'), 'B')], [['logout', 1]]);
  });

  it("counts a visitor session per root field, but not its messages: the statement storing each counts it against the chat's budget", () => {
    assert.deepEqual(counters(visitor, '{ interaction(id: "i") { id } pauseReasons }'), [{ key: 'visitor:vs', limit: 5, hits: 2 }]);
    assert.deepEqual(counters(visitor, 'mutation { sendMessage(interactionId: "i", clientId: "c", text: "t") { id } }'), []);
    assert.deepEqual(counters(visitor, 'mutation { a: sendMessage(interactionId: "i", clientId: "c", text: "t") { id } markRead(interactionId: "i", seq: 1) { id } }'), [
      { key: 'visitor:vs', limit: 5, hits: 1 },
    ]);
  });

  it('counts an API key per root field, and chat starts and offline messages per client IP', () => {
    assert.deepEqual(counters(apiKey, '{ a: campaigns { id } b: campaigns { id } }'), [{ key: 'apiKey:key', limit: 10, hits: 2 }]);
    assert.deepEqual(counters(ANONYMOUS, 'mutation { startChat(input: { campaignKey: "k", name: "n" }) { token } }'), [{ key: 'startChat:10.0.0.1', limit: 2, hits: 1 }]);
    assert.deepEqual(counters(visitor, 'mutation { startChat(input: { campaignKey: "k", name: "n" }) { token } }'), [
      { key: 'visitor:vs', limit: 5, hits: 1 },
      { key: 'startChat:10.0.0.1', limit: 2, hits: 1 },
    ]);
    assert.deepEqual(counters(ANONYMOUS, 'mutation { sendOfflineMessage(input: { campaignKey: "k", name: "n", email: "e", text: "t" }) { id } }'), [{ key: 'offlineMessage:10.0.0.1', limit: 1, hits: 1 }]);
    assert.deepEqual(counters(ANONYMOUS, '{ widgetConfig(campaignKey: "k") { name } }'), []);
    assert.deepEqual(counters(ANONYMOUS, 'mutation { login(email: "e", password: "p") { token } }'), [], 'sign-in has its own throttle');
  });

  it('never asks the store about staff sessions', async () => {
    const limiter = new OperationRateLimiter(new RecordingStore(true), LIMITS);
    for (let i = 0; i < 50; i += 1) assert.equal(await limiter.admit(staff, '10.0.0.1', parse('mutation { startChat(input: { campaignKey: "k", name: "n" }) { token } }'), undefined), undefined);
    assert.deepEqual(countersFor(staff, '10.0.0.1', fields('{ me { id } }'), LIMITS), []);
  });

  it('asks the store once per operation, and refuses with RATE_LIMITED past the limit', async () => {
    const store = new RecordingStore();
    const limiter = new OperationRateLimiter(store, LIMITS);
    const send = parse('mutation { sendMessage(interactionId: "i", clientId: "c", text: "t") { id } markRead(interactionId: "i", seq: 1) { id } }');
    for (let i = 0; i < 4; i += 1) assert.equal(await limiter.admit(visitor, '10.0.0.1', send, undefined), undefined);
    assert.equal(store.calls.length, 4);
    const refused = await limiter.admit(visitor, '10.0.0.1', parse('{ a: pauseReasons b: pauseReasons }'), undefined);
    assert.ok(refused instanceof RateLimited);
    assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 120, 'at most two windows');
    assert.equal(store.calls.length, 5);
    assert.equal(await limiter.admit(visitor, '10.0.0.1', parse('{ pauseReasons }'), undefined), undefined, 'the refused operation took nothing from the session');
  });
});
