import type { Message } from './model';

/**
 * The conversation as the server numbered it: sorted by seq, each seq once,
 * each clientId once (a resend answered with the first message).
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  const seqs = new Set(current.map((message) => message.seq));
  const clientIds = new Set(current.map((message) => message.clientId).filter((id): id is string => id !== null));
  const added: Message[] = [];
  for (const message of incoming) {
    if (seqs.has(message.seq) || (message.clientId !== null && clientIds.has(message.clientId))) continue;
    seqs.add(message.seq);
    if (message.clientId !== null) clientIds.add(message.clientId);
    added.push(message);
  }
  if (added.length === 0) return current;
  return [...current, ...added].sort((a, b) => a.seq - b.seq);
}

/** The highest seq up to which nothing is missing (seqs start at 1): where a resumed stream must continue. */
export function contiguousSeq(messages: readonly Message[]): number {
  let expected = 1;
  for (const message of messages) {
    if (message.seq > expected) break;
    if (message.seq === expected) expected += 1;
  }
  return expected - 1;
}

/** Whether a message arrived beyond a hole (a gap in seq to fill). */
export const hasGap = (messages: readonly Message[]) => messages.length > 0 && contiguousSeq(messages) < (messages[messages.length - 1]?.seq ?? 0);
