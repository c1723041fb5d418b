import { randomBytes } from 'node:crypto';
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { MessageView } from '../interactions/message.store';
import { EventQueue } from './event-queue';
import { LiveFeed, type FeedSink } from './live-feed';
import { PeerInstances } from './peer-instances';
import { redisEventTarget } from './redis-event-target';

/**
 * Real-time topics, declared once with their payloads. Payloads are ids and
 * plain values, published after the change is committed; subscribers load
 * what they show.
 */
export type Topics = {
  CAMPAIGN_UPDATED: [campaignId: string, payload: { campaignId: string }];
  /** A message was stored, with the message itself when the sender had it at hand; subscribers read storage only for what they missed. */
  MESSAGE_ADDED: [interactionId: string, payload: { interactionId: string; seq: number; message?: MessageView }];
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
  /** A call or screen monitoring ended: every instance closes its media room (closing one that is gone is harmless). */
  MEDIA_ROOM_ENDED: [payload: { room: string }];
  /** A screen monitoring this user is the agent or the supervisor of started, went live or ended. */
  SCREEN_MONITORING_UPDATED: [userId: string, payload: { monitoringId: string }];
};

/** The events of one topic as a feed, each handed over in the loop that dispatches it (see `listen`). */
export function topicFeed<K extends KeyedTopic>(pubSub: ParleyPubSub, routingKey: K, id: string): LiveFeed<TopicPayload<K>> {
  return new (class extends LiveFeed<TopicPayload<K>> {
    open(sink: FeedSink<TopicPayload<K>>): () => void {
      return pubSub.listen(routingKey, id, (payload) => sink.next(payload));
    }
  })();
}

export interface AccessRevoked {
  userId?: string;
  sessionId?: string;
  apiKeyId?: string;
}

export interface AgentInteractionEvent {
  kind: 'OFFERED' | 'ASSIGNED' | 'UPDATED' | 'CLOSED';
  interactionId: string;
}

/** A topic's payload type, as `listen` hands it over. */
export type TopicPayload<K extends keyof Topics> = Topics[K] extends [string, infer P] ? P : Topics[K] extends [infer P] ? P : never;
/** Topics published per subject (a chat, an agent): `routingKey:id`. */
export type KeyedTopic = { [K in keyof Topics]: Topics[K] extends [string, unknown] ? K : never }[keyof Topics];

export type ParleyPubSub = PubSub<Topics> & {
  /**
   * Calls `listener` synchronously with each event of `routingKey:id`. The
   * process listens to the topic once, however many listeners it has, and
   * stops (unsubscribing the Redis channel) when the last one leaves.
   * Returns the removal of `listener`.
   */
  listen<K extends KeyedTopic>(routingKey: K, id: string, listener: (payload: TopicPayload<K>) => void): () => void;
};

/**
 * Events a subscriber's stream may hold unread before it is ended: a last
 * limit on memory only. A reader that is behind is served; a socket that
 * stopped reading is dropped by the socket layer (its send buffer, its
 * pings) long before this.
 */
export const MAX_PENDING_EVENTS = 100_000;

type EventTargetLike = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

/**
 * graphql-yoga's publish, with this process listening once per topic (see
 * `listen`) and each pulled subscriber's events in an EventQueue: the
 * repeater under yoga's own subscribe throws from inside the event dispatch
 * past 1,024 unread events, which would end the process. Past
 * MAX_PENDING_EVENTS the subscription ends with an error instead; streams
 * that follow a seq (messages) resume from storage when their client
 * subscribes again.
 */
