import { Repeater } from '@graphql-yoga/subscription';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign } from '../campaigns/campaign.entity';
import type { AppDeps } from '../graphql/context';
import { estimateWaitSeconds, type QueueCapacity } from './queue-estimate';
import type { QueueStatus } from './interaction.types';

/** A campaign's waiting chats in routing order (oldest first) and what serves them. */
export interface QueueSnapshot {
  readonly waiting: readonly string[];
  readonly capacity: QueueCapacity;
}

const HISTORY = { chats: 20, days: 7 };
/** Reads in progress, per campaign: subscribers woken by the same change share one. */
const inFlight = new Map<string, { startedAt: number; snapshot: Promise<QueueSnapshot | null> }>();

export async function readQueueSnapshot(em: EntityManager, campaignId: string, now: Date): Promise<QueueSnapshot | null> {
  const campaign = await em.findOne(Campaign, { id: campaignId });
  if (!campaign) return null;
  const connection = em.getConnection();
  const waiting = await connection.execute<{ id: string }[]>(
    `select id from interactions where campaign_id = ? and state in ('QUEUED', 'OFFERED') order by queued_at asc, id asc`,
    [campaignId],
  );
  const [agents] = await connection.execute<{ available: string }[]>(
    `select count(*) as available from agent_status s join campaign_members m on m.agent_id = s.agent_id where m.campaign_id = ? and s.state = 'AVAILABLE'`,
    [campaignId],
  );
  const [handle] = await connection.execute<{ seconds: string | null }[]>(
    `select avg(extract(epoch from closed_at - answered_at)) as seconds from (
       select closed_at, answered_at from interactions
        where campaign_id = ? and state = 'CLOSED' and answered_at is not null and closed_at > ?
        order by closed_at desc limit ${HISTORY.chats}) recent`,
    [campaignId, new Date(now.getTime() - HISTORY.days * 86_400_000)],
  );
  return {
    waiting: waiting.map((row) => row.id),
    capacity: {
      agentsAvailable: Number(agents?.available ?? 0),
      availability: campaign.availability,
      maxInteractionsPerAgent: campaign.maxInteractionsPerAgent,
      averageHandleSeconds: handle?.seconds == null ? null : Number(handle.seconds),
    },
  };
}

/** A snapshot read no earlier than `since`: one read serves every subscriber woken by the same change. */
function snapshotSince(deps: AppDeps, campaignId: string, since: number): Promise<QueueSnapshot | null> {
  const current = inFlight.get(campaignId);
  if (current && current.startedAt >= since) return current.snapshot;
  const entry = { startedAt: Date.now(), snapshot: readQueueSnapshot(deps.orm.em.fork(), campaignId, deps.now()) };
  inFlight.set(campaignId, entry);
  void entry.snapshot.finally(() => inFlight.get(campaignId) === entry && inFlight.delete(campaignId)).catch(() => undefined);
  return entry.snapshot;
}

export function queueStatusIn(snapshot: QueueSnapshot | null, interactionId: string): QueueStatus {
  const index = snapshot ? snapshot.waiting.indexOf(interactionId) : -1;
  if (!snapshot || index < 0) return { interactionId, position: null, estimatedWaitSeconds: null };
  return { interactionId, position: index + 1, estimatedWaitSeconds: estimateWaitSeconds(index + 1, snapshot.capacity) };
}

/**
 * A waiting chat's place in the queue: now, then each time it changes (the
 * dispatcher announces the queue of a campaign after each run while chats
 * wait), ending once the chat no longer waits.
 */
export function followQueue(deps: AppDeps, campaignId: string, interactionId: string): AsyncIterable<QueueStatus> {
  return new Repeater<QueueStatus>(async (push, stop) => {
    const changes = [deps.pubSub.subscribe('QUEUE_CHANGED', campaignId), deps.pubSub.subscribe('INTERACTION_UPDATED', interactionId)].map((source) => source[Symbol.asyncIterator]());
    void stop.then(() => changes.forEach((change) => void change.return?.()));
    let pending = true;
    let wokenAt = Date.now();
    let wake: () => void = () => undefined;
    for (const change of changes) {
      void (async () => {
        for (;;) {
          const next = await Promise.race([change.next(), stop.then(() => ({ done: true as const }))]);
          if (next.done) return;
          if (!pending) wokenAt = Date.now();
          pending = true;
          wake();
        }
      })();
    }
    let last = '';
    for (;;) {
      if (!pending) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stop]);
      if (!pending) break;
      pending = false;
      const status = queueStatusIn(await snapshotSince(deps, campaignId, wokenAt), interactionId);
      const seen = `${status.position}:${status.estimatedWaitSeconds}`;
      if (seen !== last) await push(status);
      last = seen;
      if (status.position === null) break;
    }
    stop();
  });
}
