import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Deadline, DeadlineKind } from '../deadlines/deadline.entity';
import type { ConversationEvent } from '../interactions/conversation-events';
import { SenderKind } from '../interactions/interaction.enums';
import type { Interaction } from '../interactions/interaction.entity';
import { appendMessage } from '../interactions/message.store';
import { Call } from './call.entity';
import { CallEndReason, CallState, OPEN_CALL_STATES } from './call.enums';
import { endedLine, startedLine } from './call-policy';

const run = (tx: EntityManager, statement: string, values: unknown[]) => tx.getConnection().execute(statement, values, 'all', tx.getTransactionContext());

/** The transcript gets a system line in the chat's language: an ordinary message, so recordings show it. */
async function transcriptLine(tx: EntityManager, interaction: Interaction, text: string, now: Date, events: ConversationEvent[]): Promise<void> {
  const message = await appendMessage(tx, interaction, { senderKind: SenderKind.SYSTEM, text, createdAt: now });
  events.push({ topic: 'MESSAGE_ADDED', interactionId: interaction.id, seq: message.seq });
}

/**
 * Stores whether the agent is in an active call now (agent_status.in_media_call);
 * true when that changed, so the caller dispatches the agent's campaigns.
 */
export async function refreshInMediaCall(tx: EntityManager, agentId: string): Promise<boolean> {
  const rows = (await run(
    tx,
    `update agent_status s set in_media_call = exists (select 1 from calls c where c.agent_id = s.agent_id and c.state = 'ACTIVE')
       from agent_status before where s.agent_id = ? and before.agent_id = s.agent_id
     returning s.in_media_call <> before.in_media_call as changed`,
    [agentId],
  )) as { changed: boolean }[];
  return rows[0]?.changed === true;
}

/** A ringing call is answered: ACTIVE, the transcript's "call started", its ring time-out dropped. Call inside a transaction holding the call's row. */
export async function activateCall(tx: EntityManager, call: Call, interaction: Interaction, now: Date, events: ConversationEvent[]): Promise<void> {
  call.state = CallState.ACTIVE;
  call.answeredAt = now;
  await tx.nativeDelete(Deadline, { kind: DeadlineKind.CALL_RING, subjectId: call.id });
  await transcriptLine(tx, interaction, startedLine(call.kind, interaction.language), now, events);
  events.push({ topic: 'INTERACTION_UPDATED', interactionId: interaction.id });
  await tx.flush();
}

/**
 * Ends an open call: ENDED with its reason and end time, the transcript's
 * line (with the duration once answered), its ring time-out dropped, its
 * room to be destroyed after commit. Call inside a transaction holding the
 * call's row; the agent's inMediaCall is the caller's to refresh.
 */
export async function finishCall(tx: EntityManager, call: Call, interaction: Interaction, reason: CallEndReason, now: Date, events: ConversationEvent[]): Promise<void> {
  call.state = CallState.ENDED;
  call.endReason = reason;
  call.endedAt = now;
  await tx.nativeDelete(Deadline, { kind: DeadlineKind.CALL_RING, subjectId: call.id });
  await transcriptLine(tx, interaction, endedLine(call.kind, interaction.language, call.answeredAt ?? null, now, reason), now, events);
  events.push({ topic: 'INTERACTION_UPDATED', interactionId: interaction.id }, { topic: 'MEDIA_ROOM_ENDED', room: call.room });
  await tx.flush();
}

/** The open calls of a chat that is ending end with it (CHAT_CLOSED). Call inside the transaction that ends the chat, its row locked. */
export async function endCallsOfChat(tx: EntityManager, interaction: Interaction, now: Date, events: ConversationEvent[]): Promise<void> {
  const calls = await tx.find(Call, { interaction, state: { $in: [...OPEN_CALL_STATES] } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  for (const call of calls) {
    await finishCall(tx, call, interaction, CallEndReason.CHAT_CLOSED, now, events);
    await refreshInMediaCall(tx, call.agent.id);
  }
}

/** An agent who goes offline leaves their calls (DISCONNECTED). Call inside the transaction that changes their state, their chats locked. */
export async function endCallsOfAgent(tx: EntityManager, agentId: string, now: Date, events: ConversationEvent[]): Promise<void> {
  const calls = await tx.find(Call, { agent: agentId, state: { $in: [...OPEN_CALL_STATES] } }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['interaction'] });
  for (const call of calls) await finishCall(tx, call, call.interaction, CallEndReason.DISCONNECTED, now, events);
  if (calls.length > 0) await refreshInMediaCall(tx, agentId);
}
