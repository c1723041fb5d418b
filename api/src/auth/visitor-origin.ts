import type { EntityManager } from '@mikro-orm/postgresql';
import { originAllowed } from '../campaigns/allowed-origin';
import { Campaign } from '../campaigns/campaign.entity';
import type { Viewer } from './viewer';

/**
 * A visitor token works only from the campaign's allowed sites (scheme, host
 * and port: see allowed-origin.ts), on GraphQL over HTTP and WebSocket and on
 * /uploads alike. (Scripts can forge Origin; this stops embedding elsewhere.)
 */
export async function visitorOriginAllowed(em: EntityManager, viewer: Viewer, origin: string | undefined): Promise<boolean> {
  if (viewer.kind !== 'visitor') return true;
  const campaign = await em.findOne(Campaign, { id: viewer.campaignId }, { fields: ['allowedDomains'] });
  return campaign !== null && originAllowed(origin, campaign.allowedDomains);
}
