import type { EntityManager } from '@mikro-orm/postgresql';
import { AgentState } from '../agents/agent-activity.types';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { takesChats } from '../campaigns/campaign-archive';
import { localDayStart } from '../campaigns/schedule';
import type { AppDeps } from '../graphql/context';
import { InteractionState } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';
import { appendMessage } from '../interactions/message.store';
import { SenderKind } from '../interactions/interaction.enums';
import { announceActivity, publishAll, type ConversationEvent } from '../interactions/conversation-events';
import { DeadlineKind } from '../deadlines/deadline.entity';
import { metrics } from '../http/metrics';
import { InteractionOffer } from './interaction-offer.entity';
import { RoutingMemory } from './routing-memory.entity';
import { decideRouting, type MemberSnapshot } from './routing-policy';

interface DispatchSlot {
  current: Promise<number>;
  /** A run queued behind the current one; every caller arriving meanwhile shares it. */
  next?: Promise<number>;
}
const slots = new Map<string, DispatchSlot>();

/**
 * Routes a campaign's waiting chats. A run decides for every waiting chat,
 * so callers arriving while one is in progress share a single follow-up run
 * that starts after it (and so after their own commit) instead of each
 * queueing on the campaign lock: a burst of N starts costs about two runs.
 */
export function dispatchCampaign(deps: AppDeps, campaignId: string): Promise<number> {
  const slot = slots.get(campaignId);
  if (!slot) {
    const current = runDispatch(deps, campaignId).finally(() => advance(campaignId));
    slots.set(campaignId, { current });
    return current;
  }
  slot.next ??= slot.current.catch(() => 0).then(() => runDispatch(deps, campaignId));
  return slot.next;
}

function advance(campaignId: string): void {
  const slot = slots.get(campaignId);
  if (!slot?.next) {
    slots.delete(campaignId);
    return;
  }
  slot.current = slot.next.finally(() => advance(campaignId));
  slot.next = undefined;
}

/**
 * Applies the routing policy to one campaign inside one transaction holding
 * the campaign's advisory lock and its members' status rows, so concurrent
 * dispatches (on any instance) never give a chat to two agents or an agent
 * more than their limit. Publishes what changed after commit.
 */
async function runDispatch(deps: AppDeps, campaignId: string): Promise<number> {
  const timer = metrics.routing.startTimer();
  const events: ConversationEvent[] = [];
  const em = deps.orm.em.fork();
  let queueWaiting = false;
  const applied = await em.transactional(async (tx) => {
    await tx.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`dispatch:${campaignId}`], 'get', tx.getTransactionContext());
    const campaign = await tx.findOne(Campaign, { id: campaignId });
    if (!campaign || !takesChats(campaign)) return 0;
    const waiting = await tx.find(
      Interaction,
      { campaign, state: { $in: [InteractionState.QUEUED, InteractionState.OFFERED] } },
      { orderBy: { queuedAt: 'asc', id: 'asc' }, limit: 500 },
    );
    if (waiting.length === 0) return 0;
    queueWaiting = true;
    const snapshots = await memberSnapshots(tx, campaign, deps.now());
    const offers = await tx.find(InteractionOffer, { interaction: { $in: waiting } });
    const memory = await tx.findOne(RoutingMemory, { campaign });
    const lastPosition = snapshots.find((m) => m.agentId === memory?.lastAgent?.id)?.position ?? null;
    const decisions = decideRouting(
      { distribution: campaign.distribution, availability: campaign.availability, maxInteractionsPerAgent: campaign.maxInteractionsPerAgent, lastPosition },
      waiting.map((chat) => {
        const mine = offers.filter((o) => o.interaction.id === chat.id);
        return { interactionId: chat.id, offeredTo: mine.filter((o) => !o.expiredAt).map((o) => o.agent.id), passedBy: mine.filter((o) => o.expiredAt).map((o) => o.agent.id) };
      }),
      snapshots,
      Math.random,
    );
    const now = deps.now();
    for (const decision of decisions) {
      const chat = waiting.find((w) => w.id === decision.interactionId) as Interaction;
      chat.routing = { ...decision.explanation, decidedAt: now.toISOString() };
      if (decision.kind === 'offer') {
        chat.state = InteractionState.OFFERED;
        for (const agentId of decision.agentIds) {
          const passed = offers.find((o) => o.interaction.id === chat.id && o.agent.id === agentId);
          if (passed) Object.assign(passed, { expiredAt: null, createdAt: now });
          else tx.persist(tx.create(InteractionOffer, { interaction: chat, agent: tx.getReference(User, agentId), createdAt: now }));
          events.push({ topic: 'AGENT_INTERACTION', agentId, kind: 'OFFERED', interactionId: chat.id });
        }
        // The round's clock starts with its first offers; agents added to an open round share it.
        await tx.getConnection().execute(
          'insert into deadlines (kind, subject_id, due_at) values (?, ?, ?) on conflict do nothing',
          [DeadlineKind.OFFER_EXPIRY, chat.id, new Date(now.getTime() + campaign.offerTimeoutSeconds * 1000)],
          'run',
          tx.getTransactionContext(),
        );
      } else {
        await assign(tx, chat, tx.getReference(User, decision.agentId), now, events);
        if (memory) memory.lastAgent = tx.getReference(User, decision.agentId);
        else tx.persist(tx.create(RoutingMemory, { campaign, lastAgent: tx.getReference(User, decision.agentId), updatedAt: now }));
      }
      events.push({ topic: 'INTERACTION_UPDATED', interactionId: chat.id });
    }
    await tx.flush();
    return decisions.length;
  });
  timer();
  publishAll(deps.pubSub, events);
  // The once-a-second safety net runs here too: only a run that changed something is news for the statistics.
  if (applied > 0) announceActivity(deps.pubSub, campaignId);
  // Customers waiting see their place move; this also runs on the once-a-second safety net, so estimates stay fresh.
  if (queueWaiting) deps.pubSub.publish('QUEUE_CHANGED', campaignId, { campaignId });
  return applied;
}

