import { randomUUID } from 'node:crypto';
import { prepared, sql } from '../db/sql';
import { batched } from '../db/batched';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { User } from '../auth/user.entity';
import type { SenderKind } from './interaction.enums';
import type { Interaction } from './interaction.entity';
import { Message } from './message.entity';
import { metrics } from '../http/metrics';
import type { Attachment } from './interaction.types';
import { messageView, type StoredMessageJson } from './message-list.store';
import { budgetParameters, countOne, roomForOne } from './message-budget';

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
export async function appendMessage(tx: EntityManager, interaction: Interaction, message: NewMessage, options: { flush?: boolean } = {}): Promise<Message> {
  const [row] = await tx
    .getConnection()
    .execute<{ seq: number }[]>('update interactions set next_seq = next_seq + 1 where id = ? returning next_seq - 1 as seq', [interaction.id], 'all', tx.getTransactionContext());
  const stored = tx.create(Message, { interaction, seq: Number(row?.seq), ...message });
  tx.persist(stored);
  // A caller storing many (routing a queue) flushes once at the end: each flush looks at every record the transaction holds.
  if (options.flush !== false) await tx.flush();
  metrics.messages.inc({ sender: message.senderKind });
  return stored;
}

/**
 * A message as plain values, shaped like the stored record (the GraphQL
 * type's `sender` and `interactionId` read these fields): what
 * `MESSAGE_ADDED` carries, so subscribers need not read it back.
 */
export interface MessageView {
  readonly id: string;
  readonly interaction: { readonly id: string };
  readonly seq: number;
  readonly clientId: string | null;
  readonly senderKind: SenderKind;
  readonly senderName: string | null;
  readonly senderUser: { readonly id: string } | null;
  readonly text: string | null;
  readonly attachment: Attachment | null;
  readonly createdAt: Date;
}

export const viewOf = (message: Message): MessageView => ({
  id: message.id,
  interaction: { id: message.interaction.id },
  seq: message.seq,
  clientId: message.clientId ?? null,
  senderKind: message.senderKind,
  senderName: message.senderName ?? null,
  senderUser: message.senderUser ? { id: message.senderUser.id } : null,
  text: message.text ?? null,
  attachment: message.attachment ?? null,
  createdAt: message.createdAt,
});

/** Each stream's next messages, for many streams in one statement (see `batched`). */
const READ_AFTER = `select w.n, m.id, m.seq, m.client_id as "clientId", m.sender_kind as "senderKind", m.sender_name as "senderName",
    m.sender_user_id as "senderUserId", m.text, m.attachment, m.created_at as "createdAt"
  from unnest($1::uuid[], $2::int[], $3::int[]) with ordinality as w(interaction_id, after_seq, max, n)
  cross join lateral (select * from messages where interaction_id = w.interaction_id and seq > w.after_seq order by seq limit w.max) m
  order by w.n, m.seq`;

/** A stored message with the number of the stream that asked for it. */
interface MessageRow extends StoredMessageJson {
  readonly n: string;
}

interface ReadAfter {
  readonly interactionId: string;
  readonly afterSeq: number;
  readonly limit: number;
}

const readers = new WeakMap<EntityManager, (request: ReadAfter) => Promise<MessageView[]>>();

function readerOn(em: EntityManager): (request: ReadAfter) => Promise<MessageView[]> {
  let reader = readers.get(em);
  if (!reader) {
    reader = batched(async (requests: readonly ReadAfter[]) => {
      const rows = await sql<MessageRow>(em, READ_AFTER, [requests.map((r) => r.interactionId), requests.map((r) => r.afterSeq), requests.map((r) => r.limit)]);
      const views = requests.map((): MessageView[] => []);
      for (const row of rows) {
        const i = Number(row.n) - 1;
        views[i]?.push(messageView(requests[i]?.interactionId ?? '', row));
      }
      return views;
    });
    readers.set(em, reader);
  }
  return reader;
}


/** A chat's messages after `afterSeq`, in seq order, as views, outside any identity map: what a stream catching up reads. Streams reading at once share one statement. */
export function messagesAfter(em: EntityManager, interactionId: string, afterSeq: number, limit: number): Promise<MessageView[]> {
  return readerOn(em)({ interactionId, afterSeq, limit });
}

