import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { Apollo, gql } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Realtime } from '../core/realtime';
import { SessionStore, type SessionUser } from '../core/session.store';
import { correspondents, mergeStaffMessages, STAFF_MESSAGE_FIELDS, threadWith, unreadFrom, type StaffMessage, type StaffPerson } from './staff-chat';

const STAFF_MESSAGES = gql`
  query StaffMessages($withUserId: ID!) { staffMessages(withUserId: $withUserId, first: 100) { ${STAFF_MESSAGE_FIELDS} } }
`;
const SEND_STAFF_MESSAGE = gql`
  mutation SendStaffMessage($toUserId: ID!, $text: String!, $clientId: ID!) {
    sendStaffMessage(toUserId: $toUserId, text: $text, clientId: $clientId) { ${STAFF_MESSAGE_FIELDS} }
  }
`;
const STAFF_MESSAGE_ADDED = `subscription StaffMessageAdded { staffMessageAdded { ${STAFF_MESSAGE_FIELDS} } }`;

/** A message on its way, or refused: kept on screen with Retry until it is stored. */
export interface PendingStaffMessage {
  readonly clientId: string;
  readonly to: StaffPerson;
  readonly text: string;
  readonly state: 'sending' | 'failed';
}

interface Remembered {
  /** People I have exchanged messages with: their threads are loaded again after a reload. */
  people: Record<string, string>;
  /** For each of them, the time of the last of their messages I have seen. */
  read: Record<string, string>;
}

const MAX_REMEMBERED = 20;

/**
 * The signed-in person's messages with colleagues (supervisors ↔ agents), live over the console's
 * one socket. The API has no list of conversations or read marks, so this browser remembers who
 * wrote and what was read (localStorage, per user) and loads those threads again after a reload.
 */
@Injectable({ providedIn: 'root' })
export class StaffChat {
  private readonly apollo = inject(Apollo);
  private readonly realtime = inject(Realtime);
  private readonly session = inject(SessionStore);

  private readonly messages = signal<StaffMessage[]>([]);
  private readonly pendingList = signal<PendingStaffMessage[]>([]);
  private readonly remembered = signal<Remembered>({ people: {}, read: {} });
  private readonly me = signal<SessionUser | null>(null);
  private stopListening: (() => void)[] = [];

  readonly pending = this.pendingList.asReadonly();
  /** People who wrote to me or I wrote to, the latest conversation first. */
  readonly people = computed(() => {
    const me = this.me();
    return me ? correspondents(this.messages(), me.id) : [];
  });
  readonly unreadTotal = computed(() => this.people().reduce((sum, person) => sum + this.unread(person.id), 0));

  constructor() {
    effect(() => {
      const user = this.session.user();
      untracked(() => (user ? this.start(user) : this.stop()));
    });
  }

  thread(otherId: string): StaffMessage[] {
    return threadWith(this.messages(), otherId);
  }

  unread(otherId: string): number {
    return unreadFrom(this.messages(), otherId, this.remembered().read[otherId]);
  }

  /** Loads the last messages with someone (opening their conversation). */
  async load(otherId: string): Promise<void> {
    const user = this.me();
    if (!user) return;
    const { data } = await firstValueFrom(this.apollo.query<{ staffMessages: StaffMessage[] }>({ query: STAFF_MESSAGES, variables: { withUserId: otherId }, fetchPolicy: 'no-cache' }));
    if (this.me() === user && data) this.add(data.staffMessages as StaffMessage[]);
  }

