import { localDayStart } from '../campaigns/schedule';
import type { AppDeps } from '../graphql/context';
import type { MessageView } from '../interactions/message.store';
import { transaction } from '../db/sql';
import { SenderKind } from '../interactions/interaction.enums';
import { announceActivity, publishAll, type ConversationEvent } from '../interactions/conversation-events';
import { metrics } from '../http/metrics';
import { lockCampaign, readQueue, storeRun, type DispatchCampaign, type OfferRow, type StoredRun } from './dispatch.store';
import { decideRouting } from './routing-policy';
import { rosterOf, storedExplanation } from './stored-explanation';

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
 * more than their limit. Plain statements, whatever the number of chats
 * and agents: the lock, the status rows, one read of the queue, one write
 * of every decision. Publishes what changed after commit.
 */
async function runDispatch(deps: AppDeps, campaignId: string): Promise<number> {
  const timer = metrics.routing.startTimer();
  const events: ConversationEvent[] = [];
  let queueWaiting = false;
  const applied = await transaction(deps.orm.em, async (run) => {
    const campaign = await lockCampaign(run, campaignId);
    if (!campaign || !campaign.takesChats) return 0;
    const now = deps.now();
    const queue = await readQueue(run, campaignId, localDayStart(now, campaign.timezone));
    if (queue.waiting.length === 0) return 0;
    queueWaiting = true;
    const lastPosition = queue.members.find((m) => m.agentId === queue.lastAgentId)?.position ?? null;
    const offersOf = new Map<string, OfferRow[]>();
    for (const offer of queue.offers) {
      const mine = offersOf.get(offer.interactionId);
      if (mine) mine.push(offer);
      else offersOf.set(offer.interactionId, [offer]);
    }
    const decisions = decideRouting(
      { distribution: campaign.distribution, availability: campaign.availability, maxInteractionsPerAgent: campaign.maxInteractionsPerAgent, lastPosition },
      queue.waiting.map((chat) => {
        const mine = offersOf.get(chat.id) ?? [];
        return { interactionId: chat.id, offeredTo: mine.filter((o) => !o.expired).map((o) => o.agentId), passedBy: mine.filter((o) => o.expired).map((o) => o.agentId) };
      }),
      queue.members,
      Math.random,
    );
    if (decisions.length === 0) return 0;
    const queuedAt = new Map(queue.waiting.map((chat) => [chat.id, chat.queuedAt]));
    const lastAssigned = decisions.filter((d) => d.kind === 'assign').at(-1);
    const roster = rosterOf(queue.members.map((member) => member.agentId));
    const stored = await storeRun(
      run,
      campaignId,
      campaign,
      decisions.map((decision) => {
        const routing = { ...storedExplanation(decision.explanation, roster), decidedAt: now.toISOString() };
        if (decision.kind === 'offer') return { id: decision.interactionId, state: 'OFFERED', routing, offeredTo: decision.agentIds };
        const holdSeconds = Math.max(0, Math.round((now.getTime() - (queuedAt.get(decision.interactionId) as Date).getTime()) / 1000));
        return { id: decision.interactionId, state: 'ACTIVE', routing, agentId: decision.agentId, holdSeconds };
      }),
      roster,
      lastAssigned?.kind === 'assign' ? lastAssigned.agentId : null,
      now,
    );
    const changed = new Set(stored.changed);
    for (const decision of decisions) {
      const chatId = decision.interactionId;
      if (!changed.has(chatId)) continue;
      if (decision.kind === 'offer') {
        for (const agentId of decision.agentIds) events.push({ topic: 'AGENT_INTERACTION', agentId, kind: 'OFFERED', interactionId: chatId });
      } else {
        events.push(...assignmentEvents(chatId, decision.agentId, stored, campaign, now));
      }
      events.push({ topic: 'INTERACTION_UPDATED', interactionId: chatId });
    }
    return changed.size;
  });
  timer();
  publishAll(deps.pubSub, events);
  // The once-a-second safety net runs here too: only a run that changed something is news for the statistics.
  if (applied > 0) announceActivity(deps.pubSub, campaignId);
  // Customers waiting see their place move; this also runs on the once-a-second safety net, so estimates stay fresh.
  if (queueWaiting) deps.pubSub.publish('QUEUE_CHANGED', campaignId, { campaignId });
  return applied;
}

/**
 * What an assignment stored by `storeRun` announces: the agents whose offers
 * were withdrawn, the assignee, the automatic message (carried, so that
 * subscribers need not read it back).
 */
export function assignmentEvents(chatId: string, agentId: string, stored: StoredRun, campaign: DispatchCampaign, now: Date): ConversationEvent[] {
  const events: ConversationEvent[] = [];
  for (const offer of stored.withdrawn) {
    if (offer.interactionId === chatId && offer.agentId !== agentId) events.push({ topic: 'AGENT_INTERACTION', agentId: offer.agentId, kind: 'UPDATED', interactionId: chatId });
  }
  events.push({ topic: 'AGENT_INTERACTION', agentId, kind: 'ASSIGNED', interactionId: chatId });
  const message = stored.messages.find((m) => m.interactionId === chatId);
  if (message) {
    metrics.messages.inc({ sender: SenderKind.AGENT });
    const view: MessageView = {
      id: message.id,
      interaction: { id: chatId },
      seq: message.seq,
      clientId: null,
      senderKind: SenderKind.AGENT,
      senderName: message.senderName,
      senderUser: { id: message.senderUserId },
      text: campaign.automaticAgentMessage,
      attachment: null,
      createdAt: now,
    };
    events.push({ topic: 'MESSAGE_ADDED', interactionId: chatId, seq: message.seq, message: view });
  }
  return events;
}
