/**
 * What the conversation shows about calls, decided from the chat's call (as the API pushes it) and
 * this tab's seat in the call's media room. Pure, unit-tested; the view only draws the answer.
 */

export type CallKind = 'AUDIO' | 'VIDEO';
export type CallState = 'RINGING' | 'ACTIVE' | 'ENDED';

/** The chat's ringing or active call, as `Interaction.call` gives it. */
export interface CallSummary {
  readonly id: string;
  readonly kind: CallKind;
  readonly state: CallState;
  readonly startedBy: 'AGENT' | 'CONTACT' | 'SUPERVISOR' | 'SYSTEM';
  readonly answeredAt: string | null;
}

export const CALL_FIELDS = 'call { id kind state startedBy answeredAt }';

/**
 * This tab's seat in a call's room: not taken (`idle`: the call was started or answered in another
 * tab, or before a reload), being taken, taken, or refused by the browser (`blocked`: no camera or
 * microphone allowed), by the media server (`failed`), or dropped since (`lost`).
 */
export type MediaPhase = 'idle' | 'joining' | 'joined' | 'blocked' | 'failed' | 'lost';

export interface CallViewInput {
  readonly chatActive: boolean;
  /** The chat's campaign has audio and video calls on. */
  readonly mediaEnabled: boolean;
  /** A media server is configured (`Query.mediaAvailable`). */
  readonly mediaAvailable: boolean;
  readonly call: CallSummary | null;
  /** The agent has a ringing or active call in another chat. */
  readonly callElsewhere: boolean;
  /** This tab's seat in this chat's call, `idle` when it has none. */
  readonly media: MediaPhase;
}

export type CallView =
  /** Nothing about calls: the chat ended, or calls are off for it. */
  | { readonly stage: 'off' }
  /** The buttons that start a call; disabled while the agent is in a call elsewhere. */
  | { readonly stage: 'ready'; readonly canStart: boolean }
  /** The customer is calling: accept (unless in another call) or decline. */
  | { readonly stage: 'incoming'; readonly kind: CallKind; readonly canAccept: boolean }
  /** The agent called; it rings on the customer's side. */
  | { readonly stage: 'calling'; readonly kind: CallKind; readonly media: MediaPhase; readonly canJoin: boolean }
  /** Both answered: the call runs since `answeredAt`. */
  | { readonly stage: 'connected'; readonly kind: CallKind; readonly media: MediaPhase; readonly canJoin: boolean; readonly answeredAt: string | null };

/** A seat that is neither taken nor being taken may be taken again (from this tab, by the agent's click). */
const joinable = (media: MediaPhase): boolean => media !== 'joining' && media !== 'joined';

export function callView(input: CallViewInput): CallView {
  const { call } = input;
  if (call && call.state !== 'ENDED') {
    if (call.state === 'RINGING' && call.startedBy === 'CONTACT') return { stage: 'incoming', kind: call.kind, canAccept: !input.callElsewhere };
    if (call.state === 'RINGING') return { stage: 'calling', kind: call.kind, media: input.media, canJoin: joinable(input.media) };
    return { stage: 'connected', kind: call.kind, media: input.media, canJoin: joinable(input.media), answeredAt: call.answeredAt };
  }
  if (!input.chatActive || !input.mediaEnabled || !input.mediaAvailable) return { stage: 'off' };
  return { stage: 'ready', canStart: !input.callElsewhere };
}

const RANK: Record<CallState, number> = { RINGING: 0, ACTIVE: 1, ENDED: 2 };

/**
 * The chat's call once a mutation answered `answer`: pushes and answers race, so a call never goes
 * back (ACTIVE stays ACTIVE when a late RINGING answer comes), an ended call is gone (null), and a
 * call this console already saw end is not brought back by a late answer.
 */
export function mergeCall(current: CallSummary | null, answer: CallSummary, endedIds: ReadonlySet<string>): CallSummary | null {
  if (answer.state === 'ENDED' || endedIds.has(answer.id)) return current?.id === answer.id ? null : current;
  if (current?.id === answer.id && RANK[current.state] > RANK[answer.state]) return current;
  return answer;
}

/** The problem a media seat shows, by message key; none while it is fine or not taken. */
export function mediaProblem(media: MediaPhase): 'call.blocked' | 'call.failed' | 'call.lost' | null {
  switch (media) {
    case 'blocked':
      return 'call.blocked';
    case 'failed':
      return 'call.failed';
    case 'lost':
      return 'call.lost';
    default:
      return null;
  }
}

/**
 * Why the browser refused to capture, told apart from a media server that could not be reached:
 * DOMExceptions from getUserMedia / getDisplayMedia (denied, no device, device busy, no user gesture).
 */
const REFUSALS = new Set(['NotAllowedError', 'PermissionDeniedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError', 'SecurityError', 'InvalidStateError', 'AbortError']);

export function isCaptureRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && REFUSALS.has(name);
}
