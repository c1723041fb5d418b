import type { EntityManager } from '@mikro-orm/postgresql';
import { batchedPerOwner } from '../db/batched';
import type { Run } from '../db/sql';
import { sql } from '../db/sql';
import type { ContactRow } from './chat-start.store';
import type { CloseReason } from './interaction.enums';

/** What one arrival stores. */
export interface Arrival {
  /** A contact to create; undefined for the visitor's own (already stored). */
  readonly newContact?: ContactRow;
  readonly contactId: string;
  readonly campaignId: string;
  readonly at: Date;
  readonly session: { readonly id: string; readonly tokenHash: string; readonly expiresAt: Date };
  /** The new chat; undefined when the visitor's open chat goes on. Whether it queues is decided as it is stored. */
  readonly chat?: NewChat;
}

/** A new chat as the visitor asks for it: it queues, or is refused on arrival with a notice. */
export interface NewChat {
  readonly id: string;
  /** Within the campaign's schedule; outside it the chat is refused OUT_OF_TIME. */
  readonly openNow: boolean;
  /** The campaign's limit of chats waiting at once: an arrival finding that many is refused QUEUE_FULL. */
  readonly maxChats: number;
  readonly origin: string | null;
  readonly language: string;
  /** When its wait timeout runs out if it queues; null without one. */
  readonly waitDeadline: Date | null;
  /**
   * The notice a refusal stores as the chat's first system message, in the
   * visitor's language: the out-of-time text outside the schedule, the
   * not-available one otherwise; empty for none.
   */
  readonly refusalText: string;
  readonly noticeId: string;
}

/** The new chat as stored. */
export interface ArrivedChat {
  readonly id: string;
  readonly state: 'QUEUED' | 'REJECTED';
  readonly closeReason: CloseReason | null;
  /** REJECTED with a notice: the system message telling the customer why, stored as seq 1. */
  readonly notice: { readonly id: string; readonly text: string } | null;
}

// Every arrival of a batch in one statement: atomic on its own, and in the caller's transaction for a
// visitor's own contact. The foreign keys between its rows are checked at its end.
// The rules on arrival, checked in this order: outside the schedule OUT_OF_TIME; with as many chats
// waiting in the campaign as its maxChats QUEUE_FULL; with none of its members signed in NOT_AVAILABLE;
// otherwise the chat queues. The arrivals of one batch are taken in their order, each finding waiting
// those of the batch queued before it, as if each had been stored on its own.
const ARRIVE = `with arrival as (
    select * from jsonb_to_recordset($1::jsonb) as a(
      n int, contact_id uuid, new_contact boolean, name text, email text, custom_field_value text, at timestamptz,
      session_id uuid, token_hash text, campaign_id uuid, expires_at timestamptz,
      chat_id uuid, open_now boolean, max_chats int, origin text, language text, wait_due timestamptz, refusal_text text, notice_id uuid)
  ),
  campaign as (
    select c.campaign_id,
           (select count(*) from interactions where campaign_id = c.campaign_id and state in ('QUEUED', 'OFFERED')) as waiting,
           (select count(*) from agent_status s join campaign_members m on m.agent_id = s.agent_id where m.campaign_id = c.campaign_id and s.state <> 'OFFLINE') as signed_in
      from (select distinct campaign_id from arrival where chat_id is not null and open_now) c
  ),
  ranked as (
    select a.*, k.waiting, k.signed_in,
           row_number() over (partition by a.campaign_id order by a.n) - 1 as before
      from arrival a join campaign k on k.campaign_id = a.campaign_id
     where a.chat_id is not null and a.open_now
  ),
  decided as (
    select a.*,
           case when a.chat_id is null then null
                when not a.open_now then 'OUT_OF_TIME'
                when r.waiting + case when r.signed_in > 0 then r.before else 0 end >= a.max_chats then 'QUEUE_FULL'
                when r.signed_in = 0 then 'NOT_AVAILABLE' end as refusal
      from arrival a left join ranked r on r.n = a.n
  ),
  noticed as (
    select d.*, case when d.refusal is not null then nullif(d.refusal_text, '') end as notice_text from decided d
  ),
  contact as (
    insert into contacts (id, name, email, custom_field_value, created_at)
    select contact_id, name, email, custom_field_value, at from noticed where new_contact
  ),
  session as (
    insert into visitor_sessions (id, token_hash, contact_id, campaign_id, created_at, expires_at)
    select session_id, token_hash, contact_id, campaign_id, at, expires_at from noticed
  ),
  chat as (
    insert into interactions (id, campaign_id, contact_id, state, close_reason, origin, out_of_hours, language, queued_at, closed_at, next_seq, contact_read_seq, agent_read_seq)
    select chat_id, campaign_id, contact_id, case when refusal is null then 'QUEUED' else 'REJECTED' end, refusal, origin, not open_now, language, at,
           case when refusal is null then null else at end, case when notice_text is null then 1 else 2 end, 0, 0
      from noticed where chat_id is not null
  ),
  wait as (
    insert into deadlines (kind, subject_id, due_at) select 'WAIT_TIMEOUT', chat_id, wait_due from noticed where chat_id is not null and refusal is null and wait_due is not null
  ),
  notice as (
    insert into messages (id, interaction_id, seq, client_id, sender_kind, sender_name, sender_user_id, text, created_at)
    select notice_id, chat_id, 1, null, 'SYSTEM', null, null, notice_text, at from noticed where chat_id is not null and notice_text is not null
  )
  select n, refusal, notice_text from noticed order by n`;

