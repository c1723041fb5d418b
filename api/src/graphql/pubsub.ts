import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * Real-time topics, declared once with their payloads. Payloads are ids and
 * plain values, published after the change is committed; subscribers load
 * what they show.
 */
export type Topics = {
  CAMPAIGN_UPDATED: [campaignId: string, payload: { campaignId: string }];
  /** A message was stored; subscribers read every message after the last one they sent. */
  MESSAGE_ADDED: [interactionId: string, payload: { interactionId: string; seq: number }];
  INTERACTION_UPDATED: [interactionId: string, payload: { interactionId: string }];
  /** Something happened in a campaign (a chat arrived, was routed or ended, an agent changed state): its statistics are due again. */
  CAMPAIGN_ACTIVITY: [campaignId: string, payload: { campaignId: string }];
  /** A campaign's queue was routed again while chats wait: positions and estimates may have moved. */
  QUEUE_CHANGED: [campaignId: string, payload: { campaignId: string }];
  /** Someone started or stopped typing in a chat; not stored. */
  TYPING: [interactionId: string, payload: { interactionId: string; senderKind: 'CONTACT' | 'AGENT'; senderName: string | null; typing: boolean }];
  /** Credentials ended (sign-out, supervisor log-out, API key revoked): every instance closes the sockets opened with them. */
  ACCESS_REVOKED: [payload: AccessRevoked];
  /** An agent joined or left a campaign: their open subscriptions check their rights again. */
  MEMBERSHIP_CHANGED: [agentId: string, payload: { agentId: string; campaignId: string }];
  /** A staff message to or from this user was stored. */
  STAFF_MESSAGE: [userId: string, payload: { messageId: string }];
  /** An agent's offers, assignments, updates and closings. */
  AGENT_INTERACTION: [agentId: string, payload: AgentInteractionEvent];
};

export interface AccessRevoked {
  userId?: string;
  sessionId?: string;
  apiKeyId?: string;
}

export interface AgentInteractionEvent {
  kind: 'OFFERED' | 'ASSIGNED' | 'UPDATED' | 'CLOSED';
  interactionId: string;
}

export type ParleyPubSub = PubSub<Topics>;

export interface PubSubHandle {
  readonly pubSub: ParleyPubSub;
  close(): Promise<void>;
}

/** Redis pub/sub when `redisUrl` is set (any number of instances); in-process otherwise (one instance). */
export function createParleyPubSub(redisUrl: string | undefined, logger: Logger): PubSubHandle {
  if (redisUrl === undefined) return { pubSub: createPubSub<Topics>(), close: async () => undefined };
  const options = { lazyConnect: false, maxRetriesPerRequest: null, enableAutoPipelining: true };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  for (const client of [publishClient, subscribeClient]) client.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<Topics>({ eventTarget }),
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
