import type { EntityManager } from '@mikro-orm/postgresql';
import type { Run } from '../db/sql';
import { sql } from '../db/sql';
import { batched } from '../db/batched';
import type { VisitorDetails } from './chat-rules';
import type { StoredMessageJson } from './message-list.store';

/** A contact as stored. */
export interface ContactRow {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly customFieldValue: string | null;
  readonly createdAt: Date;
}

/**
 * The visitor's own contact, with the details they typed now (an email or
 * custom value left empty keeps the stored one), and their open chat on the
 * campaign if any. Takes the per-contact start lock first, so two starts of
 * one visitor at once open one chat: call inside a transaction.
 */
export async function ownContact(run: Run, contactId: string, campaignId: string, details: VisitorDetails): Promise<{ contact: ContactRow; openChat: { id: string; state: string } | null } | undefined> {
  await run('select pg_advisory_xact_lock(hashtext($1))', [`start:${campaignId}:${contactId}`]);
  const [row] = await run<{ id: string; name: string; email: string | null; custom_field_value: string | null; created_at: Date; open_chat: { id: string; state: string } | null }>(
    `with contact as (
       update contacts set name = $2::text, email = coalesce($3::text, email), custom_field_value = coalesce($4::text, custom_field_value)
        where id = $1::uuid returning id, name, email, custom_field_value, created_at
     )
     select contact.*, (select json_build_object('id', id, 'state', state) from interactions
                              where contact_id = $1::uuid and campaign_id = $5::uuid and state in ('QUEUED', 'OFFERED', 'ACTIVE') limit 1) as open_chat
       from contact`,
    [contactId, details.name, details.email, details.customFieldValue, campaignId],
  );
  if (!row) return undefined;
  return { contact: { id: row.id, name: row.name, email: row.email, customFieldValue: row.custom_field_value, createdAt: row.created_at }, openChat: row.open_chat };
}

/** An interaction's row, with property names. */
export interface InteractionRow {
  readonly id: string;
  readonly campaign: string;
  readonly contact: string;
  readonly agent: string | null;
  readonly state: string;
  readonly closeReason: string | null;
  readonly origin: string | null;
  readonly outOfHours: boolean;
  readonly language: string;
  readonly queuedAt: Date;
  readonly answeredAt: Date | null;
  readonly closedAt: Date | null;
  readonly holdSeconds: number | null;
  readonly feedback: unknown;
  readonly quality: unknown;
  readonly qualityScore: number | null;
  readonly routing: Record<string, unknown> | null;
  readonly contactReadSeq: number;
  readonly agentReadSeq: number;
  readonly nextSeq: number;
}

/** A user's row, with property names (the password hash is loaded only on request). */
export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly createdAt: Date;
  readonly active: boolean;
}

/** What `readInteraction` reads besides the interaction and its agent. */
export interface ReadOptions {
  /** The routing explanation (a note per campaign member): staff alone read it. Left out, the row has no `routing` at all. */
  readonly routing: boolean;
  /** Its contact and its campaign's widget key. */
  readonly related?: boolean;
  /** Every message, in seq order. */
  readonly messages?: boolean;
}

export interface ReadInteraction {
  readonly interaction: InteractionRow;
  readonly agent: UserRow | null;
  readonly contact?: ContactRow;
  readonly campaignKey?: string;
  readonly messages?: readonly StoredMessageJson[];
}

/** Per pool, a batched reader for each combination of options. */
const readers = new WeakMap<object, Map<string, (id: string) => Promise<ReadInteraction | undefined>>>();

/**
 * An interaction as it is now, with its agent (and what `options` asks
 * for), in one plain read shared by every read asked for in the same turn
 * of the event loop: the answers and the agents' events of one dispatch run
 * are read in one statement, not one each. A read asked for later is a
 * later statement, so it sees whatever committed before it was asked for.
 */
export function readInteraction(em: EntityManager, id: string, options: ReadOptions): Promise<ReadInteraction | undefined> {
  const connection = em.getConnection();
  let byOptions = readers.get(connection);
  if (!byOptions) readers.set(connection, (byOptions = new Map()));
  const key = `${options.routing}:${options.related ?? false}:${options.messages ?? false}`;
  let read = byOptions.get(key);
  if (!read) {
    read = batched(async (ids: readonly string[]) => {
      const found = await readInteractions(em, ids, options);
      return ids.map((one) => found.get(one));
    });
    byOptions.set(key, read);
  }
  return read(id);
}

async function readInteractions(em: EntityManager, ids: readonly string[], options: ReadOptions): Promise<Map<string, ReadInteraction>> {
  const rows = await sql<InteractionRow & {
    agentUser: (Omit<UserRow, 'createdAt'> & { createdAt: string }) | null;
    contactRow: (Omit<ContactRow, 'createdAt'> & { createdAt: string }) | null;
    campaignKey: string | null;
    messageRows: StoredMessageJson[] | null;
  }>(
    em,
    `select (select json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role, 'createdAt', u.created_at, 'active', u.active)
               from users u where u.id = interactions.agent_id) as "agentUser",
            case when $3::boolean then (select json_build_object('id', c.id, 'name', c.name, 'email', c.email, 'customFieldValue', c.custom_field_value, 'createdAt', c.created_at)
               from contacts c where c.id = interactions.contact_id) end as "contactRow",
            case when $3::boolean then (select k.key from campaigns k where k.id = interactions.campaign_id) end as "campaignKey",
            case when $4::boolean then (select json_agg(json_build_object('id', m.id, 'seq', m.seq, 'clientId', m.client_id, 'senderKind', m.sender_kind, 'senderName', m.sender_name,
                 'senderUserId', m.sender_user_id, 'text', m.text, 'attachment', m.attachment, 'createdAt', m.created_at) order by m.seq)
               from messages m where m.interaction_id = interactions.id) end as "messageRows",
            id, campaign_id as campaign, contact_id as contact, agent_id as agent, state, close_reason as "closeReason", origin, out_of_hours as "outOfHours",
            language, queued_at as "queuedAt", answered_at as "answeredAt", closed_at as "closedAt", hold_seconds as "holdSeconds", feedback, quality,
            quality_score as "qualityScore", case when $2::boolean then routing end as routing, contact_read_seq as "contactReadSeq", agent_read_seq as "agentReadSeq", next_seq as "nextSeq"
       from interactions where id = any($1::uuid[])`,
    [ids, options.routing, options.related ?? false, options.messages ?? false],
  );
  return new Map(rows.map((row) => [row.id, readOf(row, options)]));
}

function readOf(
  row: InteractionRow & { agentUser: (Omit<UserRow, 'createdAt'> & { createdAt: string }) | null; contactRow: (Omit<ContactRow, 'createdAt'> & { createdAt: string }) | null; campaignKey: string | null; messageRows: StoredMessageJson[] | null },
  options: ReadOptions,
): ReadInteraction {
  const { agentUser, contactRow, campaignKey, messageRows, routing, ...interaction } = row;
  return {
    interaction: options.routing ? { ...interaction, routing } : (interaction as InteractionRow),
    agent: agentUser ? { ...agentUser, createdAt: new Date(agentUser.createdAt) } : null,
    ...(contactRow ? { contact: { ...contactRow, createdAt: new Date(contactRow.createdAt) } } : {}),
    ...(campaignKey ? { campaignKey } : {}),
    ...(options.messages ? { messages: (messageRows ?? []).map((m) => ({ ...m, seq: Number(m.seq) })) } : {}),
  };
}
