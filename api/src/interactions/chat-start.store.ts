import type { EntityManager } from '@mikro-orm/postgresql';
import type { Run } from '../db/sql';
import { sql } from '../db/sql';
import { batched } from '../db/batched';
import type { VisitorDetails } from './chat-rules';
import type { StoredMessageJson } from './message-list.store';

/** What the arrival rules read: chats waiting in the campaign and its members signed in. */
export async function arrivalCounts(em: EntityManager, campaignId: string): Promise<{ waiting: number; membersSignedIn: number }> {
  const [row] = await sql<{ waiting: string; signed_in: string }>(
    em,
    `select (select count(*) from interactions where campaign_id = $1::uuid and state in ('QUEUED', 'OFFERED')) as waiting,
            (select count(*) from agent_status s join campaign_members m on m.agent_id = s.agent_id where m.campaign_id = $1::uuid and s.state <> 'OFFLINE') as signed_in`,
    [campaignId],
  );
  return { waiting: Number(row?.waiting ?? 0), membersSignedIn: Number(row?.signed_in ?? 0) };
}

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

/** What one arrival stores. */
export interface Arrival {
  /** A contact to create; undefined for the visitor's own (already stored). */
  readonly newContact?: ContactRow;
  readonly contactId: string;
  readonly campaignId: string;
  readonly at: Date;
  readonly session: { readonly id: string; readonly tokenHash: string; readonly expiresAt: Date };
  /** The new chat; undefined when the visitor's open chat goes on. */
  readonly chat?: {
    readonly id: string;
    readonly state: 'QUEUED' | 'REJECTED';
    readonly closeReason: string | null;
    readonly origin: string | null;
    readonly outOfHours: boolean;
    readonly language: string;
    /** QUEUED with a wait timeout: when it runs out. */
    readonly waitDeadline: Date | null;
    /** REJECTED: the system message telling the customer why, as its first message. */
    readonly notice: { readonly id: string; readonly text: string } | null;
  };
}

// One statement: atomic on its own, and in the caller's transaction for a visitor's own contact.
// The foreign keys between its rows are checked at its end.
const ARRIVE = `with contact as (
    insert into contacts (id, name, email, custom_field_value, created_at)
    select $1::uuid, $2::text, $3::text, $4::text, $5::timestamptz where $6::boolean
  ),
  session as (
    insert into visitor_sessions (id, token_hash, contact_id, campaign_id, created_at, expires_at)
    values ($7::uuid, $8::text, $1::uuid, $9::uuid, $5::timestamptz, $10::timestamptz)
  ),
  chat as (
    insert into interactions (id, campaign_id, contact_id, state, close_reason, origin, out_of_hours, language, queued_at, closed_at, next_seq, contact_read_seq, agent_read_seq)
    select $11::uuid, $9::uuid, $1::uuid, $12::text, $13::text, $14::text, $15::boolean, $16::text, $5::timestamptz,
           case when $12::text = 'QUEUED' then null else $5::timestamptz end, case when $18::text is null then 1 else 2 end, 0, 0
     where $11::uuid is not null
  ),
  wait as (
    insert into deadlines (kind, subject_id, due_at) select 'WAIT_TIMEOUT', $11::uuid, $17::timestamptz where $17::timestamptz is not null
  ),
  notice as (
    insert into messages (id, interaction_id, seq, client_id, sender_kind, sender_name, sender_user_id, text, created_at)
    select $19::uuid, $11::uuid, 1, null, 'SYSTEM', null, null, $18::text, $5::timestamptz where $18::text is not null
  )
  select 1 as stored`;

/** Stores an arrival (see `Arrival`) in one statement. */
export async function storeArrival(run: Run, arrival: Arrival): Promise<void> {
  const { newContact, chat, session } = arrival;
  await run(ARRIVE, [
    arrival.contactId,
    newContact?.name ?? null,
    newContact?.email ?? null,
    newContact?.customFieldValue ?? null,
    arrival.at,
    newContact !== undefined,
    session.id,
    session.tokenHash,
    arrival.campaignId,
    session.expiresAt,
    chat?.id ?? null,
    chat?.state ?? null,
    chat?.closeReason ?? null,
    chat?.origin ?? null,
    chat?.outOfHours ?? false,
    chat?.language ?? null,
    chat?.waitDeadline ?? null,
    chat?.notice?.text ?? null,
    chat?.notice?.id ?? null,
  ]);
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
