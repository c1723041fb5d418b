import { signal, type Signal } from '@preact/signals';
import { ApiError } from './http';
import { isOpen, isWaiting, type Call, type Interaction, type Message, type QueueStatus } from './model';
import { INTERACTION_UPDATED, LEAVE_CHAT, MARK_READ, MESSAGE_ADDED, MESSAGES_AFTER, QUEUE_STATUS, SET_TYPING, TYPING } from './operations';
import type { Outbox } from './outbox';
import type { Socket } from './socket';
import { contiguousSeq, hasGap, mergeMessages } from './transcript';

/** What a conversation needs from the widget around it. */
export interface ConversationHost {
  readonly socket: Socket;
  readonly outbox: Outbox;
  /** A query or mutation over HTTP, as this visitor. */
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<T>;
  /** Messages that arrived after the chat was first shown, in seq order. */
  added(messages: readonly Message[]): void;
  /** The chat went from open to ended. */
  ended(interaction: Interaction): void;
  /** The API no longer knows this visitor (token expired or revoked). */
  gone(): void;
}

type Typing = { typing: boolean; sender: { kind: string; name: string | null } };
const GONE = ['UNAUTHENTICATED', 'NOT_FOUND'];
const TYPING_IDLE_MS = 4_000;
const AGENT_TYPING_TIMEOUT_MS = 10_000;

/**
 * One chat as the customer sees it: the messages in seq order with no gaps
 * and none twice, its state, the agent typing. Live through the socket,
 * caught up over HTTP after a reconnection or when a seq is missing.
 */
