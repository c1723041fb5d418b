import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql';

/** Rosters never change once stored (their id is a hash of their members): the last few hundred read are kept. */
const kept = new Map<string, readonly string[]>();
const KEPT = 256;

/** The members' ids of the roster a routing explanation names; none when it is not stored. */
export async function rosterMembers(em: EntityManager, id: string): Promise<readonly string[]> {
  const known = kept.get(id);
  if (known) return known;
  const [row] = await sql<{ members: string[] }>(em, 'select members from routing_rosters where id = $1::text', [id]);
  if (!row) return [];
  kept.set(id, row.members);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  return row.members;
}
