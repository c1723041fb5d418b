import type { Ticket } from './media-keys';

/**
 * What a browser may say to Janus through the API's /janus socket: pure
 * decisions on each frame, no I/O. Only session and handle requests, only
 * the VideoRoom plugin, only the participant's requests in the ticket's
 * room, only on the sessions and handles this socket made; the API secret
 * added to every frame. Anything else is answered here, Janus-style.
 */

/** Janus' requests a participant needs (janus.js sends these). */
const SESSION_REQUESTS = new Set(['create', 'attach', 'message', 'trickle', 'keepalive', 'detach', 'hangup', 'destroy']);
/** VideoRoom's participant requests; create, destroy, list, kick, rtp_forward and the rest are for the API only. */
const ROOM_REQUESTS = new Set(['join', 'joinandconfigure', 'configure', 'publish', 'unpublish', 'start', 'pause', 'switch', 'update', 'leave', 'subscribe', 'unsubscribe']);
/** Request fields that would write files on the media server or touch the room's settings. */
const STRIPPED_FIELDS = ['record', 'filename', 'secret', 'admin_key', 'permanent', 'allowed', 'pin'];
/** janus.js makes one session and a handful of handles per room: far more is abuse. */
const MAX_SESSIONS = 2;
const MAX_HANDLES = 8;
export const VIDEOROOM = 'janus.plugin.videoroom';
/** Janus' code for a join without the right token. */
const UNAUTHORIZED = 433;

/** What one socket made, learned from Janus' answers. */
export interface ProxySession {
  readonly sessions: Set<number>;
  /** handle id -> its session */
  readonly handles: Map<number, number>;
  /** Requests waiting for their answer: what to learn from it. */
  readonly pending: Map<string, { kind: 'create' } | { kind: 'attach'; session: number }>;
}

export const newProxySession = (): ProxySession => ({ sessions: new Set(), handles: new Map(), pending: new Map() });

export type FrameVerdict = { readonly forward: string } | { readonly answer: string };

type Frame = Record<string, unknown>;

const refusal = (frame: Frame | undefined, reason: string, code = 403): FrameVerdict => ({
  answer: JSON.stringify({
    janus: 'error',
    ...(typeof frame?.transaction === 'string' ? { transaction: frame.transaction } : {}),
    ...(typeof frame?.session_id === 'number' ? { session_id: frame.session_id } : {}),
    error: { code, reason },
  }),
});

function parse(text: string): Frame | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Frame) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A VideoRoom request, rewritten for the ticket: its room forced, a
 * publisher's id forced to the participant, dangerous fields dropped. A
 * publisher's token must be the participant's own (Janus checks only that
 * it is one of the room's).
 */
function roomRequest(body: Frame, ticket: Ticket, token: string): { body: Frame } | { refusal: string; code: number } {
  const request = body.request;
  if (typeof request !== 'string' || !ROOM_REQUESTS.has(request)) return { refusal: `VideoRoom request ${JSON.stringify(request)} is not allowed here`, code: 403 };
  const rewritten: Frame = { ...body };
  for (const field of STRIPPED_FIELDS) delete rewritten[field];
  if (request === 'join' || request === 'joinandconfigure') {
    if (rewritten.ptype !== 'publisher' && rewritten.ptype !== 'subscriber') return { refusal: 'ptype must be publisher or subscriber', code: 403 };
    rewritten.room = ticket.room;
    if (rewritten.ptype === 'publisher') {
      if (rewritten.token !== token) return { refusal: "Unauthorized (not this participant's token)", code: UNAUTHORIZED };
      rewritten.id = ticket.participant;
    }
  } else if ('room' in rewritten) rewritten.room = ticket.room;
  return { body: rewritten };
}

/**
 * Decides on one frame from the browser: forwarded (rewritten, with the API
 * secret) or answered here. `token`: the ticket's participant's join token.
 */
export function filterClientFrame(text: string, ticket: Ticket, token: string, apiSecret: string, state: ProxySession): FrameVerdict {
  const frame = parse(text);
  if (!frame) return refusal(undefined, 'Frames must be JSON objects', 454);
  const verb = frame.janus;
  if (typeof verb !== 'string' || !SESSION_REQUESTS.has(verb)) return refusal(frame, `Request ${JSON.stringify(verb)} is not allowed here`);
  if (typeof frame.transaction !== 'string' || frame.transaction.length === 0 || frame.transaction.length > 64) return refusal(frame, 'A transaction of 1 to 64 characters is required', 456);
  const out: Frame = { janus: verb, transaction: frame.transaction, apisecret: apiSecret };
  if (verb === 'create') {
    if (state.sessions.size + [...state.pending.values()].filter((p) => p.kind === 'create').length >= MAX_SESSIONS) return refusal(frame, 'Too many sessions on this socket', 429);
    state.pending.set(frame.transaction, { kind: 'create' });
    return { forward: JSON.stringify(out) };
  }
  const session = frame.session_id;
  if (typeof session !== 'number' || !state.sessions.has(session)) return refusal(frame, 'No such session on this socket', 458);
  out.session_id = session;
  if (verb === 'keepalive' || verb === 'destroy') return { forward: JSON.stringify(out) };
  if (verb === 'attach') {
    if (frame.plugin !== VIDEOROOM) return refusal(frame, `Only ${VIDEOROOM} may be attached`);
    if (state.handles.size + [...state.pending.values()].filter((p) => p.kind === 'attach').length >= MAX_HANDLES) return refusal(frame, 'Too many handles on this socket', 429);
    state.pending.set(frame.transaction, { kind: 'attach', session });
    out.plugin = VIDEOROOM;
    if (typeof frame.opaque_id === 'string') out.opaque_id = frame.opaque_id.slice(0, 100);
    return { forward: JSON.stringify(out) };
  }
  const handle = frame.handle_id;
  if (typeof handle !== 'number' || state.handles.get(handle) !== session) return refusal(frame, 'No such handle on this socket', 459);
  out.handle_id = handle;
  if (verb === 'trickle') {
    if ('candidate' in frame) out.candidate = frame.candidate;
    if ('candidates' in frame) out.candidates = frame.candidates;
    return { forward: JSON.stringify(out) };
  }
  if (verb === 'message') {
    const body = frame.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return refusal(frame, 'A message needs a body', 454);
    const rewritten = roomRequest(body as Frame, ticket, token);
    if ('refusal' in rewritten) return refusal(frame, rewritten.refusal, rewritten.code);
    out.body = rewritten.body;
    if (frame.jsep && typeof frame.jsep === 'object') out.jsep = frame.jsep;
  }
  return { forward: JSON.stringify(out) };
}

/** Learns from one frame of Janus which sessions and handles this socket made, then passes it on unchanged. */
export function observeJanusFrame(text: string, state: ProxySession): void {
  const frame = parse(text);
  if (!frame || typeof frame.transaction !== 'string') return;
  const pending = state.pending.get(frame.transaction);
  if (!pending || frame.janus === 'ack') return;
  state.pending.delete(frame.transaction);
  const id = (frame.data as { id?: unknown } | undefined)?.id;
  if (frame.janus !== 'success' || typeof id !== 'number') return;
  if (pending.kind === 'create') state.sessions.add(id);
  else state.handles.set(id, pending.session);
}