export class Conversation {
  readonly interaction: Signal<Interaction>;
  readonly messages: Signal<readonly Message[]>;
  readonly agentTyping = signal(false);
  private readonly stops: (() => void)[] = [];
  private following = false;
  private catchingUp: Promise<void> | undefined;
  private readMarked: number;
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Calls seen to end: a late event from before the end must not bring one back. */
  private readonly endedCalls = new Set<string>();
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ConversationHost,
    interaction: Interaction,
    messages: readonly Message[],
  ) {
    this.interaction = signal(interaction);
    this.messages = signal(mergeMessages([], messages));
    this.readMarked = interaction.contactReadSeq;
    for (const message of messages) if (message.clientId) host.outbox.confirm(message.clientId);
  }

  get id(): string {
    return this.interaction.peek().id;
  }

  /** Subscribes to the chat's messages, state, typing and queue place while it is open. */
  follow(): void {
    if (this.following || !isOpen(this.interaction.peek().state)) return;
    this.following = true;
    const { socket } = this.host;
    const interactionId = this.id;
    const messages = this.messages;
    this.stops.push(
      // A getter: each reconnection resumes after the last seq seen by then.
      socket.subscribe<{ messageAdded: Message }>(
        MESSAGE_ADDED,
        {
          interactionId,
          get afterSeq() {
            return contiguousSeq(messages.peek());
          },
        },
        { next: (data) => this.receive([data.messageAdded]), error: (code) => this.failed(code) },
      ),
      socket.subscribe<{ interactionUpdated: Interaction }>(INTERACTION_UPDATED, { interactionId }, { next: (data) => this.update(data.interactionUpdated), error: (code) => this.failed(code) }),
      socket.subscribe<{ typing: Typing }>(TYPING, { interactionId }, { next: (data) => this.agentTypingChanged(data.typing) }),
      socket.onReconnected(() => void this.catchUp()),
    );
    if (isWaiting(this.interaction.peek().state)) {
      this.stops.push(socket.subscribe<{ queueStatus: QueueStatus }>(QUEUE_STATUS, { interactionId }, { next: (data) => this.queueChanged(data.queueStatus) }));
    }
  }

  stop(): void {
    this.stopTyping();
    this.stops.splice(0).forEach((stop) => stop());
    this.following = false;
    clearTimeout(this.agentTypingTimer);
    this.agentTyping.value = false;
  }

  /** Messages from the stream, a send's answer or a catch-up: merged, deduplicated, gaps filled. */
  receive(incoming: readonly Message[]): void {
    const before = this.messages.peek();
    const after = mergeMessages(before, incoming);
    if (after === before) return;
    const known = new Set(before.map((message) => message.seq));
    const added = after.filter((message) => !known.has(message.seq));
    this.messages.value = after;
    for (const message of added) if (message.clientId) this.host.outbox.confirm(message.clientId);
    if (added.some((message) => message.sender.kind !== 'CONTACT')) this.agentTyping.value = false;
    this.host.added(added);
    if (hasGap(after)) void this.catchUp();
  }

  /** Reads what the socket may have missed: the messages after the last contiguous seq, and the chat's state. */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const data = await this.host.graphql<{ interaction: (Interaction & { messages: Message[] }) | null }>(MESSAGES_AFTER, {
          id: this.id,
          afterSeq: contiguousSeq(this.messages.peek()),
        });
        if (!data.interaction) return this.host.gone();
        const { messages, ...interaction } = data.interaction;
        this.receive(messages);
        this.update(interaction);
      } catch (error) {
        if (error instanceof ApiError && GONE.includes(error.code)) this.host.gone();
      } finally {
        this.catchingUp = undefined;
      }
    })();
    return this.catchingUp;
  }

  update(next: Interaction): void {
    const previous = this.interaction.peek();
    // An ended chat never reopens; a late answer from before the end must not bring it back.
    if (!isOpen(previous.state) && isOpen(next.state)) return;
    if (previous.call && previous.call.id !== next.call?.id) this.endedCalls.add(previous.call.id);
    const call = next.call && !this.endedCalls.has(next.call.id) ? next.call : null;
    this.interaction.value = { ...next, call, agentReadSeq: Math.max(previous.agentReadSeq, next.agentReadSeq) };
    if (isOpen(previous.state) && !isOpen(next.state)) {
      this.stopTyping();
      this.agentTyping.value = false;
      this.host.ended(next);
      // A closing note may still be on its way: read it, then stop following.
      void this.catchUp().finally(() => this.stop());
    }
  }

  /** Tells the API what the customer has seen (the panel is open and the page visible). */
  markRead(): void {
    const messages = this.messages.peek();
    const last = messages[messages.length - 1]?.seq ?? 0;
    if (last <= this.readMarked) return;
    const before = this.readMarked;
    this.readMarked = last;
    this.host.graphql(MARK_READ, { id: this.id, seq: last }).catch(() => {
      this.readMarked = before;
    });
  }

  /** The customer typed: the agent sees it until they stop for a few seconds or send. */
  typing(): void {
    if (this.interaction.peek().state !== 'ACTIVE') return;
    if (!this.typingSent) this.sendTyping(true);
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (this.typingSent) this.sendTyping(false);
  }

  async leave(): Promise<void> {
    const data = await this.host.graphql<{ leaveChat: Interaction }>(LEAVE_CHAT, { id: this.id });
    this.update(data.leaveChat);
  }

  /** A call as the API answered a mutation: shown at once, before its event arrives. */
  callChanged(call: Call): void {
    const current = this.interaction.peek();
    if (call.state === 'ENDED') this.endedCalls.add(call.id);
    if (current.call?.id !== call.id && this.endedCalls.has(call.id)) return;
    this.interaction.value = { ...current, call: this.endedCalls.has(call.id) ? null : call };
  }

  private sendTyping(typing: boolean): void {
    this.typingSent = typing;
    this.host.graphql(SET_TYPING, { id: this.id, typing }).catch(() => undefined);
  }

  private agentTypingChanged(event: Typing): void {
    if (event.sender.kind === 'CONTACT') return;
    clearTimeout(this.agentTypingTimer);
    this.agentTyping.value = event.typing;
    // A lost "stopped typing" must not leave the dots forever.
    if (event.typing) this.agentTypingTimer = setTimeout(() => (this.agentTyping.value = false), AGENT_TYPING_TIMEOUT_MS);
  }

  private queueChanged(status: QueueStatus): void {
    const current = this.interaction.peek();
    if (!isWaiting(current.state)) return;
    this.interaction.value = { ...current, queue: status.position === null ? null : status };
    // No longer waiting: an agent has it (or it ended); the state arrives with interactionUpdated.
    if (status.position === null) void this.catchUp();
  }

  private failed(code: string): void {
    if (GONE.includes(code)) this.host.gone();
  }
}