  async send(to: StaffPerson, text: string, clientId: string = crypto.randomUUID()): Promise<void> {
    const body = text.trim();
    if (!body) return;
    this.pendingList.update((list) => [...list.filter((item) => item.clientId !== clientId), { clientId, to, text: body, state: 'sending' }]);
    try {
      const { data } = await firstValueFrom(this.apollo.mutate<{ sendStaffMessage: StaffMessage }>({ mutation: SEND_STAFF_MESSAGE, variables: { toUserId: to.id, text: body, clientId } }));
      if (data) this.add([data.sendStaffMessage as StaffMessage]);
      this.pendingList.update((list) => list.filter((item) => item.clientId !== clientId));
    } catch {
      this.pendingList.update((list) => list.map((item) => (item.clientId === clientId ? { ...item, state: 'failed' } : item)));
    }
  }

  retry(clientId: string): void {
    const pending = this.pendingList().find((item) => item.clientId === clientId);
    if (pending) void this.send(pending.to, pending.text, clientId);
  }

  discard(clientId: string): void {
    this.pendingList.update((list) => list.filter((item) => item.clientId !== clientId));
  }

  /** Everything from `otherId` so far counts as read. */
  markRead(otherId: string): void {
    const last = this.thread(otherId).filter((message) => message.from.id === otherId).at(-1);
    if (!last || this.remembered().read[otherId] === last.createdAt) return;
    this.remember((state) => ({ ...state, read: { ...state.read, [otherId]: last.createdAt } }));
  }

  private start(user: SessionUser): void {
    if (this.me()?.id === user.id) return;
    this.stop();
    this.me.set(user);
    this.remembered.set(readRemembered(user.id));
    this.stopListening = [
      this.realtime.subscribe<{ staffMessageAdded: StaffMessage }>(STAFF_MESSAGE_ADDED, {}, { next: ({ staffMessageAdded }) => this.add([staffMessageAdded]) }),
      // Messages sent while the socket was down: load the known threads again.
      this.realtime.onReconnected(() => this.loadRemembered()),
    ];
    this.loadRemembered();
  }

  private stop(): void {
    this.stopListening.forEach((end) => end());
    this.stopListening = [];
    this.me.set(null);
    this.messages.set([]);
    this.pendingList.set([]);
    this.remembered.set({ people: {}, read: {} });
  }

  private loadRemembered(): void {
    for (const id of Object.keys(this.remembered().people)) void this.load(id).catch(() => undefined);
  }

  private add(incoming: StaffMessage[]): void {
    const user = this.me();
    if (!user) return;
    const mine = incoming.filter((message) => message.from.id === user.id || message.to.id === user.id);
    this.messages.update((current) => mergeStaffMessages(current, mine));
    const people = { ...this.remembered().people };
    let changed = false;
    for (const message of mine) {
      const other = message.from.id === user.id ? message.to : message.from;
      if (people[other.id] !== other.name) {
        people[other.id] = other.name;
        changed = true;
      }
    }
    if (changed) this.remember((state) => ({ ...state, people }));
  }

  private remember(change: (state: Remembered) => Remembered): void {
    const user = this.me();
    if (!user) return;
    const next = change(this.remembered());
    // The most recent correspondents only, so the list does not grow for ever.
    const ids = Object.keys(next.people);
    if (ids.length > MAX_REMEMBERED) {
      const recent = this.people().map((person) => person.id);
      const rank = (id: string) => (recent.includes(id) ? recent.indexOf(id) : recent.length);
      for (const id of ids.sort((a, b) => rank(a) - rank(b)).slice(MAX_REMEMBERED)) delete next.people[id];
    }
    this.remembered.set(next);
    try {
      localStorage.setItem(storageKey(user.id), JSON.stringify(next));
    } catch {
      // Private modes may refuse storage: read marks then last for this page only.
    }
  }
}

const storageKey = (userId: string) => `parley.staffChat.${userId}`;

function readRemembered(userId: string): Remembered {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null') as Partial<Remembered> | null;
    const people = parsed?.people && typeof parsed.people === 'object' ? parsed.people : {};
    const read = parsed?.read && typeof parsed.read === 'object' ? parsed.read : {};
    return { people: { ...people }, read: { ...read } };
  } catch {
    return { people: {}, read: {} };
  }
}
