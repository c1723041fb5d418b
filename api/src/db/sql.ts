import type { EntityManager } from '@mikro-orm/postgresql';

interface PgClient {
  query<T>(text: string | (Prepared & { values: readonly unknown[] }), values?: readonly unknown[]): Promise<{ rows: T[] }>;
}

/**
 * A statement each connection parses and plans once, under its name, then
 * only binds and executes: for the statements of every message, whose text
 * is long. Names are unique in the process.
 */
export interface Prepared {
  readonly name: string;
  readonly text: string;
}

export const prepared = (name: string, text: string): Prepared => ({ name, text });
interface PooledClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(client: PgClient): Promise<unknown>;
}

/**
 * Runs one statement on a connection of the ORM's pool, straight through
 * the `pg` driver (`$1` placeholders): for the hot paths, where the ORM's
 * and the query builder's handling of each call costs more than the
 * statement itself. Outside any transaction of the ORM.
 */
export async function sql<T>(em: EntityManager, statement: string | Prepared, values: readonly unknown[]): Promise<T[]> {
  const pool = (em.getConnection().getKnex() as unknown as { client: PooledClient }).client;
  const client = await pool.acquireConnection();
  try {
    return (await (typeof statement === 'string' ? client.query<T>(statement, values) : client.query<T>({ ...statement, values }))).rows;
  } finally {
    await pool.releaseConnection(client);
  }
}

/** Runs one statement of a transaction opened by `transaction`. */
export type Run = <T>(text: string, values: readonly unknown[]) => Promise<T[]>;

/**
 * Runs `work` in one transaction on a connection of the ORM's pool,
 * straight through the `pg` driver, outside the ORM's unit of work: BEGIN,
 * the statements `work` runs, then COMMIT, or ROLLBACK when it throws. The
 * statements run one after the other on that one connection.
 */
export async function transaction<T>(em: EntityManager, work: (run: Run) => Promise<T>): Promise<T> {
  const pool = (em.getConnection().getKnex() as unknown as { client: PooledClient }).client;
  const client = await pool.acquireConnection();
  const run: Run = async <R>(text: string, values: readonly unknown[]) => (await client.query<R>(text, values)).rows;
  try {
    await client.query('begin', []);
    let result: T;
    try {
      result = await work(run);
    } catch (error) {
      await client.query('rollback', []).catch(() => undefined);
      throw error;
    }
    await client.query('commit', []);
    return result;
  } finally {
    await pool.releaseConnection(client);
  }
}
