import { registerEnumType } from 'type-graphql';

export enum CallKind {
  AUDIO = 'AUDIO',
  VIDEO = 'VIDEO',
}
registerEnumType(CallKind, { name: 'CallKind' });

export enum CallState {
  RINGING = 'RINGING',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(CallState, { name: 'CallState' });

export enum CallEndReason {
  HUNG_UP = 'HUNG_UP',
  DECLINED = 'DECLINED',
  NOT_ANSWERED = 'NOT_ANSWERED',
  DISCONNECTED = 'DISCONNECTED',
  CHAT_CLOSED = 'CHAT_CLOSED',
}
registerEnumType(CallEndReason, { name: 'CallEndReason' });

/** The two sides of a call: the chat's customer and its agent. */
export enum CallSide {
  CONTACT = 'CONTACT',
  AGENT = 'AGENT',
}

/** States in which a call holds a media room. */
export const OPEN_CALL_STATES = [CallState.RINGING, CallState.ACTIVE] as const;
