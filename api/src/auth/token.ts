import { createHash, randomBytes } from 'node:crypto';

/** Bearer token kinds, told apart by prefix: staff session, visitor session, API key. */
export const TOKEN_PREFIX = { staff: 'pst_', visitor: 'pvt_', apiKey: 'pak_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

export function newToken(kind: TokenKind): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** Tokens carry 256 random bits, so a fast hash is enough to keep stored copies useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenKind(token: string): TokenKind | undefined {
  for (const [kind, prefix] of Object.entries(TOKEN_PREFIX)) if (token.startsWith(prefix)) return kind as TokenKind;
  return undefined;
}

/** `Bearer x`, or a bare token, from a header or graphql-ws connection parameter. */
export function bearerToken(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  return token === '' || token.length > 200 ? undefined : token;
}
