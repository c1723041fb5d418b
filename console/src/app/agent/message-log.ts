/**
 * A conversation's messages as the console keeps them: in seq order, each seq once, whatever
 * order and however many times the socket and the gap fills deliver them. Pure, unit-tested.
 */

export type SenderKind = 'AGENT' | 'CONTACT' | 'SUPERVISOR' | 'SYSTEM';

export interface Attachment {
  readonly id: string;
  readonly kind: 'FILE' | 'VOICE_NOTE';
  readonly name: string;
  readonly mimeType: string;
  readonly size: number;
  readonly url: string;
}

export interface ChatMessage {
  readonly id: string;
  readonly seq: number;
  readonly clientId: string | null;
  readonly text: string | null;
  readonly createdAt: string;
  readonly sender: { readonly kind: SenderKind; readonly name: string | null };
  readonly attachment: Attachment | null;
}

export const MESSAGE_FIELDS = 'id seq clientId text createdAt sender { kind name } attachment { id kind name mimeType size url }';

/** The messages of both lists, sorted by seq, one per seq (the first one seen wins: stored messages never change). */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const bySeq = new Map<number, ChatMessage>();
  for (const message of current) bySeq.set(message.seq, message);
  let changed = false;
  for (const message of incoming) {
    if (!bySeq.has(message.seq)) {
      bySeq.set(message.seq, message);
      changed = true;
    }
  }
  if (!changed) return current as ChatMessage[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq up to which nothing is missing (seqs start at 1); resuming after it loses nothing. */
export function contiguousSeq(messages: readonly ChatMessage[]): number {
  let expected = 1;
  for (const message of messages) {
    if (message.seq > expected) break;
    if (message.seq === expected) expected += 1;
  }
  return expected - 1;
}

/** Whether a later message arrived before an earlier one: the earlier ones must be fetched. */
export const hasGap = (messages: readonly ChatMessage[]): boolean => (messages.at(-1)?.seq ?? 0) > contiguousSeq(messages);

export const lastSeq = (messages: readonly ChatMessage[]): number => messages.at(-1)?.seq ?? 0;

/** The customer's messages after what the agent has read. */
export function unreadCount(messages: readonly ChatMessage[], readSeq: number): number {
  return messages.filter((message) => message.seq > readSeq && message.sender.kind === 'CONTACT').length;
}

/** The last seq the customer wrote, which is what the agent marks as read. */
export function lastContactSeq(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]!.sender.kind === 'CONTACT') return messages[i]!.seq;
  return 0;
}

/** How an agent's message stands for the customer. */
export type Delivery = 'sending' | 'failed' | 'sent' | 'read';

export function deliveryOf(message: ChatMessage, contactReadSeq: number): Delivery {
  return message.seq <= contactReadSeq ? 'read' : 'sent';
}
