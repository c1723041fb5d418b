import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, queryDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { errorCode, graphql, login, ok, subscribe, wsClient } from '../testing/graphql-client';

const ADMIN = { email: 'root@example.test', password: 'correct horse battery' };
const CREATE_USER = 'mutation($input: UserInput!) { createUser(input: $input) { id email role } }';
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

  it('slows down password guessing per account', async () => {
    await createUser('AGENT', 'guessed@example.test');
    for (let i = 0; i < 10; i += 1) {
      assert.equal(await errorCode(api.url, 'mutation { login(email: "guessed@example.test", password: "nope-nope") { token } }'), 'UNAUTHENTICATED');
    }
    // Even the right password is refused until the window passes.
    assert.equal(await errorCode(api.url, 'mutation { login(email: "guessed@example.test", password: "a long password") { token } }'), 'RATE_LIMITED');
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
