import { Client } from 'pg';
import type { Orm } from './orm';
import { MIGRATIONS } from './migrations/migrations';

// Any constant works: every Parley instance takes the same session lock.
const STARTUP_LOCK = 7_424_917;

/**
 * Runs `work` while holding a PostgreSQL advisory lock shared by every
 * instance, so instances starting at once migrate and seed one after the
 * other: the later ones find nothing left to do.
 */
export async function withStartupLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/** Applies pending migrations; returns their names. Call under the start-up lock. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

/** Whether every committed migration has been applied. */
export async function migrationsApplied(orm: Orm): Promise<boolean> {
  const executed = await orm.getMigrator().getExecutedMigrations();
  const names = new Set(executed.map((migration) => migration.name));
  return MIGRATIONS.every((migration) => names.has(migration.name));
}
