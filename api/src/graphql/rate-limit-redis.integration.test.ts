import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createTestDatabase, freePort, startApi, TEST_REDIS_URL, type ApiProcess } from '../testing/api-process';
import { ADMIN_ENV } from '../testing/conversation-fixtures';
import { graphql, login, ok } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';
import { MemoryRateLimitStore, type Counter } from './rate-limit';
import { RedisRateLimitStore } from './rate-limit-redis';

const MINUTE = 60_000;

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
  return { logger, warnings: () => lines.filter((line) => line.level === 40).map((line) => line.msg), infos: () => lines.filter((line) => line.level === 30).map((line) => line.msg) };
}

/** A relay to the test Redis that can hold requests (they wait in it, as with a stalled Redis) or drop every connection (Redis gone). */
async function redisRelay(): Promise<{ url: string; stall(): void; resume(): void; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(TEST_REDIS_URL);
  const port = await freePort();
  let stalled = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => (stalled ? held.push(() => upstream.write(chunk)) : upstream.write(chunk)));
    upstream.on('data', (chunk) => client.write(chunk));
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const listen = () => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  const cut = async () => {
    const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return {
    url: `redis://127.0.0.1:${port}`,
    stall: () => (stalled = true),
    resume: () => {
      stalled = false;
      for (const release of held.splice(0)) release();
    },
    cut,
    restore: listen,
    close: cut,
  };
}

describe('rate limits in Redis', () => {
  const stores: { close(): Promise<void> }[] = [];
  const store = (url = TEST_REDIS_URL, options: { now?: () => number; commandTimeoutMs?: number } = {}, logger = capturedLogger().logger) => {
    const created = new RedisRateLimitStore(url, `test-${randomBytes(6).toString('hex')}`, logger, options);
    stores.push(created);
    return created;
  };
  after(async () => {
    await Promise.all(stores.map((created) => created.close()));
  });

  it('decides exactly as the in-memory counter, waits included, for several counters at once', async () => {
    let now = 1_000 * MINUTE;
    const redis = store(TEST_REDIS_URL, { now: () => now });
    await redis.connected();
    const memory = new MemoryRateLimitStore();
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let refusals = 0;
    for (let i = 0; i < 600; i += 1) {
      now += Math.floor(next() * 2_000);
      const counters: Counter[] = [
        { key: 'visitor:a', limit: 40, windowMs: MINUTE, hits: 1 + Math.floor(next() * 2) },
        ...(next() < 0.3 ? [{ key: 'startChat:ip', limit: 8, windowMs: MINUTE, hits: 1 }] : []),
      ];
      const expected = memory.takeNow(counters, now);
      assert.deepEqual(await redis.take(counters), expected, `step ${i}`);
      if (!expected.allowed) refusals += 1;
    }
    assert.ok(refusals > 20, `only ${refusals} refusals: the sequence did not reach the limits`);
  });

  it("counts on Redis' clock and lets each key expire after two windows", async () => {
    const limited = store();
    await limited.connected();
    const counter = { key: `apiKey:${randomBytes(4).toString('hex')}`, limit: 3, windowMs: MINUTE, hits: 1 };
    for (let i = 0; i < 3; i += 1) assert.equal((await limited.take([counter])).allowed, true);
    const refused = await limited.take([counter]);
    assert.equal(refused.allowed, false);
    assert.ok(refused.retryAfterMs > 0 && refused.retryAfterMs <= 2 * MINUTE, String(refused.retryAfterMs));
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const [key] = await redis.keys(`parley:rate:*:${counter.key}`);
      assert.ok(key);
      const ttl = await redis.pttl(key);
      assert.ok(ttl > 0 && ttl <= 2 * MINUTE, String(ttl));
    } finally {
      redis.disconnect();
    }
  });

  it('lets operations through when Redis cannot be reached, warning once', async () => {
    const { logger, warnings } = capturedLogger();
    const unreachable = store(`redis://127.0.0.1:${await freePort()}`, {}, logger);
    const counter = { key: 'visitor:s', limit: 1, windowMs: MINUTE, hits: 1 };
    for (let i = 0; i < 5; i += 1) assert.deepEqual(await unreachable.take([counter]), { allowed: true, retryAfterMs: 0 });
    assert.equal(warnings().filter((message) => message.startsWith('rate limits cannot be counted in Redis')).length, 1);
  });

  it('lets operations through when Redis stops answering, and counts again once it answers', async () => {
    const relay = await redisRelay();
    const { logger, warnings, infos } = capturedLogger();
    const stalling = store(relay.url, { commandTimeoutMs: 200 }, logger);
    await stalling.connected();
    const counter = { key: `visitor:${randomBytes(4).toString('hex')}`, limit: 2, windowMs: MINUTE, hits: 1 };
    try {
      assert.equal((await stalling.take([counter])).allowed, true);
      relay.stall();
      const started = Date.now();
      for (let i = 0; i < 3; i += 1) assert.equal((await stalling.take([counter])).allowed, true);
      assert.ok(Date.now() - started < 3_000, 'each operation waited at most the command timeout');
      assert.equal(warnings().length, 1);
      relay.resume();
      // The stalled commands reach Redis once it answers: they count, as the requests they belonged to did run.
      const decision = await stalling.take([counter]);
      assert.equal(decision.allowed, false);
      assert.ok(infos().includes('rate limits are counted in Redis again'));
    } finally {
      await relay.close();
    }
  });

  it('keeps the API answering when its Redis goes away, with a warning in its log', async () => {
    const relay = await redisRelay();
    const db = await createTestDatabase();
    let api: ApiProcess | undefined;
    try {
      api = await startApi({ databaseUrl: db.url, redisUrl: relay.url, env: { ...ADMIN_ENV, RATE_LIMIT_API_KEY: '2' } });
      const admin = await login(api.url, ADMIN_ENV.PARLEY_ADMIN_EMAIL, ADMIN_ENV.PARLEY_ADMIN_PASSWORD);
      const { createApiKey } = await ok<{ createApiKey: { key: string } }>(api.url, 'mutation { createApiKey(name: "BI", scopes: [CAMPAIGNS_READ]) { key } }', {}, { token: admin });
      const url = api.url;
      const read = () => graphql(url, '{ campaigns { id } }', {}, { token: createApiKey.key });
      assert.ok((await read()).data);
      assert.ok((await read()).data);
      assert.equal((await read()).errors?.[0]?.extensions?.code, 'RATE_LIMITED');
      await relay.cut();
      for (let i = 0; i < 3; i += 1) assert.deepEqual((await read()).errors, undefined, 'uncounted while Redis is away');
      const output = api.output;
      await waitFor('the warning in the log', () => (/rate limits cannot be counted in Redis/.test(output()) ? true : undefined));
      await relay.restore();
    } finally {
      await api?.stop();
      await relay.close();
      await db.drop();
    }
  });
});
