import { Client } from 'pg';
import type { Orm } from './orm';
import { MIGRATIONS } from './migrations/migrations';

// Any constant works: every Parley instance takes the same session lock.
const MIGRATION_LOCK = 7_424_917;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so two
 * instances starting at once migrate one after the other: the second finds
 * nothing left to do.
 */
export async function migrate(orm: Orm, databaseUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/** Whether every committed migration has been applied. */
export async function migrationsApplied(orm: Orm): Promise<boolean> {
  const executed = await orm.getMigrator().getExecutedMigrations();
  const names = new Set(executed.map((migration) => migration.name));
  return MIGRATIONS.every((migration) => names.has(migration.name));
}
