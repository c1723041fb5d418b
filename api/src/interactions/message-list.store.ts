import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql';
import type { SenderKind } from './interaction.enums';
import type { Attachment } from './interaction.types';
import type { MessageView } from './message.store';

/** A stored message as JSON built in SQL (json_build_object), with property names. */
export interface StoredMessageJson {
  readonly id: string;
  readonly seq: number;
  readonly clientId: string | null;
  readonly senderKind: SenderKind;
  readonly senderName: string | null;
  readonly senderUserId: string | null;
  readonly text: string | null;
  readonly attachment: Attachment | null;
  /** Text in JSON; the pool's driver may hand a timestamp column over as text too. */
  readonly createdAt: Date | string;
}

export const messageView = (interactionId: string, row: StoredMessageJson): MessageView => ({
  id: row.id,
  interaction: { id: interactionId },
  seq: Number(row.seq),
  clientId: row.clientId,
  senderKind: row.senderKind,
  senderName: row.senderName,
  senderUser: row.senderUserId ? { id: row.senderUserId } : null,
  text: row.text,
  attachment: row.attachment,
  createdAt: new Date(row.createdAt),
});

/**
 * A chat's messages after `afterSeq`, in seq order, in one plain statement
 * outside the identity map: every chat opened in a console reads them, and
 * the records would only be read, never changed.
 */
export async function readMessages(em: EntityManager, interactionId: string, afterSeq: number | null): Promise<MessageView[]> {
  const rows = await sql<StoredMessageJson>(
    em,
    `select id, seq, client_id as "clientId", sender_kind as "senderKind", sender_name as "senderName", sender_user_id as "senderUserId",
            text, attachment, created_at as "createdAt"
       from messages where interaction_id = $1::uuid and seq > $2::int order by seq`,
    [interactionId, afterSeq ?? 0],
  );
  return rows.map((row) => messageView(interactionId, row));
}

/** Messages read in the same statement as their chat's record (see `readInteraction`), by record. */
const readAlong = new WeakMap<object, readonly MessageView[]>();

export function keepMessagesWith(record: object, messages: readonly MessageView[]): void {
  readAlong.set(record, messages);
}

/** The messages after `afterSeq` read along with this record, or undefined when they were not. */
export function messagesReadWith(record: object, afterSeq: number | null): MessageView[] | undefined {
  return readAlong.get(record)?.filter((message) => message.seq > (afterSeq ?? 0));
}
