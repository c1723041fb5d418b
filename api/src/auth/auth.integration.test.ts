import assert from 'node:assert/strict';
import { waitFor } from '../testing/wait-for';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, queryDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { errorCode, graphql, login, ok, subscribe, wsClient, type GraphQLResponse } from '../testing/graphql-client';
import { ACCOUNT_POLICY, ADDRESS_POLICY, delayAfter, type ThrottlePolicy } from './sign-in-throttle';

const ADMIN = { email: 'root@example.test', password: 'correct horse battery' };
const CREATE_USER = 'mutation($input: UserInput!) { createUser(input: $input) { id email role } }';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const CREATE_KEY = 'mutation($name: String!, $scopes: [ApiScope!]!) { createApiKey(name: $name, scopes: $scopes) { key apiKey { id name scopes } } }';

describe('authentication and authorization', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let adminToken: string;

  before(async () => {
    db = await createTestDatabase();
    api = await startApi({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      env: { PARLEY_ADMIN_EMAIL: ADMIN.email, PARLEY_ADMIN_PASSWORD: ADMIN.password },
    });
    adminToken = await login(api.url, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await api?.stop();
    await db?.drop();
  });

  const createUser = (role: string, email: string, token = adminToken, password = 'a long password') =>
    graphql<{ createUser: { id: string } }>(api.url, CREATE_USER, { input: { name: `${role} user`, email, password, role } }, { token });

  it('creates the first admin from the environment and signs them in', async () => {
    const data = await ok<{ me: { email: string; role: string } }>(api.url, '{ me { email role } }', {}, { token: adminToken });
    assert.deepEqual(data.me, { email: ADMIN.email, role: 'ADMIN' });
  });

  it('gives one generic error for an unknown email and for a wrong password', async () => {
    const unknown = await graphql(api.url, 'mutation { login(email: "nobody@example.test", password: "whatever1") { token } }');
    const wrong = await graphql(api.url, `mutation { login(email: "${ADMIN.email}", password: "wrong password") { token } }`);
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(wrong.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(unknown.errors?.[0]?.message, wrong.errors?.[0]?.message);
  });

  it('stores passwords with a slow KDF, never in clear', async () => {
    await createUser('AGENT', 'stored@example.test');
    const rows = await queryDatabase<{ password_hash: string }>(db.url, "SELECT password_hash FROM users WHERE email = 'stored@example.test'");
    assert.match(rows[0]?.password_hash ?? '', /^scrypt\$/);
    assert.ok(!rows[0]?.password_hash.includes('a long password'));
  });

  it('lets only admins create users, with field-named errors', async () => {
    const supervisor = await createUser('SUPERVISOR', 'sup@example.test');
    assert.ok(supervisor.data?.createUser.id);
    const supervisorToken = await login(api.url, 'sup@example.test', 'a long password');
    assert.equal((await createUser('AGENT', 'x@example.test', supervisorToken)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await createUser('AGENT', 'y@example.test', '')).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const duplicate = await createUser('AGENT', 'SUP@example.test');
    assert.equal(duplicate.errors?.[0]?.extensions?.code, 'CONFLICT');
    const short = await createUser('AGENT', 'short@example.test', adminToken, 'short');
    assert.equal(short.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(short.errors?.[0]?.extensions?.field, 'password');
    const badEmail = await createUser('AGENT', 'not-an-email');
    assert.equal(badEmail.errors?.[0]?.extensions?.field, 'email');
  });

  /** A sign-in from `address`: the API trusts X-Forwarded-For from loopback, as behind a local proxy. */
  async function signIn(email: string, password: string, address: string): Promise<GraphQLResponse<{ login: { token: string } }>> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password } }),
    });
    return (await response.json()) as GraphQLResponse<{ login: { token: string } }>;
  }
  const outcome = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code ?? 'SIGNED_IN';
  const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});
  const counter = async (key: string) =>
    (await queryDatabase<{ failures: number }>(db.url, 'SELECT failures FROM sign_in_throttles WHERE key = $1', [key]))[0]?.failures;

  /** Attempts the policy allows within `ms` from a fresh counter: the free ones, then one per elapsed delay. */
  function attemptsWithin(policy: ThrottlePolicy, ms: number): number {
    let attempts = policy.freeFailures;
    for (let waited = delayAfter(attempts, policy); waited <= ms; waited += delayAfter(attempts, policy)) attempts += 1;
    return attempts;
  }

  async function eventually<T>(attempt: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await attempt();
      if (result !== undefined) return result;
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('checks at most the limit of passwords when 200 wrong guesses for one account arrive at once', async (t) => {
    await createUser('AGENT', 'burst@example.test');
    const started = Date.now();
    const outcomes = (await Promise.all(Array.from({ length: 200 }, () => signIn('burst@example.test', 'not the password', '198.51.100.20')))).map(outcome);
    const elapsed = Date.now() - started;
    const limit = attemptsWithin(ACCOUNT_POLICY, elapsed);
    const counts = tally(outcomes);
    t.diagnostic(`${counts.UNAUTHENTICATED} of 200 passwords checked in ${elapsed} ms (limit for that time: ${limit})`);
    assert.deepEqual(Object.keys(counts).sort(), ['RATE_LIMITED', 'UNAUTHENTICATED'], JSON.stringify(counts));
    assert.ok((counts.UNAUTHENTICATED ?? 0) <= limit, `${counts.UNAUTHENTICATED} passwords checked, limit ${limit}`);
    assert.ok((counts.UNAUTHENTICATED ?? 0) >= ACCOUNT_POLICY.freeFailures);
    assert.equal(counts.RATE_LIMITED, 200 - (counts.UNAUTHENTICATED ?? 0));
    // Every checked password was counted once, and only those.
    assert.equal(await counter('account:burst@example.test'), counts.UNAUTHENTICATED);
  });

  it('limits one address failing across many accounts, without locking those accounts or other addresses', async (t) => {
    await createUser('AGENT', 'sprayed1@example.test');
    await createUser('AGENT', 'sprayed2@example.test');
    const targets = ['sprayed1@example.test', 'sprayed2@example.test', ...Array.from({ length: 78 }, (_, i) => `nobody${i}@example.test`)];
    const sprayer = '203.0.113.66';
    const started = Date.now();
    const outcomes = (await Promise.all(targets.map((email) => signIn(email, 'summer2026!', sprayer)))).map(outcome);
    const elapsed = Date.now() - started;
    const limit = attemptsWithin(ADDRESS_POLICY, elapsed);
    const counts = tally(outcomes);
    t.diagnostic(`${counts.UNAUTHENTICATED} of ${targets.length} passwords checked in ${elapsed} ms (limit for that time: ${limit})`);
    assert.deepEqual(Object.keys(counts).sort(), ['RATE_LIMITED', 'UNAUTHENTICATED'], JSON.stringify(counts));
    assert.ok((counts.UNAUTHENTICATED ?? 0) <= limit, `${counts.UNAUTHENTICATED} passwords checked, limit ${limit}`);
    assert.ok((counts.UNAUTHENTICATED ?? 0) >= ADDRESS_POLICY.freeFailures);

    // That address is refused even for a real account with its right password ...
    const refused = await signIn('sprayed1@example.test', 'a long password', sprayer);
    assert.equal(outcome(refused), 'RATE_LIMITED');
    assert.match(refused.errors?.[0]?.message ?? '', /try again in \d+ (second|minute)s?$/);
    // ... while the accounts it tried stay open to their owners elsewhere.
    for (const email of ['sprayed1@example.test', 'sprayed2@example.test']) {
      assert.equal(outcome(await signIn(email, 'a long password', '198.51.100.77')), 'SIGNED_IN', email);
    }
  });

  it('locks an account after repeated failures, then lets its owner back in once the growing delay has passed', async () => {
    await createUser('AGENT', 'guessed@example.test');
    const attacker = '192.0.2.50';
    const owner = '198.51.100.5';
    for (let i = 0; i < ACCOUNT_POLICY.freeFailures; i += 1) {
      assert.equal(outcome(await signIn('guessed@example.test', 'nope-nope-nope', attacker)), 'UNAUTHENTICATED');
    }
    const locked = await signIn('guessed@example.test', 'nope-nope-nope', attacker);
    assert.equal(outcome(locked), 'RATE_LIMITED');
    assert.match(locked.errors?.[0]?.message ?? '', /^Too many failed sign-ins; try again in 1 second$/);
    // The lock is the account's: from anywhere, even with the right password, until the delay passes.
    assert.equal(outcome(await signIn('guessed@example.test', 'a long password', owner)), 'RATE_LIMITED');

    const token = await eventually(async () => {
      const result = await signIn('guessed@example.test', 'a long password', owner);
      if (outcome(result) === 'RATE_LIMITED') return undefined;
      assert.equal(outcome(result), 'SIGNED_IN', JSON.stringify(result.errors));
      return result.data?.login.token;
    }, 10_000);
    assert.ok(token);
    // Signing in cleared the account's counter: a typo counts as the first failure again.
    assert.equal(await counter('account:guessed@example.test'), 0);
    assert.equal(outcome(await signIn('guessed@example.test', 'one typo here', owner)), 'UNAUTHENTICATED');
    assert.equal(await counter('account:guessed@example.test'), 1);
  });

  it('refuses weak passwords with the field named password', async () => {
    const weak: [string, string, RegExp][] = [
      ['short', 'weak1@example.test', /at least 10 characters/],
      [' '.repeat(12), 'weak2@example.test', /only spaces/],
      ['WEAK3.USER@EXAMPLE.TEST', 'weak3.user@example.test', /email address/],
      ['Margaret.Hamilton', 'margaret.hamilton@example.test', /email address/],
      ['Password123', 'weak4@example.test', /most common passwords/],
      ['1q2w3e4r5t', 'weak5@example.test', /most common passwords/],
    ];
    for (const [password, email, message] of weak) {
      const result = await createUser('AGENT', email, adminToken, password);
      assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', password);
      assert.equal(result.errors?.[0]?.extensions?.field, 'password', password);
      assert.match(result.errors?.[0]?.message ?? '', message, password);
    }
    const stored = await queryDatabase<{ email: string }>(db.url, "SELECT email FROM users WHERE email LIKE 'weak%' OR email LIKE 'margaret%'");
    assert.deepEqual(stored, []);
  });

  it('refuses to start with a weak first-admin password, naming the variable', async () => {
    await assert.rejects(
      startApi({ databaseUrl: db.url, env: { PARLEY_ADMIN_EMAIL: 'a@example.test', PARLEY_ADMIN_PASSWORD: 'nine-char' } }),
      /PARLEY_ADMIN_PASSWORD must have at least 10 characters/,
    );
    const empty = await createTestDatabase();
    try {
      await assert.rejects(
        startApi({ databaseUrl: empty.url, env: { PARLEY_ADMIN_EMAIL: 'a@example.test', PARLEY_ADMIN_PASSWORD: 'qwertyuiop' } }),
        /PARLEY_ADMIN_PASSWORD refused: password: is one of the most common passwords/,
      );
    } finally {
      await empty.drop();
    }
  });

  it('refuses unknown, malformed and revoked tokens', async () => {
    for (const token of ['pst_forged', 'garbage', 'pak_' + 'A'.repeat(43)]) {
      assert.equal(await errorCode(api.url, '{ campaigns { id } }', {}, { token }), 'UNAUTHENTICATED', token);
    }
    await createUser('AGENT', 'leaver@example.test');
    const token = await login(api.url, 'leaver@example.test', 'a long password');
    await ok(api.url, 'mutation { logout }', {}, { token });
    assert.equal(await errorCode(api.url, '{ campaigns { id } }', {}, { token }), 'UNAUTHENTICATED');
  });

  it('shows an API key once, stores only its hash, and honours its scopes', async () => {
    const created = await ok<{ createApiKey: { key: string; apiKey: { id: string; scopes: string[] } } }>(api.url, CREATE_KEY, { name: 'BI', scopes: ['STATS_READ'] }, { token: adminToken });
    const { key, apiKey } = created.createApiKey;
    assert.match(key, /^pak_[A-Za-z0-9_-]{43}$/);
    const rows = await queryDatabase<{ key_hash: string }>(db.url, 'SELECT key_hash FROM api_keys WHERE id = $1', [apiKey.id]);
    assert.notEqual(rows[0]?.key_hash, key);
    assert.ok(!JSON.stringify(await ok(api.url, '{ apiKeys { id name scopes createdAt } }', {}, { token: adminToken })).includes(key));

    assert.equal(await errorCode(api.url, '{ campaigns { id } }', {}, { token: key }), 'FORBIDDEN');
    const lastUse = async () => (await ok<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(api.url, '{ apiKeys { id lastUsedAt } }', {}, { token: adminToken })).apiKeys.find((k) => k.id === apiKey.id)?.lastUsedAt;
    await waitFor('the key’s last use recorded', async () => (await lastUse()) ?? undefined);
    assert.ok(Math.abs(Date.parse((await lastUse()) ?? '') - Date.now()) < 60_000, 'last used just now');
    const reader = await ok<{ createApiKey: { key: string; apiKey: { id: string } } }>(api.url, CREATE_KEY, { name: 'CRM', scopes: ['CAMPAIGNS_READ'] }, { token: adminToken });
    const readerKey = reader.createApiKey.key;
    assert.ok(Array.isArray((await ok<{ campaigns: unknown[] }>(api.url, '{ campaigns { id } }', {}, { token: readerKey })).campaigns));
    assert.equal(await errorCode(api.url, CREATE_KEY, { name: 'x', scopes: ['STATS_READ'] }, { token: readerKey }), 'FORBIDDEN');
    assert.equal(await errorCode(api.url, 'mutation { createUser(input: { name: "k", email: "k@example.test", password: "a long password", role: ADMIN }) { id } }', {}, { token: readerKey }), 'FORBIDDEN');

    await ok(api.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: reader.createApiKey.apiKey.id }, { token: adminToken });
    assert.equal(await errorCode(api.url, '{ campaigns { id } }', {}, { token: readerKey }), 'UNAUTHENTICATED');
  });

  it('closes a graphql-ws connection with 4403 on a bad token', async () => {
    const client = wsClient(api.url, 'pst_not-a-real-session');
    const subscription = subscribe(client, 'subscription { campaignUpdated(id: "00000000-0000-0000-0000-000000000000") { id } }');
    const ended = (await subscription.ended) as { code?: number };
    assert.equal(ended.code, 4403);
    await client.dispose();
  });

  it('refuses subscriptions without a token', async () => {
    const client = wsClient(api.url);
    const subscription = subscribe(client, 'subscription { campaignUpdated(id: "00000000-0000-0000-0000-000000000000") { id } }');
    const result = await subscription.next();
    assert.equal(result.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(await subscription.ended, 'complete');
    await client.dispose();
  });
});
