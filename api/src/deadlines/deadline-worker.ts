import type { AppDeps } from '../graphql/context';
import { Campaign } from '../campaigns/campaign.entity';
import { takesChats } from '../campaigns/campaign-archive';
import { isOpen as scheduleOpen } from '../campaigns/schedule';
import { announceActivity, publishAll, type ConversationEvent } from '../interactions/conversation-events';
import { endInteraction } from '../interactions/interaction-lifecycle';
import { CloseReason, InteractionState } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';
import { textIn } from '../campaigns/localized-text';
import { dispatchCampaign } from '../routing/dispatcher';
import { expireOffers } from '../routing/offer-expiry';
import { DeadlineKind } from './deadline.entity';
import { LockMode } from '@mikro-orm/core';
import { createOutboxSender } from '../mail/outbox-worker';
import { heartbeat, isPresent } from '../presence/presence.service';
import { AgentState } from '../agents/agent-activity.types';
import { setAgentState } from '../agents/agent.service';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { endCallBySystem } from '../calls/call.service';
import { CallEndReason, CallState } from '../calls/call.enums';

const TICK_MS = 1000;
const HEARTBEAT_TICKS = 10;
const WAITING = [InteractionState.QUEUED, InteractionState.OFFERED];

/**
 * Fires stored deadlines on whichever instance claims them first, sends due
 * outbox emails, and once a tick re-runs routing for campaigns with waiting
 * chats (a safety net for a lost event), closes the queue of campaigns that
 * were disabled or archived, and of campaigns whose schedule has closed when
 * they have no wait limit.
 */
export function startDeadlineWorker(deps: AppDeps): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const outbox = createOutboxSender(deps);
  let ticks = 0;
  const timer = setInterval(() => {
    running = running
      .then(async () => {
        if (stopped) return;
        if (ticks++ % HEARTBEAT_TICKS === 0) await heartbeat(deps);
        await tick(deps);
        await outbox.sendDue();
      })
      .catch((err: unknown) => deps.logger.error({ err }, 'deadline worker tick failed'));
  }, TICK_MS);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      outbox.close();
    },
  };
}

async function tick(deps: AppDeps): Promise<void> {
  const em = deps.orm.em.fork();
  const due = await em.getConnection().execute<{ kind: DeadlineKind; subject_id: string }[]>(
    `delete from deadlines where (kind, subject_id) in (
       select kind, subject_id from deadlines where due_at <= ? order by due_at limit 100 for update skip locked
     ) returning kind, subject_id`,
    [deps.now()],
  );
  const campaigns = new Set<string>();
  for (const deadline of due) {
    if (deadline.kind === DeadlineKind.WAIT_TIMEOUT) {
      const campaignId = await endWaiting(deps, deadline.subject_id, CloseReason.WAIT_TIMEOUT);
      if (campaignId) campaigns.add(campaignId);
    } else if (deadline.kind === DeadlineKind.AUTO_FINISH) {
      const campaignId = await autoFinish(deps, deadline.subject_id);
      if (campaignId) campaigns.add(campaignId);
    } else if (deadline.kind === DeadlineKind.OFFER_EXPIRY) {
      const campaignId = await expireOffers(deps, deadline.subject_id);
      if (campaignId) campaigns.add(campaignId);
    } else if (deadline.kind === DeadlineKind.AGENT_GONE && !(await isPresent(deps, deadline.subject_id))) {
      await setAgentState(em, deps, deadline.subject_id, AgentState.OFFLINE, null);
      for (const member of await em.find(CampaignMember, { agent: deadline.subject_id })) campaigns.add(member.campaign.id);
    } else if (deadline.kind === DeadlineKind.CALL_RING) {
      await endCallBySystem(deps, deadline.subject_id, CallEndReason.NOT_ANSWERED, [CallState.RINGING]);
    }
  }
  for (const campaignId of campaigns) announceActivity(deps.pubSub, campaignId);
  const waitingCampaigns = await em.getConnection().execute<{ campaign_id: string }[]>(
    `select distinct campaign_id from interactions where state in ('QUEUED', 'OFFERED')`,
  );
  for (const { campaign_id: campaignId } of waitingCampaigns) {
    const campaign = await em.findOne(Campaign, { id: campaignId });
    const closing = !campaign
      ? undefined
      : !takesChats(campaign)
        ? CloseReason.CAMPAIGN_DISABLED
        : campaign.thresholds.waitTimeoutSeconds === 0 && !scheduleOpen(campaign.schedule, deps.now())
          ? CloseReason.OUT_OF_TIME
          : undefined;
    if (campaign && closing) {
      const waiting = await em.find(Interaction, { campaign, state: { $in: WAITING } });
      for (const chat of waiting) await endWaiting(deps, chat.id, closing);
    } else campaigns.add(campaignId);
  }
  for (const campaignId of campaigns) await dispatchCampaign(deps, campaignId);
}

/** Ends a chat that is still waiting, with the campaign's text for the reason; returns its campaign. */
async function endWaiting(deps: AppDeps, interactionId: string, reason: CloseReason.WAIT_TIMEOUT | CloseReason.OUT_OF_TIME | CloseReason.CAMPAIGN_DISABLED): Promise<string | undefined> {
  const events: ConversationEvent[] = [];
  const campaignId = await deps.orm.em.fork().transactional(async (tx) => {
    const chat = await tx.findOne(Interaction, { id: interactionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!chat || !WAITING.includes(chat.state)) return undefined;
    const campaign = await tx.findOneOrFail(Campaign, { id: chat.campaign.id });
    const text = reason === CloseReason.OUT_OF_TIME ? campaign.outOfTimeMessage : campaign.notAvailableMessage;
    await endInteraction(tx, chat, InteractionState.REJECTED, reason, deps.now(), events, textIn(text, chat.language));
    return campaign.id;
  });
  publishAll(deps.pubSub, events);
  return campaignId;
}

/** Closes an active chat whose contact has been gone for the campaign's auto-finish time; returns its campaign. */
async function autoFinish(deps: AppDeps, interactionId: string): Promise<string | undefined> {
  const chat = await deps.orm.em.fork().findOne(Interaction, { id: interactionId });
  if (!chat || chat.state !== InteractionState.ACTIVE || (await isPresent(deps, chat.contact.id))) return undefined;
  const events: ConversationEvent[] = [];
  const campaignId = await deps.orm.em.fork().transactional(async (tx) => {
    const locked = await tx.findOne(Interaction, { id: interactionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!locked || locked.state !== InteractionState.ACTIVE) return undefined;
    await endInteraction(tx, locked, InteractionState.CLOSED, CloseReason.AUTO_FINISHED, deps.now(), events);
    return locked.campaign.id;
  });
  publishAll(deps.pubSub, events);
  return campaignId;
}
