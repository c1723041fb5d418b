import { wrap } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Contact } from '../contacts/contact.entity';
import { notFound } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { readInteraction } from './chat-start.store';
import { Interaction } from './interaction.entity';

/**
 * The chat an agent's offer, assignment or closing event names, as it is
 * now: one plain read of the chat with its contact and agent, its campaign
 * from the shared cache of campaigns (dropped on every change), all handed
 * to a fresh identity map so the event's fields find them loaded. Without
 * the routing explanation (a note per campaign member): the `routing` field
 * reads it when asked for.
 */
export async function eventRecord(ctx: Context, interactionId: string): Promise<Interaction> {
  const em = ctx.deps.orm.em.fork();
  const read = await readInteraction(em, interactionId, { routing: false, related: true });
  if (!read?.contact) throw notFound('Interaction');
  const shared = read.campaignKey ? await ctx.deps.access.widgetCampaign(read.campaignKey) : null;
  if (shared && shared.id === read.interaction.campaign) em.merge(Campaign, wrap(shared as Campaign).toPOJO() as never, { refresh: true });
  else await em.findOneOrFail(Campaign, { id: read.interaction.campaign });
  em.merge(Contact, { ...read.contact }, { refresh: true });
  if (read.agent) em.merge(User, { ...read.agent } as never, { refresh: true });
  return em.merge(Interaction, { ...read.interaction } as never, { refresh: true });
}
