import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { Deadline, DeadlineKind } from '../deadlines/deadline.entity';
import { AppError, notFound } from '../graphql/app-error';
import type { AppDeps, Context } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { announceActivity, publishAll, type ConversationEvent } from '../interactions/conversation-events';
import { readableInteraction } from '../interactions/interaction-access';
import { InteractionState } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';
import { requireMedia, roomIdOf } from '../media/media';
import type { MediaJoin } from '../media/media-join.types';
import { dispatchCampaign } from '../routing/dispatcher';
import { activateCall, finishCall, refreshInMediaCall } from './call-endings';
import { answerRefusal, callSideOf, endRefusal, hangUpReason, joinRefusal, sideOf, startRefusal, type ChatFacts, type Refusal } from './call-policy';
import { Call } from './call.entity';
import { CallEndReason, CallKind, CallSide, CallState, OPEN_CALL_STATES } from './call.enums';

const refused = (refusal: Refusal | undefined): void => {
  if (refusal) throw new AppError(refusal.code, refusal.message);
};

const chatFacts = (chat: Interaction, campaign: Pick<Campaign, 'mediaEnabled'>): ChatFacts => ({
  contactId: chat.contact.id,
  campaignId: chat.campaign.id,
  agentId: chat.agent?.id ?? null,
  active: chat.state === InteractionState.ACTIVE,
  mediaEnabled: campaign.mediaEnabled,
});

const callFacts = (call: Call) => ({ state: call.state, startedBy: call.startedBy, agentId: call.agent.id });

/**
 * After a committed change to calls: its events, and when the agent's
 * inMediaCall changed, their campaigns routed again (INCALL skips agents in
 * a call) and their boards told.
 */
export async function afterCallChange(deps: AppDeps, events: readonly ConversationEvent[], agentId: string, inMediaCallChanged: boolean): Promise<void> {
  publishAll(deps.pubSub, events);
  if (!inMediaCallChanged) return;
  for (const member of await deps.orm.em.fork().find(CampaignMember, { agent: agentId })) {
    announceActivity(deps.pubSub, member.campaign.id);
    await dispatchCampaign(deps, member.campaign.id);
  }
}

/**
 * Ends a call the system decides about (the ring time passed, a side left
 * the room, the room is gone) when it is still in one of `states`.
 */
