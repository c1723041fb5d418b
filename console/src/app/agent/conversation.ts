import { computed, signal } from '@angular/core';
import type { Realtime } from '../core/realtime';
import type { ChatApi } from './chat-api';
import {
  INTERACTION,
  INTERACTION_UPDATED,
  MARK_READ,
  MESSAGE_ADDED,
  MESSAGES_AFTER,
  SEND,
  SET_TYPING,
  TYPING,
  type InteractionSummary,
  type InteractionUpdatedEvent,
  type MessageAddedEvent,
  type TypingEvent,
} from './agent.operations';
import { contiguousSeq, hasGap, lastContactSeq, mergeMessages, unreadCount, type Attachment, type ChatMessage } from './message-log';

/** A message the agent sent that the API has not confirmed yet (or refused: then it can be sent again, same clientId). */
export interface Outgoing {
  readonly clientId: string;
  readonly text: string | null;
  readonly file: { readonly name: string; readonly kind: Attachment['kind']; readonly blob: Blob } | null;
  readonly attachmentId: string | null;
  readonly state: 'sending' | 'failed';
  readonly error: string | null;
}

const TYPING_SHOWN_MS = 6_000;
const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One chat as the workspace follows it: its details and messages, pushed by three subscriptions
 * (messages, changes, typing). Messages resume after the last seq held without a hole, so a
 * dropped socket loses nothing; a hole seen live is filled over HTTP.
 */
export class Conversation {
  readonly id: string;
  readonly detail = signal<InteractionSummary>(null as unknown as InteractionSummary);
  readonly messages = signal<ChatMessage[]>([]);
  readonly outgoing = signal<Outgoing[]>([]);
  /** The agent's read mark, moved here first and then told to the API. */
  readonly readSeq = signal(0);
  readonly contactTyping = signal(false);
  readonly loaded = signal(false);

  readonly unread = computed(() => unreadCount(this.messages(), this.readSeq()));
  readonly lastMessage = computed(() => [...this.messages()].reverse().find((message) => message.sender.kind !== 'SYSTEM') ?? null);
  readonly lastActivityAt = computed(() => {
    const detail = this.detail();
    return Date.parse(this.messages().at(-1)?.createdAt ?? detail.answeredAt ?? detail.queuedAt);
  });
  readonly active = computed(() => this.detail().state === 'ACTIVE');

  private subscriptions: (() => void)[] = [];
  private filling = false;
  private typingHide: ReturnType<typeof setTimeout> | undefined;
  private typingSentAt = 0;
  private typingStop: ReturnType<typeof setTimeout> | undefined;

  constructor(
    summary: InteractionSummary,
    private readonly api: ChatApi,
    private readonly realtime: Realtime,
  ) {
    this.id = summary.id;
    this.detail.set(summary);
    this.readSeq.set(summary.agentReadSeq);
  }

  connect(): void {
    if (this.subscriptions.length > 0) return;
    const messages = this.messages;
    // Serialised again on every (re)subscription: resumes after what is held without a hole.
    const variables = {
      interactionId: this.id,
      get afterSeq() {
        return contiguousSeq(messages());
      },
    };
    this.subscriptions = [
      this.realtime.subscribe<MessageAddedEvent>(MESSAGE_ADDED, variables, {
        next: ({ messageAdded }) => {
          this.receive([messageAdded]);
          this.loaded.set(true);
        },
      }),
      this.realtime.subscribe<InteractionUpdatedEvent>(INTERACTION_UPDATED, { interactionId: this.id }, { next: ({ interactionUpdated }) => this.update(interactionUpdated) }),
      this.realtime.subscribe<TypingEvent>(TYPING, { interactionId: this.id }, { next: ({ typing }) => this.showTyping(typing) }),
    ];
    // A chat with no message yet sends nothing to replay.
    void this.fillGap().finally(() => this.loaded.set(true));
  }

  disconnect(): void {
    this.subscriptions.forEach((end) => end());
    this.subscriptions = [];
    clearTimeout(this.typingHide);
    clearTimeout(this.typingStop);
  }

  update(summary: InteractionSummary): void {
    const current = this.detail();
    // Read marks never move back, whatever order updates arrive in.
    this.detail.set({ ...summary, contactReadSeq: Math.max(summary.contactReadSeq, current.contactReadSeq) });
    if (summary.agentReadSeq > this.readSeq()) this.readSeq.set(summary.agentReadSeq);
  }

