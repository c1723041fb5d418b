import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey } from './api-key.entity';
import { StaffSession } from './staff-session.entity';
import { VisitorSession } from './visitor-session.entity';
import { bearerToken, hashToken, tokenKind } from './token';
import { ANONYMOUS, REJECTED_TOKEN, type Viewer } from './viewer';

/**
 * Resolves a raw `Authorization` value to a viewer. No token: anonymous. A
 * token that is unknown, expired or revoked: anonymous with `rejectedToken`,
 * so protected operations answer UNAUTHENTICATED and graphql-ws closes 4403.
 */
export async function authenticate(em: EntityManager, rawAuthorization: unknown, now = new Date()): Promise<Viewer> {
  const token = bearerToken(rawAuthorization);
  if (token === undefined) return withoutToken(rawAuthorization);
  const tokenHash = hashToken(token);
  switch (tokenKind(token)) {
    case 'staff': {
      const session = await em.findOne(StaffSession, { tokenHash }, { populate: ['user'] });
      if (!session || session.revokedAt || session.expiresAt <= now || !session.user.active) return REJECTED_TOKEN;
      return { kind: 'staff', userId: session.user.id, role: session.user.role, sessionId: session.id, expiresAt: session.expiresAt };
    }
    case 'visitor': {
      const session = await em.findOne(VisitorSession, { tokenHash });
      if (!session || session.expiresAt <= now) return REJECTED_TOKEN;
      return { kind: 'visitor', contactId: session.contact.id, campaignId: session.campaign.id, sessionId: session.id, expiresAt: session.expiresAt };
    }
    case 'apiKey': {
      const key = await em.findOne(ApiKey, { keyHash: tokenHash });
      if (!key || key.revokedAt) return REJECTED_TOKEN;
      return { kind: 'apiKey', apiKeyId: key.id, scopes: key.scopes };
    }
    default:
      return REJECTED_TOKEN;
  }
}

/** No token at all is an anonymous caller; something that is not a token is a rejected one. */
export const withoutToken = (rawAuthorization: unknown): Viewer => (rawAuthorization === undefined || rawAuthorization === '' ? ANONYMOUS : REJECTED_TOKEN);
