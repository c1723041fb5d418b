import type { EntityManager } from '@mikro-orm/postgresql';
import { batchedPerOwner, rowsInRequestOrder } from '../db/batched';
import { sql } from '../db/sql';
import type { ApiScope, Role } from './role';
import { bearerToken, hashToken, tokenKind, type TokenKind } from './token';
import { ANONYMOUS, REJECTED_TOKEN, type Viewer } from './viewer';

/** What storage holds of one token, whatever its kind (the columns of another kind are null; times as the driver gives them, text). */
interface TokenRow {
  readonly n: string;
  readonly id: string;
  readonly expires_at: string | null;
  readonly revoked_at: string | null;
  readonly contact_id: string | null;
  readonly campaign_id: string | null;
  readonly user_id: string | null;
  readonly role: Role | null;
  readonly active: boolean;
  readonly scopes: ApiScope[] | null;
}

// One statement for every token asked in a turn: the n-th answer row belongs to the n-th token.
const TOKENS = `
with asked as (select hash, kind, n from unnest($1::text[], $2::text[]) with ordinality as asked(hash, kind, n))
select a.n, v.id, v.expires_at, null::timestamptz as revoked_at, v.contact_id, v.campaign_id, null::uuid as user_id, null::text as role, true as active, null::jsonb as scopes
  from asked a join visitor_sessions v on a.kind = 'visitor' and v.token_hash = a.hash
union all
select a.n, s.id, s.expires_at, s.revoked_at, null, null, u.id, u.role, u.active, null
  from asked a join staff_sessions s on a.kind = 'staff' and s.token_hash = a.hash join users u on u.id = s.user_id
union all
select a.n, k.id, null, k.revoked_at, null, null, null, null, true, k.scopes
  from asked a join api_keys k on a.kind = 'apiKey' and k.key_hash = a.hash`;

type TokenRequest = { readonly hash: string; readonly kind: TokenKind };

/** The stored row of a token; the tokens asked for in one turn of the event loop share one statement. */
const storedToken = batchedPerOwner(async (em: EntityManager, requests: readonly TokenRequest[]) =>
  rowsInRequestOrder(await sql<TokenRow>(em, TOKENS, [requests.map((r) => r.hash), requests.map((r) => r.kind)]), requests.length),
);

/**
 * Resolves a raw `Authorization` value to a viewer. No token: anonymous. A
 * token that is unknown, expired or revoked (or whose staff account was
 * deactivated): anonymous with `rejectedToken`, so protected operations
 * answer UNAUTHENTICATED and graphql-ws closes 4403. The token is read in
 * a plain statement outside any unit of work: pass the ORM's own entity
 * manager (`orm.em`), whose calls of one turn share that statement.
 */
export async function authenticate(em: EntityManager, rawAuthorization: unknown, now = new Date()): Promise<Viewer> {
  const token = bearerToken(rawAuthorization);
  if (token === undefined) return withoutToken(rawAuthorization);
  const kind = tokenKind(token);
  if (kind === undefined) return REJECTED_TOKEN;
  const row = await storedToken(em, { hash: hashToken(token), kind });
  return row ? viewerOf(kind, row, now) : REJECTED_TOKEN;
}

/** The viewer a stored token stands for now, or REJECTED_TOKEN. */
function viewerOf(kind: TokenKind, row: TokenRow, now: Date): Viewer {
  const expiresAt = row.expires_at === null ? null : new Date(row.expires_at);
  if (row.revoked_at !== null || (expiresAt !== null && expiresAt <= now)) return REJECTED_TOKEN;
  switch (kind) {
    case 'staff':
      if (!row.active || !row.user_id || !row.role || !expiresAt) return REJECTED_TOKEN;
      return { kind: 'staff', userId: row.user_id, role: row.role, sessionId: row.id, expiresAt };
    case 'visitor':
      if (!row.contact_id || !row.campaign_id || !expiresAt) return REJECTED_TOKEN;
      return { kind: 'visitor', contactId: row.contact_id, campaignId: row.campaign_id, sessionId: row.id, expiresAt };
    case 'apiKey':
      return { kind: 'apiKey', apiKeyId: row.id, scopes: row.scopes ?? [] };
  }
}

/** No token at all is an anonymous caller; something that is not a token is a rejected one. */
export const withoutToken = (rawAuthorization: unknown): Viewer => (rawAuthorization === undefined || rawAuthorization === '' ? ANONYMOUS : REJECTED_TOKEN);
