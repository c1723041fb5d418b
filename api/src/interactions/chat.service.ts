import { randomUUID } from 'node:crypto';
import { LockMode, wrap } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { isStaffSide } from '../auth/viewer';
import { hashToken, newToken } from '../auth/token';
import { Campaign } from '../campaigns/campaign.entity';
import { Distribution, Language } from '../campaigns/campaign.enums';
import { isOpen as scheduleOpen } from '../campaigns/schedule';
import { textIn } from '../campaigns/localized-text';
import { campaignForWidget } from '../campaigns/widget-config.resolver';
import { Contact } from '../contacts/contact.entity';
import { sql, transaction } from '../db/sql';
import { badInput, forbidden, notFound } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { metrics } from '../http/metrics';
import { dispatchCampaign } from '../routing/dispatcher';
import { arrive, storeArrivals, type ArrivedChat, type NewChat } from './chat-arrival.store';
import { ownContact, readInteraction, type ContactRow } from './chat-start.store';
import { checkVisitorDetails } from './chat-rules';
import { announceActivity, publishAll, type ConversationEvent } from './conversation-events';
import { endInteraction, isOpen } from './interaction-lifecycle';
import { readableInteraction } from './interaction-access';
import { CloseReason, InteractionState, SenderKind } from './interaction.enums';
import { Interaction } from './interaction.entity';
import type { StartChatInput } from './interaction.types';
import { keepMessagesWith, messageView } from './message-list.store';

const VISITOR_TOKEN_HOURS = 24;

/** A customer starting, resuming and leaving chats from the widget. */
export class ChatService {
  constructor(private readonly ctx: Context) {}

  /**
   * The customer's startChat, in plain statements outside the unit of work:
   * a new visitor's arrival is one statement shared with the other
   * arrivals of the same turn (their contact, their token, the chat and its
   * wait timeout, or its refusal with the notice, decided in that
   * statement); a returning visitor's is a short transaction under their
   * start lock.
   */
  async start(input: StartChatInput): Promise<{ token: string; interaction: Interaction }> {
    const { em, deps } = this.ctx;
    deps.limits.startChat.take(this.ctx.ip);
    const campaign = await campaignForWidget(this.ctx, input.campaignKey, { shared: true });
    const { details, problem } = checkVisitorDetails(campaign, input);
    if (problem) throw badInput(problem.field, problem.message);
    const language = input.language ?? Language.EN;
    const events: ConversationEvent[] = [];

    // The visitor's own contact when their token (same campaign) comes along, e.g. a new chat after a reload; otherwise a new one.
    // What a stranger can type (an email, a customer number) never finds anyone: contacts are linked by email for staff only.
    const ownContactId = this.ctx.viewer.kind === 'visitor' && this.ctx.viewer.campaignId === campaign.id ? this.ctx.viewer.contactId : undefined;
    const token = newToken('visitor');
    const now = deps.now();
    const session = { id: randomUUID(), tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + VISITOR_TOKEN_HOURS * 3600_000) };

    // A new chat: it queues, or is refused on arrival (decided as it is stored) with the notice as its first message.
    const newChat = (): NewChat => {
      const openNow = scheduleOpen(campaign.schedule, now);
      const waitSeconds = campaign.thresholds.waitTimeoutSeconds;
      return {
        id: randomUUID(),
        openNow,
        maxChats: campaign.thresholds.maxChats,
        origin: this.ctx.origin?.slice(0, 200) ?? null,
        language,
        waitDeadline: waitSeconds > 0 ? new Date(now.getTime() + waitSeconds * 1000) : null,
        refusalText: textIn(openNow ? campaign.notAvailableMessage : campaign.outOfTimeMessage, language),
        noticeId: randomUUID(),
      };
    };

