/**
 * Supervisor ↔ agent messages as the console keeps them: each message once, oldest first, and
 * what the reader has not seen yet. Pure, unit-tested.
 */

export interface StaffPerson {
  readonly id: string;
  readonly name: string;
}

export interface StaffMessage {
  readonly id: string;
  readonly clientId: string;
  readonly text: string;
  readonly createdAt: string;
  readonly from: StaffPerson;
  readonly to: StaffPerson;
}

export const STAFF_MESSAGE_FIELDS = 'id clientId text createdAt from { id name } to { id name }';

const byTime = (a: StaffMessage, b: StaffMessage) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id);

/** Both lists, each message once (by id), oldest first; the same array when nothing is new. */
export function mergeStaffMessages(current: readonly StaffMessage[], incoming: readonly StaffMessage[]): StaffMessage[] {
  const known = new Set(current.map((message) => message.id));
  const fresh = incoming.filter((message) => !known.has(message.id) && (known.add(message.id), true));
  if (fresh.length === 0) return current as StaffMessage[];
  return [...current, ...fresh].sort(byTime);
}

/** The messages between me and someone else. */
export const threadWith = (messages: readonly StaffMessage[], otherId: string): StaffMessage[] =>
  messages.filter((message) => message.from.id === otherId || message.to.id === otherId);

/** Messages from `otherId` written after what I last read (an ISO time, or nothing read yet). */
export function unreadFrom(messages: readonly StaffMessage[], otherId: string, lastReadAt: string | undefined): number {
  const since = lastReadAt ? Date.parse(lastReadAt) : Number.NEGATIVE_INFINITY;
  return messages.filter((message) => message.from.id === otherId && Date.parse(message.createdAt) > since).length;
}

/** The people I have exchanged messages with, the latest conversation first. */
export function correspondents(messages: readonly StaffMessage[], myId: string): (StaffPerson & { lastAt: string })[] {
  const latest = new Map<string, StaffPerson & { lastAt: string }>();
  for (const message of messages) {
    const other = message.from.id === myId ? message.to : message.from;
    latest.set(other.id, { id: other.id, name: other.name, lastAt: message.createdAt });
  }
  return [...latest.values()].sort((a, b) => Date.parse(b.lastAt) - Date.parse(a.lastAt));
}
