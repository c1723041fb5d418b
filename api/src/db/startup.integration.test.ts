import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createTestDatabase, freePort, queryDatabase, startApi, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { login, ok } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';
import { MIGRATIONS } from './migrations/migrations';
import { initOrm } from './orm';

describe('start-up', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('migrates once when two instances start at the same time on an empty database', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    const apis: ApiProcess[] = await Promise.all([startApi({ databaseUrl: db.url }), startApi({ databaseUrl: db.url })]);
    cleanups.push(async () => void (await Promise.all(apis.map((api) => api.stop()))));
    for (const api of apis) {
      assert.deepEqual(await (await fetch(`${api.url}/readyz`)).json(), { status: 'ready', media: 'off' });
      assert.deepEqual(await (await fetch(`${api.url}/healthz`)).json(), { status: 'ok' });
    }
    const rows = await queryDatabase<{ name: string }>(db.url, 'SELECT name FROM mikro_orm_migrations');
    assert.deepEqual(rows.map((row) => row.name), MIGRATIONS.map((migration) => migration.name));
  });

  it('has committed migrations that match the entities exactly', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const api = await startApi({ databaseUrl: db.url });
    await api.stop();
    const orm = await initOrm(db.url);
    const pending = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    await orm.close();
    assert.equal(pending.trim(), '', `entities differ from the migrations; add a migration:\n${pending}`);
  });

  it('reports not ready when the database is unreachable', async () => {
    const db = await createTestDatabase();
    const api = await startApi({ databaseUrl: db.url });
    cleanups.push(() => api.stop());
    await db.drop(); // terminates the API's connections and removes the database
    const response = await fetch(`${api.url}/readyz`);
    assert.equal(response.status, 503);
    assert.equal((await fetch(`${api.url}/healthz`)).status, 200);
  });

  it('refuses to start with invalid configuration, naming the variable', async () => {
    await assert.rejects(startApi({ databaseUrl: 'mysql://nope', env: {} }), /DATABASE_URL/);
    await assert.rejects(startApi({ databaseUrl: 'postgres://x@127.0.0.1/x', env: { PARLEY_ADMIN_EMAIL: 'a@b.test' } }), /PARLEY_ADMIN_PASSWORD/);
  });

  it('runs on an embedded PostgreSQL when DATABASE_URL is unset, with demo data', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-embedded-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const api = await startApi({ databaseUrl: '', env: { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), PARLEY_DEMO: '1' } });
    cleanups.push(() => api.stop());
    assert.match(api.output(), /embedded PostgreSQL running/);
    // The welcome banner follows the listening line; on a busy machine it may come a moment later.
    await waitFor('the demo logins in the banner', () => (/admin@parley\.local\s+parley-admin/.test(api.output()) ? true : undefined));
    const token = await login(api.url, 'admin@parley.local', 'parley-admin');
    const data = await ok<{ campaigns: { name: string; openNow: boolean }[] }>(api.url, '{ campaigns { name openNow } }', {}, { token });
    assert.deepEqual(data.campaigns, [{ name: 'Web support', openNow: true }]);
  });
});
