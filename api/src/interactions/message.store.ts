import type { EntityManager } from '@mikro-orm/postgresql';
import type { User } from '../auth/user.entity';
import type { SenderKind } from './interaction.enums';
import type { Interaction } from './interaction.entity';
import { Message } from './message.entity';
import { metrics } from '../http/metrics';
import type { Attachment } from './interaction.types';

export interface NewMessage {
  senderKind: SenderKind;
  senderUser?: User | null;
  senderName?: string | null;
  text?: string | null;
  attachment?: Attachment | null;
  clientId?: string | null;
  createdAt: Date;
}

/**
 * Stores a message with the interaction's next seq. The counter is taken
 * with a row update inside the caller's transaction, so concurrent senders
 * queue on the row and a rolled-back send leaves no gap.
 */
export async function appendMessage(tx: EntityManager, interaction: Interaction, message: NewMessage): Promise<Message> {
  const [row] = await tx
    .getConnection()
    .execute<{ seq: number }[]>('update interactions set next_seq = next_seq + 1 where id = ? returning next_seq - 1 as seq', [interaction.id], 'all', tx.getTransactionContext());
  const stored = tx.create(Message, { interaction, seq: Number(row?.seq), ...message });
  tx.persist(stored);
  await tx.flush();
  metrics.messages.inc({ sender: message.senderKind });
  return stored;
}