/**
 * Stores arrivals (see `Arrival`) in one statement, deciding on the way
 * whether each new chat queues or is refused (see ARRIVE); answers each
 * one's new chat, in order.
 */
export async function storeArrivals(run: Run, arrivals: readonly Arrival[]): Promise<(ArrivedChat | undefined)[]> {
  const rows = await run<{ n: number; refusal: CloseReason | null; notice_text: string | null }>(ARRIVE, [JSON.stringify(arrivals.map(arrivalJson))]);
  const byN = new Map(rows.map((row) => [Number(row.n), row]));
  return arrivals.map((arrival, n) => {
    const { chat } = arrival;
    const row = byN.get(n);
    if (!chat) return undefined;
    if (!row) throw new Error('storing an arrival returned no row for it');
    return {
      id: chat.id,
      state: row.refusal ? 'REJECTED' : 'QUEUED',
      closeReason: row.refusal,
      notice: row.notice_text !== null ? { id: chat.noticeId, text: row.notice_text } : null,
    };
  });
}

function arrivalJson(arrival: Arrival, n: number) {
  const { newContact, chat, session } = arrival;
  return {
    n,
    contact_id: arrival.contactId,
    new_contact: newContact !== undefined,
    name: newContact?.name ?? null,
    email: newContact?.email ?? null,
    custom_field_value: newContact?.customFieldValue ?? null,
    at: arrival.at.toISOString(),
    session_id: session.id,
    token_hash: session.tokenHash,
    campaign_id: arrival.campaignId,
    expires_at: session.expiresAt.toISOString(),
    chat_id: chat?.id ?? null,
    open_now: chat?.openNow ?? false,
    max_chats: chat?.maxChats ?? 0,
    origin: chat?.origin ?? null,
    language: chat?.language ?? null,
    wait_due: chat?.waitDeadline?.toISOString() ?? null,
    refusal_text: chat?.refusalText ?? '',
    notice_id: chat?.noticeId ?? null,
  };
}

/** At most this many arrivals in one statement. */
const ARRIVALS_PER_STATEMENT = 1000;

type Outcome = { readonly chat: ArrivedChat | undefined } | { readonly error: unknown };

/**
 * Stores a new visitor's arrival (see `storeArrivals`), in one statement
 * with every other arrival asked for in the same turn of the event loop,
 * or, while an arrival statement runs, with every arrival asked for until
 * it ends: a burst of starts costs a few statements, not one each, even
 * when its requests come in one per turn. Should the batch's statement
 * fail, its arrivals are stored one by one, so that one visitor's failure
 * stays theirs. `em` is the ORM's own entity manager (`orm.em`): the
 * statement runs outside any unit of work.
 */
export async function arrive(em: EntityManager, arrival: Arrival): Promise<ArrivedChat | undefined> {
  const outcome = await storeArrival(em, arrival);
  if ('error' in outcome) throw outcome.error;
  return outcome.chat;
}

const storeArrival = batchedPerOwner(
  async (em: EntityManager, arrivals: readonly Arrival[]): Promise<Outcome[]> => {
    const run: Run = (text, values) => sql(em, text, values);
    try {
      return (await storeArrivals(run, arrivals)).map((chat) => ({ chat }));
    } catch (error) {
      if (arrivals.length === 1) return [{ error }];
      return Promise.all(arrivals.map((one) => storeArrivals(run, [one]).then(([chat]) => ({ chat }), (failure: unknown) => ({ error: failure }))));
    }
  },
  ARRIVALS_PER_STATEMENT,
  1,
);
