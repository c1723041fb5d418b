/**
 * Every statistic Parley reports, defined once, without I/O or clock of its
 * own. Figures cover the chats that arrived in a period (the campaign's
 * current day in its timezone, or a history bucket); a chat counts in the
 * period it arrived in, whenever it ended.
 *
 * - offered: chats that entered the queue (everything but offline messages
 *   and chats refused on arrival).
 * - answered: offered chats an agent took; within service level when their
 *   hold time is at most `serviceLevelSeconds`.
 * - abandoned: offered chats that ended unanswered because the contact left
 *   or the wait timed out. Those that waited at most `abandonSeconds` are
 *   short abandons: they count neither for nor against the service level
 *   or the abandonment rate.
 * - rejected: chats refused (on arrival: out of hours, queue full, nobody
 *   signed in; or while waiting: the campaign disabled or closed).
 * - serviceLevel = answeredWithinServiceLevel / (answered + abandoned after
 *   abandonSeconds); 1 when there is none.
 * - abandonRate = abandoned after abandonSeconds / (answered + abandoned
 *   after abandonSeconds); 0 when there is none.
 * - averageWaitSeconds: mean hold time of answered chats.
 * - averageHandleSeconds: mean answer-to-close time of answered chats closed
 *   in the period's data.
 */

export type ArrivalState = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'CLOSED' | 'ABANDONED' | 'REJECTED' | 'OFFLINE_MESSAGE';

export interface Arrival {
  readonly state: ArrivalState;
  readonly closeReason: string | null;
  readonly queuedAt: Date;
  readonly answeredAt: Date | null;
  readonly closedAt: Date | null;
}

export interface FigureRules {
  readonly serviceLevelSeconds: number;
  readonly abandonSeconds: number;
}

export interface PeriodFigures {
  offered: number;
  answered: number;
  answeredWithinServiceLevel: number;
  abandoned: number;
  rejected: number;
  serviceLevel: number;
  abandonRate: number;
  averageWaitSeconds: number;
  averageHandleSeconds: number;
}

/** Refusals on arrival: the chat never entered the queue. */
const REFUSED_ON_ARRIVAL = new Set(['OUT_OF_TIME', 'QUEUE_FULL', 'NOT_AVAILABLE']);

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);
const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

export const isRefusedOnArrival = (chat: Arrival): boolean =>
  chat.state === 'REJECTED' && chat.closeReason !== null && REFUSED_ON_ARRIVAL.has(chat.closeReason) && chat.answeredAt === null && chat.closedAt !== null && chat.closedAt.getTime() === chat.queuedAt.getTime();

const isAbandoned = (chat: Arrival) => chat.answeredAt === null && (chat.state === 'ABANDONED' || (chat.state === 'REJECTED' && chat.closeReason === 'WAIT_TIMEOUT'));

export function periodFigures(arrivals: readonly Arrival[], rules: FigureRules): PeriodFigures {
  const queued = arrivals.filter((chat) => chat.state !== 'OFFLINE_MESSAGE' && !isRefusedOnArrival(chat));
  const answered = queued.filter((chat) => chat.answeredAt !== null);
  const holds = answered.map((chat) => seconds(chat.queuedAt, chat.answeredAt as Date));
  const abandoned = queued.filter(isAbandoned);
  const counted = abandoned.filter((chat) => seconds(chat.queuedAt, chat.closedAt ?? chat.queuedAt) > rules.abandonSeconds).length;
  const within = holds.filter((hold) => hold <= rules.serviceLevelSeconds).length;
  const handled = answered.filter((chat) => chat.closedAt !== null).map((chat) => seconds(chat.answeredAt as Date, chat.closedAt as Date));
  const judged = answered.length + counted;
  return {
    offered: queued.length,
    answered: answered.length,
    answeredWithinServiceLevel: within,
    abandoned: abandoned.length,
    rejected: arrivals.filter((chat) => chat.state === 'REJECTED' && !isAbandoned(chat)).length,
    serviceLevel: judged === 0 ? 1 : round(within / judged),
    abandonRate: judged === 0 ? 0 : round(counted / judged),
    averageWaitSeconds: round(mean(holds), 1),
    averageHandleSeconds: round(mean(handled), 1),
  };
}

export interface WaitingChat {
  readonly interactionId: string;
  readonly name: string;
  readonly email: string | null;
  readonly queuedAt: Date;
}

/** The queue as it stands: oldest first, with how long each has waited, and the ACD alert above `acd` waiting. */
export function queueFigures(waiting: readonly WaitingChat[], acd: number, now: Date) {
  const contacts = [...waiting]
    .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime())
    .map((chat) => ({ interactionId: chat.interactionId, name: chat.name, email: chat.email, waitingSeconds: Math.floor(seconds(chat.queuedAt, now)) }));
  return {
    waiting: contacts.length,
    longestWaitSeconds: contacts[0]?.waitingSeconds ?? 0,
    acdAlert: contacts.length > acd,
    waitingContacts: contacts,
  };
}

/** The campaign's current day in its timezone: from local midnight to now. */
export function dayWindow(now: Date, timezone: string, dayStart: (at: Date, timezone: string) => Date): { from: Date; to: Date } {
  return { from: dayStart(now, timezone), to: now };
}

export const arrivedIn = (arrivals: readonly Arrival[], window: { from: Date; to: Date }): Arrival[] =>
  arrivals.filter((chat) => chat.queuedAt >= window.from && chat.queuedAt <= window.to);
