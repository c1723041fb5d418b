import { LockMode } from '@mikro-orm/core';
import { AgentState } from '../agents/agent-activity.types';
import { VisitorSession } from '../auth/visitor-session.entity';
import { hashToken, newToken } from '../auth/token';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import type { Campaign } from '../campaigns/campaign.entity';
import { Distribution, Language } from '../campaigns/campaign.enums';
import type { LocalizedText } from '../campaigns/campaign.types';
import { isOpen as scheduleOpen } from '../campaigns/schedule';
import { textIn } from '../campaigns/localized-text';
import { campaignForWidget } from '../campaigns/widget-config.resolver';
import { Contact } from '../contacts/contact.entity';
import { Deadline, DeadlineKind } from '../deadlines/deadline.entity';
import { badInput, forbidden } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { dispatchCampaign } from '../routing/dispatcher';
import { arrivalRefusal, checkVisitorDetails } from './chat-rules';
import { announceActivity, publishAll, type ConversationEvent } from './conversation-events';
import { endInteraction, isOpen } from './interaction-lifecycle';
import { readableInteraction } from './interaction-access';
import { CloseReason, InteractionState } from './interaction.enums';
import { Interaction, OPEN_STATES } from './interaction.entity';
import type { StartChatInput } from './interaction.types';

const VISITOR_TOKEN_HOURS = 24;

const REFUSAL_TEXT: Partial<Record<CloseReason, (campaign: Campaign) => LocalizedText>> = {
  [CloseReason.OUT_OF_TIME]: (campaign) => campaign.outOfTimeMessage,
  [CloseReason.QUEUE_FULL]: (campaign) => campaign.notAvailableMessage,
  [CloseReason.NOT_AVAILABLE]: (campaign) => campaign.notAvailableMessage,
};

/** A customer starting, resuming and leaving chats from the widget. */
export class ChatService {
  constructor(private readonly ctx: Context) {}

  async start(input: StartChatInput): Promise<{ token: string; interaction: Interaction }> {
    const { em, deps } = this.ctx;
    deps.limits.startChat.take(this.ctx.ip);
    const campaign = await campaignForWidget(this.ctx, input.campaignKey);
    const { details, problem } = checkVisitorDetails(campaign, input);
    if (problem) throw badInput(problem.field, problem.message);
    const language = input.language ?? Language.EN;
    const events: ConversationEvent[] = [];

    // The visitor's own contact when their token (same campaign) comes along, e.g. a new chat after a reload; otherwise a new one.
    // What a stranger can type (an email, a customer number) never finds anyone: contacts are linked by email for staff only.
    const ownContactId = this.ctx.viewer.kind === 'visitor' && this.ctx.viewer.campaignId === campaign.id ? this.ctx.viewer.contactId : undefined;

    const result = await em.transactional(async (tx) => {
      let contact: Contact;
      if (ownContactId) {
        // One open chat per contact and campaign, even when the same visitor starts twice at once.
        await tx.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`start:${campaign.id}:${ownContactId}`], 'get', tx.getTransactionContext());
        contact = await tx.findOneOrFail(Contact, { id: ownContactId });
        contact.name = details.name;
        contact.email = details.email ?? contact.email ?? null;
        contact.customFieldValue = details.customFieldValue ?? contact.customFieldValue ?? null;
      } else {
        contact = tx.create(Contact, { ...details });
        tx.persist(contact);
      }
      const token = newToken('visitor');
      tx.persist(tx.create(VisitorSession, { tokenHash: hashToken(token), contact, campaign, createdAt: deps.now(), expiresAt: new Date(deps.now().getTime() + VISITOR_TOKEN_HOURS * 3600_000) }));
      const open = ownContactId ? await tx.findOne(Interaction, { contact, campaign, state: { $in: [...OPEN_STATES] } }) : null;
      if (open) {
        await tx.flush();
        return { token, interaction: open };
      }
      const now = deps.now();
      const openNow = scheduleOpen(campaign.schedule, now);
      const waiting = await tx.count(Interaction, { campaign, state: { $in: [InteractionState.QUEUED, InteractionState.OFFERED] } });
      const [signedIn] = await tx
        .getConnection()
        .execute<{ n: string }[]>(
          `select count(*) as n from agent_status s join campaign_members m on m.agent_id = s.agent_id where m.campaign_id = ? and s.state <> ?`,
          [campaign.id, AgentState.OFFLINE],
          'all',
          tx.getTransactionContext(),
        );
      const membersSignedIn = Number(signedIn?.n ?? 0);
      const interaction = tx.create(Interaction, {
        campaign,
        contact,
        state: InteractionState.QUEUED,
        origin: this.ctx.origin?.slice(0, 200) ?? null,
        outOfHours: !openNow,
        language,
        queuedAt: now,
      });
      tx.persist(interaction);
      await tx.flush();
      const refusal = arrivalRefusal({ openNow, waiting, maxChats: campaign.thresholds.maxChats, membersSignedIn });
      if (refusal) {
        await endInteraction(tx, interaction, InteractionState.REJECTED, refusal, now, events, textIn((REFUSAL_TEXT[refusal] as (c: Campaign) => LocalizedText)(campaign), language));
      } else if (campaign.thresholds.waitTimeoutSeconds > 0) {
        tx.persist(tx.create(Deadline, { kind: DeadlineKind.WAIT_TIMEOUT, subjectId: interaction.id, dueAt: new Date(now.getTime() + campaign.thresholds.waitTimeoutSeconds * 1000) }));
        await tx.flush();
      }
      events.push({ topic: 'INTERACTION_UPDATED', interactionId: interaction.id });
      return { token, interaction };
    });
    if (result.interaction.state === InteractionState.QUEUED && campaign.distribution === Distribution.AGENT_PICKS) {
      // Agents pick from the queue themselves: tell every member a chat is waiting.
      for (const member of await em.find(CampaignMember, { campaign })) {
        events.push({ topic: 'AGENT_INTERACTION', agentId: member.agent.id, kind: 'OFFERED', interactionId: result.interaction.id });
      }
    }
    publishAll(deps.pubSub, events);
    announceActivity(deps.pubSub, campaign.id);
    if (result.interaction.state === InteractionState.QUEUED) await dispatchCampaign(deps, campaign.id);
    await em.refresh(result.interaction);
    return result;
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
