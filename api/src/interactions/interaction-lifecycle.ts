import type { EntityManager } from '@mikro-orm/postgresql';
import { AgentStatus } from '../agents/agent-status.entity';
import { Deadline } from '../deadlines/deadline.entity';
import { InteractionOffer } from '../routing/interaction-offer.entity';
import type { ConversationEvent } from './conversation-events';
import { CloseReason, InteractionState, SenderKind } from './interaction.enums';
import { OPEN_STATES, type Interaction } from './interaction.entity';
import { appendMessage } from './message.store';
import { endCallsOfChat } from '../calls/call-endings';

export const isOpen = (interaction: Interaction): boolean => (OPEN_STATES as readonly InteractionState[]).includes(interaction.state);

/**
 * Ends an open interaction: its calls ended, final state and reason, close
 * time, offers withdrawn, timers dropped, the agent's idle clock restarted,
 * and an optional system text to the contact. Call inside a transaction.
 */
export async function endInteraction(
  tx: EntityManager,
  interaction: Interaction,
  state: InteractionState.CLOSED | InteractionState.ABANDONED | InteractionState.REJECTED,
  reason: CloseReason,
  now: Date,
  events: ConversationEvent[],
  systemText?: string,
): Promise<void> {
  await endCallsOfChat(tx, interaction, now, events);
  const offers = await tx.find(InteractionOffer, { interaction });
  for (const offer of offers) {
    tx.remove(offer);
    events.push({ topic: 'AGENT_INTERACTION', agentId: offer.agent.id, kind: 'CLOSED', interactionId: interaction.id });
  }
  if (systemText) {
    const message = await appendMessage(tx, interaction, { senderKind: SenderKind.SYSTEM, text: systemText, createdAt: now });
    events.push({ topic: 'MESSAGE_ADDED', interactionId: interaction.id, seq: message.seq });
  }
  interaction.state = state;
  interaction.closeReason = reason;
  interaction.closedAt = now;
  await tx.nativeDelete(Deadline, { subjectId: interaction.id });
  if (interaction.agent) {
    await tx.nativeUpdate(AgentStatus, { agent: interaction.agent.id }, { lastInteractionEndedAt: now });
    events.push({ topic: 'AGENT_INTERACTION', agentId: interaction.agent.id, kind: 'CLOSED', interactionId: interaction.id });
  }
  events.push({ topic: 'INTERACTION_UPDATED', interactionId: interaction.id });
  await tx.flush();
}
