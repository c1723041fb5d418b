import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who a participant is in a room: the call's two sides, or the monitored agent and the supervisor watching. */
export type ParticipantRole = 'contact' | 'agent' | 'supervisor';

/**
 * What a ticket lets its holder do: open one WebSocket to Janus through the
 * API, for one room, as one participant. `campaignId` is set for customers:
 * their socket must come from the campaign's allowed sites, as on /graphql.
 */
export interface Ticket {
  readonly room: string;
  readonly participant: ParticipantRole;
  readonly campaignId?: string;
  /** ms since the epoch */
  readonly expiresAt: number;
}

/** How long a ticket opens a socket; the socket itself lives on. */
export const TICKET_SECONDS = 60;

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * The secrets of media rooms, all derived from one key: tickets (signed,
 * stateless, so any API instance accepts them), each participant's join
 * token and each room's secret (recomputed when needed, so a room whose row
 * is gone can still be destroyed). The key comes from the Janus API secret,
 * which every instance of one deployment shares and browsers never see.
 */
export class MediaKeys {
  private readonly key: Buffer;

  constructor(apiSecret: string) {
    this.key = createHmac('sha256', apiSecret).update('parley media keys').digest();
  }

  private mac(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}\n${value}`).digest();
  }

  /** The token `participant` joins `room` with; listed in the room's `allowed` tokens. */
  token(room: string, participant: ParticipantRole): string {
    return this.mac('token', `${room}\n${participant}`).toString('base64url');
  }

  /** The room's secret, needed to destroy it. */
  roomSecret(room: string): string {
    return this.mac('room secret', room).toString('base64url');
  }

  sign(ticket: Omit<Ticket, 'expiresAt'>, now: Date): string {
    const payload = base64url(JSON.stringify({ r: ticket.room, p: ticket.participant, c: ticket.campaignId, e: now.getTime() + TICKET_SECONDS * 1000 }));
    return `${payload}.${this.mac('ticket', payload).toString('base64url')}`;
  }

  /** The ticket's content when its signature holds and it has not expired; undefined otherwise. */
  verify(raw: string | null | undefined, now: Date): Ticket | undefined {
    if (!raw || raw.length > 2000) return undefined;
    const [payload, signature, extra] = raw.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = this.mac('ticket', payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { r?: unknown; p?: unknown; c?: unknown; e?: unknown };
      if (typeof decoded.r !== 'string' || typeof decoded.e !== 'number' || !['contact', 'agent', 'supervisor'].includes(decoded.p as string)) return undefined;
      if (decoded.e <= now.getTime()) return undefined;
      return { room: decoded.r, participant: decoded.p as ParticipantRole, campaignId: typeof decoded.c === 'string' ? decoded.c : undefined, expiresAt: decoded.e };
    } catch {
      return undefined;
    }
  }
}