  receive(incoming: readonly ChatMessage[]): void {
    const merged = mergeMessages(this.messages(), incoming);
    if (merged !== this.messages()) this.messages.set(merged);
    const confirmed = new Set(incoming.map((message) => message.clientId).filter((id): id is string => id !== null));
    if (confirmed.size > 0) this.outgoing.update((list) => list.filter((item) => !confirmed.has(item.clientId)));
    if (incoming.some((message) => message.sender.kind === 'CONTACT')) this.contactTyping.set(false);
    if (hasGap(merged)) void this.fillGap();
  }

  /** Fetches what came after the last seq held without a hole, and the chat's details. */
  async resync(): Promise<void> {
    await this.fillGap();
    try {
      const { interaction } = await this.api.query<{ interaction: InteractionSummary | null }>(INTERACTION, { id: this.id });
      if (interaction) this.update(interaction);
    } catch {
      // The next event or reconnection tries again.
    }
  }

  async fillGap(): Promise<void> {
    if (this.filling) return;
    this.filling = true;
    try {
      const { interaction } = await this.api.query<{ interaction: { messages: ChatMessage[] } | null }>(MESSAGES_AFTER, { id: this.id, afterSeq: contiguousSeq(this.messages()) });
      if (interaction) this.receive(interaction.messages);
    } catch {
      // Offline: the subscription resumes from the same seq when the socket is back.
    } finally {
      this.filling = false;
    }
  }

  /** The agent has seen everything the customer wrote so far. */
  markSeen(): void {
    const seq = lastContactSeq(this.messages());
    if (seq <= this.readSeq()) return;
    this.readSeq.set(seq);
    this.api.mutate(MARK_READ, { interactionId: this.id, seq }).catch(() => undefined);
  }

  sendText(text: string): void {
    this.stopTyping();
    this.dispatch({ clientId: newClientId(), text, file: null, attachmentId: null, state: 'sending', error: null });
  }

  sendFile(blob: Blob, name: string, kind: Attachment['kind']): void {
    this.dispatch({ clientId: newClientId(), text: null, file: { name, kind, blob }, attachmentId: null, state: 'sending', error: null });
  }

  /** Sends again with the same clientId: the API answers the first message if it had been stored. */
  retry(clientId: string): void {
    const item = this.outgoing().find((candidate) => candidate.clientId === clientId);
    if (item) this.dispatch({ ...item, state: 'sending', error: null });
  }

  retryFailed(): void {
    for (const item of this.outgoing()) if (item.state === 'failed') this.retry(item.clientId);
  }

  discard(clientId: string): void {
    this.outgoing.update((list) => list.filter((item) => item.clientId !== clientId));
  }

  /** Tells the customer the agent is typing, at most every few seconds, and that they stopped after a pause. */
  typing(): void {
    if (!this.active()) return;
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.api.mutate(SET_TYPING, { interactionId: this.id, typing: true }).catch(() => undefined);
    }
    clearTimeout(this.typingStop);
    this.typingStop = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingStop);
    if (this.typingSentAt === 0) return;
    this.typingSentAt = 0;
    this.api.mutate(SET_TYPING, { interactionId: this.id, typing: false }).catch(() => undefined);
  }

  private showTyping(event: TypingEvent['typing']): void {
    if (event.sender.kind !== 'CONTACT') return;
    this.contactTyping.set(event.typing);
    clearTimeout(this.typingHide);
    if (event.typing) this.typingHide = setTimeout(() => this.contactTyping.set(false), TYPING_SHOWN_MS);
  }

  private async dispatch(item: Outgoing): Promise<void> {
    this.outgoing.update((list) => (list.some((other) => other.clientId === item.clientId) ? list.map((other) => (other.clientId === item.clientId ? item : other)) : [...list, item]));
    let attachmentId = item.attachmentId;
    try {
      if (item.file && !attachmentId) {
        attachmentId = (await this.api.upload(this.id, item.file.kind, item.file.blob, item.file.name)).id;
        this.patch(item.clientId, { attachmentId });
      }
      const { sendMessage } = await this.api.mutate<{ sendMessage: ChatMessage }>(SEND, {
        interactionId: this.id,
        clientId: item.clientId,
        text: item.text,
        attachmentId,
      });
      this.receive([sendMessage]);
      this.outgoing.update((list) => list.filter((other) => other.clientId !== item.clientId));
    } catch (error) {
      this.patch(item.clientId, { state: 'failed', error: error instanceof Error ? error.message : null });
    }
  }

  private patch(clientId: string, change: Partial<Outgoing>): void {
    this.outgoing.update((list) => list.map((item) => (item.clientId === clientId ? { ...item, ...change } : item)));
  }
}
