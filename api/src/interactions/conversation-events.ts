import type { AgentInteractionEvent, ParleyPubSub } from '../graphql/pubsub';
import type { MessageView } from './message.store';

/** What a committed change announces; collected during a transaction, published after commit. */
export type ConversationEvent =
  /** With the message itself when the writer knows it, so subscribers need not read it back. */
  | { topic: 'MESSAGE_ADDED'; interactionId: string; seq: number; message?: MessageView }
  | { topic: 'INTERACTION_UPDATED'; interactionId: string }
  | ({ topic: 'AGENT_INTERACTION'; agentId: string } & AgentInteractionEvent)
  /** A call or monitoring ended: its media room is to be destroyed. */
  | { topic: 'MEDIA_ROOM_ENDED'; room: string };

/** Something happened in a campaign that its statistics show: they are computed again. */
export function announceActivity(pubSub: ParleyPubSub, campaignId: string): void {
  pubSub.publish('CAMPAIGN_ACTIVITY', campaignId, { campaignId });
}

export function publishAll(pubSub: ParleyPubSub, events: readonly ConversationEvent[]): void {
  for (const event of events) {
    switch (event.topic) {
      case 'MESSAGE_ADDED':
        pubSub.publish('MESSAGE_ADDED', event.interactionId, event.message ? { interactionId: event.interactionId, seq: event.seq, message: event.message } : { interactionId: event.interactionId, seq: event.seq });
        break;
      case 'INTERACTION_UPDATED':
        pubSub.publish('INTERACTION_UPDATED', event.interactionId, { interactionId: event.interactionId });
        break;
      case 'AGENT_INTERACTION':
        pubSub.publish('AGENT_INTERACTION', event.agentId, { kind: event.kind, interactionId: event.interactionId });
        break;
      case 'MEDIA_ROOM_ENDED':
        pubSub.publish('MEDIA_ROOM_ENDED', { room: event.room });
        break;
    }
  }
}
