import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql';
import type { SenderKind } from './interaction.enums';
import type { Attachment } from './interaction.types';
import type { MessageView } from './message.store';

/**
 * A chat's messages after `afterSeq`, in seq order, in one plain statement
 * outside the identity map: every startChat answer and every chat opened in
 * a console reads them, and the records would only be read, never changed.
 */
export async function readMessages(em: EntityManager, interactionId: string, afterSeq: number | null): Promise<MessageView[]> {
  const rows = await sql<{
    id: string;
    seq: number;
    client_id: string | null;
    sender_kind: SenderKind;
    sender_name: string | null;
    sender_user_id: string | null;
    text: string | null;
    attachment: Attachment | null;
    created_at: Date | string;
  }>(
    em,
    `select id, seq, client_id, sender_kind, sender_name, sender_user_id, text, attachment, created_at
       from messages where interaction_id = $1::uuid and seq > $2::int order by seq`,
    [interactionId, afterSeq ?? 0],
  );
  return rows.map((row) => ({
    id: row.id,
    interaction: { id: interactionId },
    seq: Number(row.seq),
    clientId: row.client_id,
    senderKind: row.sender_kind,
    senderName: row.sender_name,
    senderUser: row.sender_user_id ? { id: row.sender_user_id } : null,
    text: row.text,
    attachment: row.attachment,
    // The pool's driver may hand timestamps over as text.
    createdAt: new Date(row.created_at),
  }));
}
