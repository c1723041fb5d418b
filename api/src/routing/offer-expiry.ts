import { LockMode } from '@mikro-orm/core';
import type { AppDeps } from '../graphql/context';
import { publishAll, type ConversationEvent } from '../interactions/conversation-events';
import { InteractionState } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';
import { InteractionOffer } from './interaction-offer.entity';

/**
 * RINGALL: nobody accepted a chat's offers in time. They are marked expired
 * (those agents are told), and the chat waits again, first in line, for the
 * dispatcher to offer it to the agents who have not had it yet. Returns the
 * chat's campaign when something changed, for the caller to dispatch.
 */
export async function expireOffers(deps: AppDeps, interactionId: string): Promise<string | undefined> {
  const events: ConversationEvent[] = [];
  const campaignId = await deps.orm.em.fork().transactional(async (tx) => {
    const chat = await tx.findOne(Interaction, { id: interactionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!chat || chat.state !== InteractionState.OFFERED) return undefined;
    const open = await tx.find(InteractionOffer, { interaction: chat, expiredAt: null });
    for (const offer of open) {
      offer.expiredAt = deps.now();
      events.push({ topic: 'AGENT_INTERACTION', agentId: offer.agent.id, kind: 'UPDATED', interactionId: chat.id });
    }
    chat.state = InteractionState.QUEUED;
    events.push({ topic: 'INTERACTION_UPDATED', interactionId: chat.id });
    await tx.flush();
    return chat.campaign.id;
  });
  publishAll(deps.pubSub, events);
  return campaignId;
}