const revivedViews = new WeakMap<MessageView, MessageView>();

/** A view that crossed Redis as JSON has its date as a string again. Every subscriber of one event gets the same revived view, so they can share its execution. */
export function revived(view: MessageView): MessageView {
  if (view.createdAt instanceof Date) return view;
  let copy = revivedViews.get(view);
  if (!copy) revivedViews.set(view, (copy = { ...view, createdAt: new Date(view.createdAt) }));
  return copy;
}

/** Who writes a text through `appendText`: the chat's own contact (within the chat's message budget), or its assigned agent. */
export type TextAuthor =
  | { readonly kind: 'contact'; readonly contactId: string; readonly campaignId: string; readonly budget: number }
  | { readonly kind: 'agent'; readonly userId: string };

const TAKE_SEQ = `update interactions set next_seq = next_seq + 1{count}
  where id = $1::uuid and {writer}
    and not exists (select 1 from messages where interaction_id = $1::uuid and client_id = $2::text)
  returning id, next_seq - 1 as seq, contact_id, campaign_id`;
const BUDGET = { window: '$8::int', into: '$9::int', limit: '$10::int' };
const AS_CONTACT = prepared('append-contact-text', `with target as (${TAKE_SEQ.replace('{count}', `, ${countOne(BUDGET)}`).replace(
  '{writer}',
  `contact_id = $6::uuid and campaign_id = $7::uuid and state in ('QUEUED', 'OFFERED', 'ACTIVE') and ${roomForOne(BUDGET)}`,
)})
  insert into messages (id, interaction_id, seq, client_id, sender_kind, sender_name, sender_user_id, text, created_at)
  select $3::uuid, target.id, target.seq, $2::text, 'CONTACT', (select name from contacts where id = target.contact_id), null, $4::text, $5::timestamptz from target
  returning seq, sender_name`);
const AS_AGENT = prepared('append-agent-text', `with target as (${TAKE_SEQ.replace('{count}', '').replace('{writer}', "agent_id = $6::uuid and state = 'ACTIVE'")})
  insert into messages (id, interaction_id, seq, client_id, sender_kind, sender_name, sender_user_id, text, created_at)
  select $3::uuid, target.id, target.seq, $2::text, 'AGENT',
    (select case when c.show_agent_name then u.name end from campaigns c cross join users u where c.id = target.campaign_id and u.id = $6::uuid), $6::uuid, $4::text, $5::timestamptz from target
  returning seq, sender_name`);

/**
 * Stores a text message in one statement, outside any unit of work: the
 * interaction's row gives the next seq (concurrent senders queue on it, and
 * the statement is atomic, so no gap), and the row is matched only while
 * the author may write, the clientId is new and, for the contact, the
 * chat's message budget has room (it is counted in the same update, see
 * message-budget.ts). Undefined when nothing was stored: the caller finds
 * out why (not theirs, closed, a resend, or the budget spent). A
 * clientId sent twice at once fails one of them on the unique index.
 */
export async function appendText(em: EntityManager, interactionId: string, author: TextAuthor, clientId: string, text: string, at: Date): Promise<MessageView | undefined> {
  const id = randomUUID();
  const common = [interactionId, clientId, id, text, at];
  const rows =
    author.kind === 'contact'
      ? await sql<{ seq: number; sender_name: string | null }>(em, AS_CONTACT, [...common, author.contactId, author.campaignId, ...budgetParameters(at, author.budget)])
      : await sql<{ seq: number; sender_name: string | null }>(em, AS_AGENT, [...common, author.userId]);
  const row = rows[0];
  if (!row) return undefined;
  const kind = author.kind === 'contact' ? ('CONTACT' as SenderKind) : ('AGENT' as SenderKind);
  metrics.messages.inc({ sender: kind });
  return {
    id,
    interaction: { id: interactionId },
    seq: Number(row.seq),
    clientId,
    senderKind: kind,
    senderName: row.sender_name,
    senderUser: author.kind === 'agent' ? { id: author.userId } : null,
    text,
    attachment: null,
    createdAt: at,
  };
}
