import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiScope, Role } from '../auth/role';
import type { Viewer } from '../auth/viewer';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { forbidden, notFound, unauthenticated } from '../graphql/app-error';
import { isUuid } from '../graphql/ids';
import type { Context } from '../graphql/context';
import { rightsChanges, whileAllowed } from '../graphql/while-allowed';
import type { LiveFeed } from '../graphql/live-feed';
import { InteractionOffer } from '../routing/interaction-offer.entity';
import { InteractionState } from './interaction.enums';
import { Interaction } from './interaction.entity';

/**
 * Who may read an interaction: its contact; an agent for chats that are
 * theirs, or waiting in a campaign they belong to; supervisors and admins;
 * API keys with INTERACTIONS_READ. Everyone else is told it does not exist.
 */
export async function mayRead(em: EntityManager, viewer: Viewer, interaction: Interaction): Promise<boolean> {
  switch (viewer.kind) {
    case 'anonymous':
      return false;
    case 'visitor':
      return interaction.contact.id === viewer.contactId && interaction.campaign.id === viewer.campaignId;
    case 'apiKey':
      return viewer.scopes.includes(ApiScope.INTERACTIONS_READ);
    case 'staff':
      if (viewer.role !== Role.AGENT) return true;
      if (interaction.agent?.id === viewer.userId) return true;
      if (interaction.state === InteractionState.OFFERED) return (await em.count(InteractionOffer, { interaction, agent: viewer.userId, expiredAt: null })) > 0;
      if (interaction.state !== InteractionState.QUEUED) return false;
      return (await em.count(CampaignMember, { campaign: interaction.campaign, agent: viewer.userId })) > 0;
  }
}

/** The interaction if the viewer may read it; NOT_FOUND otherwise, so ids of other people's chats reveal nothing. */
export async function readableInteraction(em: EntityManager, viewer: Viewer, id: string): Promise<Interaction> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  const interaction = isUuid(id) ? await em.findOne(Interaction, { id }, { populate: ['campaign', 'contact'] }) : null;
  if (!interaction || !(await mayRead(em, viewer, interaction))) throw notFound('Interaction');
  return interaction;
}

/** Who may write in a chat: its contact while it is open, its agent while it is active. Supervisors only watch. */
export function assertMayWrite(viewer: Viewer, interaction: Interaction): 'contact' | 'agent' {
  if (viewer.kind === 'visitor' && interaction.contact.id === viewer.contactId && interaction.campaign.id === viewer.campaignId) return 'contact';
  if (viewer.kind === 'staff' && interaction.agent?.id === viewer.userId) return 'agent';
  throw forbidden('Only the customer and the assigned agent write in this chat');
}

/** A subscription on one interaction that ends the moment the reader may no longer read it (an agent reassigned or removed). */
export function whileReadable<T>(ctx: Context, interactionId: string, source: LiveFeed<T>): LiveFeed<T>;
export function whileReadable<T>(ctx: Context, interactionId: string, source: AsyncIterable<T>): AsyncIterable<T>;
export function whileReadable<T>(ctx: Context, interactionId: string, source: AsyncIterable<T>): AsyncIterable<T> {
  const { deps, viewer } = ctx;
  return whileAllowed(source, rightsChanges(deps.pubSub, viewer, interactionId), async () => {
    const em = deps.orm.em.fork();
    const interaction = await em.findOne(Interaction, { id: interactionId });
    return interaction !== null && (await mayRead(em, viewer, interaction));
  });
}