    let contact: ContactRow;
    let chat: ArrivedChat | undefined;
    let interactionId: string;
    /** The state of the visitor's chat that goes on, when they had one open. */
    let openState: string | undefined;
    if (ownContactId) {
      const stored = await transaction(em, async (run) => {
        const own = await ownContact(run, ownContactId, campaign.id, details);
        if (!own) throw notFound('Contact');
        const [arrived] = await storeArrivals(run, [{ contactId: own.contact.id, campaignId: campaign.id, at: now, session, chat: own.openChat ? undefined : newChat() }]);
        return { own, arrived };
      });
      contact = stored.own.contact;
      chat = stored.arrived;
      interactionId = chat?.id ?? (stored.own.openChat?.id as string);
      openState = stored.own.openChat?.state;
    } else {
      contact = { id: randomUUID(), ...details, createdAt: now };
      chat = await arrive(deps.orm.em, { newContact: contact, contactId: contact.id, campaignId: campaign.id, at: now, session, chat: newChat() });
      if (!chat) throw new Error('a new visitor\'s arrival stored no chat');
      interactionId = chat.id;
    }
    // A new chat's id is known to nobody before this answer, so no one listens for its events yet: its notice is counted, not published.
    if (chat?.notice) metrics.messages.inc({ sender: SenderKind.SYSTEM });
    // A chat that goes on still waiting is routed again too, as a new one is.
    const queued = (chat?.state ?? openState) === InteractionState.QUEUED;
    if (queued && campaign.distribution === Distribution.AGENT_PICKS) {
      // Agents pick from the queue themselves: tell every member a chat is waiting.
      for (const member of await sql<{ agent_id: string }>(em, 'select agent_id from campaign_members where campaign_id = $1::uuid', [campaign.id])) {
        events.push({ topic: 'AGENT_INTERACTION', agentId: member.agent_id, kind: 'OFFERED', interactionId });
      }
    }
    deps.access.rememberIssued(token, { kind: 'visitor', contactId: contact.id, campaignId: campaign.id, sessionId: session.id, expiresAt: session.expiresAt });
    publishAll(deps.pubSub, events);
    // The arrival is news for the campaign's statistics; a dispatch run that routes chats announces it after its own commit, which covers it.
    let routed = 0;
    try {
      if (queued) routed = await dispatchCampaign(deps, campaign.id);
    } finally {
      if (routed === 0) announceActivity(deps.pubSub, campaign.id);
    }
    return { token, interaction: await this.asRecord(campaign, contact, interactionId) };
  }

  /**
   * The chat as it is now (routing may have changed it), with its messages,
   * read in one plain statement and handed to the request's identity map
   * with its contact, its agent and a copy of its campaign, so the
   * response's fields find them there as they would records loaded for
   * this request; the messages wait for the `messages` field (see
   * `messagesReadWith`).
   */
  private async asRecord(campaign: Readonly<Campaign>, contact: ContactRow, interactionId: string): Promise<Interaction> {
    const { em } = this.ctx;
    // The explanation only for those who may read it: the customer's record leaves it out, the response is the same.
    const read = await readInteraction(em, interactionId, { routing: isStaffSide(this.ctx.viewer), messages: true });
    if (!read) throw notFound('Interaction');
    em.merge(Campaign, wrap(campaign as Campaign).toPOJO() as never, { refresh: true });
    em.merge(Contact, { ...contact }, { refresh: true });
    if (read.agent) em.merge(User, { ...read.agent } as never, { refresh: true });
    const record = em.merge(Interaction, { ...read.interaction } as never, { refresh: true });
    keepMessagesWith(record, (read.messages ?? []).map((m) => messageView(interactionId, m)));
    return record;
  }

  /** The customer leaves: a waiting chat is ABANDONED, an active one CLOSED by CONTACT_LEFT. */
  async leave(interactionId: string): Promise<Interaction> {
    const { em, deps, viewer } = this.ctx;
    const interaction = await readableInteraction(em, viewer, interactionId);
    if (viewer.kind !== 'visitor') throw forbidden('Only the customer leaves a chat; agents close it');
    const events: ConversationEvent[] = [];
    await em.transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Interaction, { id: interaction.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!isOpen(locked)) return;
      const waiting = locked.state !== InteractionState.ACTIVE;
      await endInteraction(tx, locked, waiting ? InteractionState.ABANDONED : InteractionState.CLOSED, CloseReason.CONTACT_LEFT, deps.now(), events);
    });
    publishAll(deps.pubSub, events);
    announceActivity(deps.pubSub, interaction.campaign.id);
    await dispatchCampaign(deps, interaction.campaign.id);
    await em.refresh(interaction);
    return interaction;
  }
}
