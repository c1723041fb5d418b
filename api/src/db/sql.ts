import type { EntityManager } from '@mikro-orm/postgresql';

interface PgClient {
  query<T>(text: string, values: readonly unknown[]): Promise<{ rows: T[] }>;
}
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
export async function sql<T>(em: EntityManager, text: string, values: readonly unknown[]): Promise<T[]> {
  const pool = (em.getConnection().getKnex() as unknown as { client: PooledClient }).client;
  const client = await pool.acquireConnection();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await pool.releaseConnection(client);
  }
}