/** Hands a waiting chat to an agent: ACTIVE, hold time, the campaign's automatic agent message. Call inside a transaction. */
export async function assign(tx: EntityManager, chat: Interaction, agent: User, now: Date, events: ConversationEvent[]): Promise<void> {
  chat.state = InteractionState.ACTIVE;
  chat.agent = agent;
  chat.answeredAt = now;
  chat.holdSeconds = Math.max(0, Math.round((now.getTime() - chat.queuedAt.getTime()) / 1000));
  const withdrawn = await tx.find(InteractionOffer, { interaction: chat });
  for (const offer of withdrawn) {
    tx.remove(offer);
    if (offer.agent.id !== agent.id) events.push({ topic: 'AGENT_INTERACTION', agentId: offer.agent.id, kind: 'UPDATED', interactionId: chat.id });
  }
  events.push({ topic: 'AGENT_INTERACTION', agentId: agent.id, kind: 'ASSIGNED', interactionId: chat.id });
  const campaign = await tx.findOneOrFail(Campaign, { id: chat.campaign.id });
  if (campaign.automaticAgentMessage) {
    const loaded = await tx.findOneOrFail(User, { id: agent.id });
    const message = await appendMessage(tx, chat, {
      senderKind: SenderKind.AGENT,
      senderUser: loaded,
      senderName: campaign.showAgentName ? loaded.name : null,
      text: campaign.automaticAgentMessage,
      createdAt: now,
    }, { flush: false });
    events.push({ topic: 'MESSAGE_ADDED', interactionId: chat.id, seq: message.seq });
  }
}

/**
 * The members as the router sees them, read as plain rows (no records to
 * track: a campaign may have hundreds of members), their status rows locked.
 */
async function memberSnapshots(tx: EntityManager, campaign: Campaign, now: Date): Promise<MemberSnapshot[]> {
  const run = <T>(sql: string, values: unknown[]) => tx.getConnection().execute<T[]>(sql, values, 'all', tx.getTransactionContext());
  const members = await run<{ agent_id: string; position: number; penalty: number }>('select agent_id, position, penalty from campaign_members where campaign_id = ? order by position', [campaign.id]);
  if (members.length === 0) return [];
  // Row locks in one order on every path: concurrent dispatches of different campaigns cannot deadlock.
  const statuses = await run<{ agent_id: string; state: AgentState; in_media_call: boolean; last_interaction_ended_at: Date | null }>(
    'select agent_id, state, in_media_call, last_interaction_ended_at from agent_status where agent_id in (select agent_id from campaign_members where campaign_id = ?) order by agent_id for update',
    [campaign.id],
  );
  const counts = await run<{ agent_id: string; active: string; handled: string }>(
    `select agent_id,
            count(*) filter (where state = 'ACTIVE') as active,
            count(*) filter (where answered_at >= ? and campaign_id = ?) as handled
       from interactions where agent_id in (select agent_id from campaign_members where campaign_id = ?) group by agent_id`,
    [localDayStart(now, campaign.schedule.timezone), campaign.id, campaign.id],
  );
  const statusOf = new Map(statuses.map((row) => [row.agent_id, row]));
  const countOf = new Map(counts.map((row) => [row.agent_id, row]));
  return members.map((member) => {
    const status = statusOf.get(member.agent_id);
    const count = countOf.get(member.agent_id);
    return {
      agentId: member.agent_id,
      position: Number(member.position),
      penalty: Number(member.penalty),
      state: status?.state ?? AgentState.OFFLINE,
      activeCount: Number(count?.active ?? 0),
      inMediaCall: status?.in_media_call ?? false,
      lastEndedAt: status?.last_interaction_ended_at ? new Date(status.last_interaction_ended_at).getTime() : null,
      handledToday: Number(count?.handled ?? 0),
    };
  });
}