function boundedPubSub(target: EventTargetLike, logger: Logger): ParleyPubSub {
  const base = createPubSub<Topics>({ eventTarget: target as EventTarget });
  // One listener on the event target per topic, dispatching to this process' readers of it.
  const topics = new Map<string, { readers: Set<(payload: unknown) => void>; dispatch: (event: Event) => void }>();
  const listenTo = (topic: string, listener: (payload: unknown) => void): (() => void) => {
    let local = topics.get(topic);
    if (!local) {
      const readers = new Set<(payload: unknown) => void>();
      const dispatch = (event: Event) => {
        const payload = (event as CustomEvent).detail;
        for (const reader of readers) {
          try {
            reader(payload);
          } catch (err) {
            // One reader's failure must not keep the event from the others.
            logger.error({ err, topic }, 'an event reader failed');
          }
        }
      };
      topics.set(topic, (local = { readers, dispatch }));
      target.addEventListener(topic, dispatch);
    }
    const { readers, dispatch } = local;
    readers.add(listener);
    return () => {
      if (!readers.delete(listener) || readers.size > 0) return;
      topics.delete(topic);
      target.removeEventListener(topic, dispatch);
    };
  };
  const listen = (routingKey: string, id: string, listener: (payload: unknown) => void) => listenTo(`${routingKey}:${id}`, listener);
  const subscribe = (routingKey: string, id?: string): AsyncIterable<unknown> => {
    const topic = id === undefined ? routingKey : `${routingKey}:${id}`;
    // Listening starts when the stream is read from, as with yoga's own repeater: a stream set up and dropped holds nothing.
    return {
      [Symbol.asyncIterator]: () => {
        let stop = () => undefined as void;
        const queue = new EventQueue<unknown>(() => stop());
        stop = listenTo(topic, (payload) => {
          if (queue.pending < MAX_PENDING_EVENTS) return queue.push(payload);
          logger.warn({ topic }, 'a subscriber fell too far behind: its subscription ends');
          queue.end(new Error('This subscription fell too far behind; subscribe again'));
        });
        return queue;
      },
    };
  };
  return { publish: base.publish, subscribe: subscribe as unknown as ParleyPubSub['subscribe'], listen: listen as ParleyPubSub['listen'] };
}

export interface PubSubHandle {
  readonly pubSub: ParleyPubSub;
  /** Resolves once the other instances (if any) publish what this one's readers may wait for: before serving anyone. */
  start(): Promise<void>;
  /** Publishes every event from now on: the first step of shutting down, which unsubscribes (see peer-instances.ts). */
  leave(): void;
  /** Calls `listener` each time the connection that receives events is (re)established: events published while it was down were missed. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * The topics an instance alone keeps to itself (see peer-instances.ts): the
 * chat traffic. Revocations, membership and campaign changes and media
 * rooms' ends always go through Redis, whatever an instance counts.
 */
const CHAT_TRAFFIC: ReadonlySet<string> = new Set<KeyedTopic>(['MESSAGE_ADDED', 'TYPING', 'INTERACTION_UPDATED', 'AGENT_INTERACTION', 'CAMPAIGN_ACTIVITY', 'QUEUE_CHANGED']);

/**
 * Redis pub/sub when `redisUrl` is set (any number of instances of the
 * `deployment`, named after its database); in-process otherwise (one instance).
 */
export function createParleyPubSub(redisUrl: string | undefined, logger: Logger, deployment: string): PubSubHandle {
  if (redisUrl === undefined) return { pubSub: boundedPubSub(new EventTarget(), logger), start: async () => undefined, leave: () => undefined, onReconnect: () => undefined, close: async () => undefined };
  const options = { lazyConnect: false, maxRetriesPerRequest: null, enableAutoPipelining: true };
  const publishClient = new Redis(redisUrl, options);
  // A subscription made while the connection is being set up (at start, or after a reconnect) turns it into
  // subscriber mode, where ioredis' own ready check (INFO) and client-info commands fail: the subscriber skips both.
  const subscribeClient = new Redis(redisUrl, { ...options, enableReadyCheck: false, disableClientInfo: true });
  for (const client of [publishClient, subscribeClient]) client.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  // The event target drops the promise of each publish. When the connection is lost, ioredis rejects the unanswered
  // rest of an auto-pipelined batch: unhandled, that rejection would end the process. Logged once per connection.
  let lossReported = false;
  publishClient.on('ready', () => (lossReported = false));
  const publish = (channel: string, message: string) =>
    publishClient.publish(channel, message).catch((err: unknown) => {
      if (!lossReported) logger.warn({ err }, 'events in flight were lost with the Redis connection');
      lossReported = true;
      return 0;
    });
  const peers = new PeerInstances(`parley:instances:{${deployment}}`, randomBytes(9).toString('base64url'), publishClient, subscribeClient, logger);
  const eventTarget = redisEventTarget(publish, subscribeClient, (topic) => peers.shared || !CHAT_TRAFFIC.has(topic.split(':', 1)[0] as string));
  return {
    pubSub: boundedPubSub(eventTarget, logger),
    start: () => peers.start(),
    leave: () => peers.stop(),
    onReconnect: (listener) => void subscribeClient.on('ready', listener),
    close: async () => {
      peers.stop();
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
