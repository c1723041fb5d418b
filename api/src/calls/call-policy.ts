import type { Viewer } from '../auth/viewer';
import type { ErrorCode } from '../graphql/app-error';
import { CallEndReason, CallKind, CallSide, CallState } from './call.enums';

/**
 * Calls' rules: pure. Who is a side of a call, who may start, answer, end
 * and join it and when, what a call's end is called, and the line the
 * transcript gets. No I/O, no clock of its own.
 */

/** The facts of a chat the rules look at. */
export interface ChatFacts {
  readonly contactId: string;
  readonly campaignId: string;
  readonly agentId: string | null;
  readonly active: boolean;
  readonly mediaEnabled: boolean;
}

export interface CallFacts {
  readonly state: CallState;
  readonly startedBy: CallSide;
  /** The agent of the chat when the call started. */
  readonly agentId: string;
}

export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
}

const refuse = (code: ErrorCode, message: string): Refusal => ({ code, message });

/** Which side of the chat the viewer is: its customer (their visitor token), or its agent. */
export function sideOf(viewer: Viewer, chat: Pick<ChatFacts, 'contactId' | 'campaignId' | 'agentId'>): CallSide | undefined {
  if (viewer.kind === 'visitor' && viewer.contactId === chat.contactId && viewer.campaignId === chat.campaignId) return CallSide.CONTACT;
  if (viewer.kind === 'staff' && chat.agentId !== null && viewer.userId === chat.agentId) return CallSide.AGENT;
  return undefined;
}

/** Which side of a call the viewer is: as for the chat, and for the agent only the one the call was made with. */
export function callSideOf(viewer: Viewer, chat: Pick<ChatFacts, 'contactId' | 'campaignId' | 'agentId'>, call: Pick<CallFacts, 'agentId'>): CallSide | undefined {
  const side = sideOf(viewer, chat);
  return side === CallSide.AGENT && call.agentId !== chat.agentId ? undefined : side;
}

/** Why `side` may not start a call in the chat now, or undefined when they may. */
export function startRefusal(side: CallSide | undefined, chat: ChatFacts, openCall: boolean, mediaServer: boolean): Refusal | undefined {
  if (!side) return refuse('FORBIDDEN', 'Only the customer and the assigned agent of a chat call each other');
  if (!chat.mediaEnabled) return refuse('FORBIDDEN', 'This campaign does not allow calls: its setting mediaEnabled is off');
  if (!mediaServer) return refuse('SERVICE_UNAVAILABLE', 'Calls are off: no media server is configured');
  if (!chat.active) return refuse('CONFLICT', 'Calls are made in active chats');
  if (openCall) return refuse('CONFLICT', 'A call in this chat is ringing or in progress already');
  return undefined;
}

/** Why `side` may not answer the call, or undefined when they may: the side that did not start it, while it rings. */
export function answerRefusal(side: CallSide | undefined, call: CallFacts): Refusal | undefined {
  if (!side) return refuse('FORBIDDEN', "Only the call's two sides answer it");
  if (side === call.startedBy) return refuse('FORBIDDEN', 'The side that started the call cannot answer it');
  if (call.state !== CallState.RINGING) return refuse('CONFLICT', `This call is ${call.state.toLowerCase()}, not ringing`);
  return undefined;
}

/** Why `side` may not join the call's room, or undefined: the caller while it rings, both sides while it is active. */
export function joinRefusal(side: CallSide | undefined, call: CallFacts): Refusal | undefined {
  if (!side) return refuse('FORBIDDEN', "Only the call's two sides join it");
  if (call.state === CallState.ENDED) return refuse('CONFLICT', 'This call has ended');
  if (call.state === CallState.RINGING && side !== call.startedBy) return refuse('CONFLICT', 'Answer the call before joining it');
  return undefined;
}

/** Why the viewer may not end the call: only its two sides may. Ending an ended call is allowed and changes nothing. */
export function endRefusal(side: CallSide | undefined): Refusal | undefined {
  return side ? undefined : refuse('FORBIDDEN', "Only the call's two sides end it");
}

/** Why a call ends when `side` hangs up: the callee hanging up a ringing call declines it. */
export function hangUpReason(side: CallSide, call: Pick<CallFacts, 'state' | 'startedBy'>): CallEndReason {
  return call.state === CallState.RINGING && side !== call.startedBy ? CallEndReason.DECLINED : CallEndReason.HUNG_UP;
}

/** Seconds from answer to end; 0 for a call never answered. */
export function durationSeconds(answeredAt: Date | null, endedAt: Date): number {
  return answeredAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : 0;
}

/** 65 -> "1:05", 3725 -> "1:02:05". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

type Lang = 'EN' | 'ES' | 'PT';

const TEXTS: Record<Lang, { started: Record<CallKind, string>; ended: Record<CallKind, string>; declined: string; missed: string }> = {
  EN: { started: { VIDEO: 'Video call started', AUDIO: 'Voice call started' }, ended: { VIDEO: 'Video call ended', AUDIO: 'Voice call ended' }, declined: 'Call declined', missed: 'Missed call' },
  ES: { started: { VIDEO: 'Videollamada iniciada', AUDIO: 'Llamada de voz iniciada' }, ended: { VIDEO: 'Videollamada finalizada', AUDIO: 'Llamada de voz finalizada' }, declined: 'Llamada rechazada', missed: 'Llamada perdida' },
  PT: { started: { VIDEO: 'Videochamada iniciada', AUDIO: 'Chamada de voz iniciada' }, ended: { VIDEO: 'Videochamada encerrada', AUDIO: 'Chamada de voz encerrada' }, declined: 'Chamada recusada', missed: 'Chamada perdida' },
};

/** The transcript's line when a call is answered. */
export const startedLine = (kind: CallKind, language: Lang): string => TEXTS[language].started[kind];

/**
 * The transcript's line when a call ends: with its duration once it was
 * answered; declined; otherwise missed (not answered, the caller gave up,
 * or the chat or a side went away first).
 */
export function endedLine(kind: CallKind, language: Lang, answeredAt: Date | null, endedAt: Date, reason: CallEndReason): string {
  const texts = TEXTS[language];
  if (answeredAt) return `${texts.ended[kind]} (${formatDuration(durationSeconds(answeredAt, endedAt))})`;
  return reason === CallEndReason.DECLINED ? texts.declined : texts.missed;
}