export async function endCallBySystem(deps: AppDeps, callId: string, reason: CallEndReason, states: readonly CallState[]): Promise<void> {
  const events: ConversationEvent[] = [];
  const outcome = await deps.orm.em.fork().transactional(async (tx) => {
    const call = await tx.findOne(Call, { id: callId });
    if (!call || !states.includes(call.state)) return undefined;
    const chat = await tx.findOneOrFail(Interaction, { id: call.interaction.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const locked = await tx.findOneOrFail(Call, { id: callId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!states.includes(locked.state)) return undefined;
    await finishCall(tx, locked, chat, reason, deps.now(), events);
    return { agentId: locked.agent.id, changed: await refreshInMediaCall(tx, locked.agent.id) };
  });
  if (outcome) await afterCallChange(deps, events, outcome.agentId, outcome.changed);
}

/** Calls within chats: the customer and the agent start, answer, end and join them. */
export class CallService {
  constructor(private readonly ctx: Context) {}

  async start(interactionId: string, kind: CallKind): Promise<Call> {
    const { em, deps, viewer } = this.ctx;
    const chat = await readableInteraction(em, viewer, interactionId);
    const campaign = await em.findOneOrFail(Campaign, { id: chat.campaign.id });
    const side = sideOf(viewer, chatFacts(chat, campaign));
    refused(startRefusal(side, chatFacts(chat, campaign), false, deps.media !== undefined));
    const media = requireMedia(deps.media);
    const events: ConversationEvent[] = [];
    const now = deps.now();
    const call = await em.transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Interaction, { id: chat.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const open = (await tx.count(Call, { interaction: locked, state: { $in: [...OPEN_CALL_STATES] } })) > 0;
      const lockedSide = sideOf(viewer, chatFacts(locked, campaign));
      refused(startRefusal(lockedSide, chatFacts(locked, campaign), open, true));
      const id = randomUUID();
      const created = tx.create(Call, {
        id,
        interaction: locked,
        kind,
        state: CallState.RINGING,
        startedBy: lockedSide as CallSide,
        agent: tx.getReference(User, locked.agent?.id as string),
        room: roomIdOf('call', id),
        createdAt: now,
      });
      tx.persist(created);
      tx.persist(tx.create(Deadline, { kind: DeadlineKind.CALL_RING, subjectId: id, dueAt: new Date(now.getTime() + deps.config.callRingSeconds * 1000) }));
      events.push({ topic: 'INTERACTION_UPDATED', interactionId: locked.id });
      await tx.flush();
      return created;
    });
    try {
      await media.openRoom('call', call.id, ['contact', 'agent']);
    } catch (error) {
      // No room, no call: nothing was announced yet.
      await deps.orm.em.fork().nativeDelete(Call, { id: call.id });
      await deps.orm.em.fork().nativeDelete(Deadline, { kind: DeadlineKind.CALL_RING, subjectId: call.id });
      throw error;
    }
    publishAll(deps.pubSub, events);
    return call;
  }

  /** The side that did not start the call accepts it (ACTIVE) or declines it (ENDED, DECLINED). */
  async answer(callId: string, accept: boolean): Promise<Call> {
    const { call, chat, side } = await this.readable(callId);
    refused(answerRefusal(side, callFacts(call)));
    const { deps } = this.ctx;
    const events: ConversationEvent[] = [];
    const changed = await this.ctx.em.transactional(async (tx) => {
      const { locked, lockedChat } = await this.lock(tx, call, chat);
      refused(answerRefusal(side, callFacts(locked)));
      if (!accept) {
        await finishCall(tx, locked, lockedChat, CallEndReason.DECLINED, deps.now(), events);
        return false;
      }
      await activateCall(tx, locked, lockedChat, deps.now(), events);
      return refreshInMediaCall(tx, locked.agent.id);
    });
    await afterCallChange(deps, events, call.agent.id, changed);
    return this.reload(call.id);
  }

  /** Either side hangs up; a call that has ended stays as it was. */
  async end(callId: string): Promise<Call> {
    const { call, chat, side } = await this.readable(callId);
    refused(endRefusal(side));
    if (call.state === CallState.ENDED) return call;
    const { deps } = this.ctx;
    const events: ConversationEvent[] = [];
    const changed = await this.ctx.em.transactional(async (tx) => {
      const { locked, lockedChat } = await this.lock(tx, call, chat);
      if (locked.state === CallState.ENDED) return false;
      await finishCall(tx, locked, lockedChat, hangUpReason(side as CallSide, locked), deps.now(), events);
      return refreshInMediaCall(tx, locked.agent.id);
    });
    await afterCallChange(deps, events, call.agent.id, changed);
    return this.reload(call.id);
  }

  /** What the viewer joins the call's room with: their own token and a ticket for the media socket. */
  async join(callId: string): Promise<MediaJoin> {
    const { call, chat, side } = await this.readable(callId);
    refused(joinRefusal(side, callFacts(call)));
    const media = requireMedia(this.ctx.deps.media);
    const { em, deps } = this.ctx;
    if (side === CallSide.CONTACT) return media.join(call.room, 'contact', chat.contact.name, deps.now(), chat.campaign.id);
    const campaign = await em.findOneOrFail(Campaign, { id: chat.campaign.id });
    const agent = await em.findOneOrFail(User, { id: call.agent.id });
    return media.join(call.room, 'agent', campaign.showAgentName ? agent.name : 'Agent', deps.now());
  }

  /** A call the viewer may read (its chat is readable), and which side of it they are, if any. */
  private async readable(callId: string): Promise<{ call: Call; chat: Interaction; side: CallSide | undefined }> {
    const { em, viewer } = this.ctx;
    const call = isUuid(callId) ? await em.findOne(Call, { id: callId }) : null;
    if (!call) throw notFound('Call');
    const chat = await readableInteraction(em, viewer, call.interaction.id).catch((error: { code?: string }) => Promise.reject(error.code === 'NOT_FOUND' ? notFound('Call') : error));
    return { call, chat, side: callSideOf(viewer, chatFacts(chat, { mediaEnabled: true }), { agentId: call.agent.id }) };
  }

  /** The chat's row, then the call's: the order every path that ends calls takes. */
  private async lock(tx: EntityManager, call: Call, chat: Interaction): Promise<{ locked: Call; lockedChat: Interaction }> {
    const lockedChat = await tx.findOneOrFail(Interaction, { id: chat.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const locked = await tx.findOneOrFail(Call, { id: call.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    return { locked, lockedChat };
  }

  private reload(id: string): Promise<Call> {
    return this.ctx.deps.orm.em.fork().findOneOrFail(Call, { id });
  }
}

/** The ringing or active call of a chat, and all of them, oldest first; read afresh (a subscription's identity map outlives its events). */
export const openCallOf = (em: EntityManager, interactionId: string): Promise<Call | null> =>
  em.findOne(Call, { interaction: interactionId, state: { $in: [...OPEN_CALL_STATES] } }, { refresh: true });
export const callsOf = (em: EntityManager, interactionId: string): Promise<Call[]> => em.find(Call, { interaction: interactionId }, { orderBy: { createdAt: 'asc', id: 'asc' }, refresh: true });
