import { registerEnumType } from 'type-graphql';

export enum InteractionState {
  QUEUED = 'QUEUED',
  OFFERED = 'OFFERED',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
  ABANDONED = 'ABANDONED',
  REJECTED = 'REJECTED',
  OFFLINE_MESSAGE = 'OFFLINE_MESSAGE',
}
registerEnumType(InteractionState, { name: 'InteractionState' });

export enum CloseReason {
  AGENT_CLOSED = 'AGENT_CLOSED',
  CONTACT_LEFT = 'CONTACT_LEFT',
  AUTO_FINISHED = 'AUTO_FINISHED',
  NOT_AVAILABLE = 'NOT_AVAILABLE',
  QUEUE_FULL = 'QUEUE_FULL',
  WAIT_TIMEOUT = 'WAIT_TIMEOUT',
  OUT_OF_TIME = 'OUT_OF_TIME',
  CAMPAIGN_DISABLED = 'CAMPAIGN_DISABLED',
  AGENT_LOGGED_OUT = 'AGENT_LOGGED_OUT',
}
registerEnumType(CloseReason, { name: 'CloseReason' });

export enum SenderKind {
  CONTACT = 'CONTACT',
  AGENT = 'AGENT',
  SUPERVISOR = 'SUPERVISOR',
  SYSTEM = 'SYSTEM',
}
registerEnumType(SenderKind, { name: 'SenderKind' });

export enum AttachmentKind {
  FILE = 'FILE',
  VOICE_NOTE = 'VOICE_NOTE',
}
registerEnumType(AttachmentKind, { name: 'AttachmentKind' });

export enum InteractionEventKind {
  OFFERED = 'OFFERED',
  ASSIGNED = 'ASSIGNED',
  UPDATED = 'UPDATED',
  CLOSED = 'CLOSED',
}
registerEnumType(InteractionEventKind, { name: 'InteractionEventKind' });
