import type { AgentState } from '../agents/agent-activity.types';
import type { Run } from '../db/sql';
import type { Availability, Distribution, MemberSnapshot } from './routing-policy';
import type { Roster } from './stored-explanation';

/** What a dispatch run needs of its campaign. */
export interface DispatchCampaign {
  readonly distribution: Distribution;
  readonly availability: Availability;
  readonly maxInteractionsPerAgent: number;
  readonly offerTimeoutSeconds: number;
  readonly automaticAgentMessage: string | null;
  readonly showAgentName: boolean;
  readonly timezone: string;
  readonly takesChats: boolean;
}

export interface WaitingRow {
  readonly id: string;
  readonly queuedAt: Date;
}

export interface OfferRow {
  readonly interactionId: string;
  readonly agentId: string;
  readonly expired: boolean;
}

/** A campaign's queue and its members as a dispatch run sees them, read under its locks. */
export interface QueueState {
  readonly waiting: readonly WaitingRow[];
  readonly members: readonly MemberSnapshot[];
  readonly offers: readonly OfferRow[];
  readonly lastAgentId: string | null;
}

/**
 * Takes the campaign's dispatch lock (held until the transaction ends) and
 * reads the campaign; undefined when it no longer exists.
 */
export async function lockCampaign(run: Run, campaignId: string): Promise<DispatchCampaign | undefined> {
  const [row] = await run<{
    distribution: Distribution;
    availability: Availability;
    max_interactions_per_agent: number;
    offer_timeout_seconds: number;
    automatic_agent_message: string | null;
    show_agent_name: boolean;
    timezone: string;
    takes_chats: boolean;
  }>(
    `select pg_advisory_xact_lock(hashtext($1)) as locked, distribution, availability, max_interactions_per_agent, offer_timeout_seconds,
            automatic_agent_message, show_agent_name, schedule->>'timezone' as timezone, enabled and archived_at is null as takes_chats
       from campaigns where id = $2::uuid`,
    [`dispatch:${campaignId}`, campaignId],
  );
  if (!row) return undefined;
  return {
    distribution: row.distribution,
    availability: row.availability,
    maxInteractionsPerAgent: Number(row.max_interactions_per_agent),
    offerTimeoutSeconds: Number(row.offer_timeout_seconds),
    automaticAgentMessage: row.automatic_agent_message,
    showAgentName: row.show_agent_name,
    timezone: row.timezone,
    takesChats: row.takes_chats,
  };
}

const READ_QUEUE = `select
  (select coalesce(json_agg(json_build_object('id', w.id, 'queuedAt', w.queued_at) order by w.queued_at, w.id), '[]')
     from (select id, queued_at from interactions where campaign_id = $1::uuid and state in ('QUEUED', 'OFFERED') order by queued_at, id limit 500) w) as waiting,
  (select coalesce(json_agg(json_build_object('agentId', m.agent_id, 'position', m.position, 'penalty', m.penalty,
            'state', s.state, 'inMediaCall', s.in_media_call, 'lastEndedAt', s.last_interaction_ended_at,
            'active', coalesce(c.active, 0), 'handled', coalesce(c.handled, 0)) order by m.position), '[]')
     from campaign_members m
     left join agent_status s on s.agent_id = m.agent_id
     left join (select agent_id, count(*) filter (where state = 'ACTIVE') as active, count(*) filter (where answered_at >= $2::timestamptz and campaign_id = $1::uuid) as handled
                  from interactions where agent_id in (select agent_id from campaign_members where campaign_id = $1::uuid) group by agent_id) c on c.agent_id = m.agent_id
    where m.campaign_id = $1::uuid) as members,
  (select coalesce(json_agg(json_build_object('interactionId', o.interaction_id, 'agentId', o.agent_id, 'expired', o.expired_at is not null)), '[]')
     from interaction_offers o join interactions i on i.id = o.interaction_id
    where i.campaign_id = $1::uuid and i.state in ('QUEUED', 'OFFERED')) as offers,
  (select last_agent_id from routing_memory where campaign_id = $1::uuid) as last_agent_id`;

/**
 * Locks the status rows of the campaign's members, in agent_id order on every
 * path so that concurrent dispatches of campaigns sharing agents cannot
 * deadlock; then, in a statement that starts once they are held (so it sees
 * what the holder before committed), reads the waiting chats (oldest first,
 * at most 500), the members with their load, the open and expired offers
 * and the RRMEMORY memory.
 */
export async function readQueue(run: Run, campaignId: string, dayStart: Date): Promise<QueueState> {
  await run('select agent_id from agent_status where agent_id in (select agent_id from campaign_members where campaign_id = $1::uuid) order by agent_id for update', [campaignId]);
  const [row] = await run<{
    waiting: { id: string; queuedAt: string }[];
    members: { agentId: string; position: number; penalty: number; state: AgentState | null; inMediaCall: boolean | null; lastEndedAt: string | null; active: number; handled: number }[];
    offers: OfferRow[];
    last_agent_id: string | null;
  }>(READ_QUEUE, [campaignId, dayStart]);
  if (!row) throw new Error('reading the queue returned no row');
  return {
    waiting: row.waiting.map((w) => ({ id: w.id, queuedAt: new Date(w.queuedAt) })),
    members: row.members.map((m) => ({
      agentId: m.agentId,
      position: Number(m.position),
      penalty: Number(m.penalty),
      state: (m.state ?? 'OFFLINE') as MemberSnapshot['state'],
      activeCount: Number(m.active),
      inMediaCall: m.inMediaCall ?? false,
      lastEndedAt: m.lastEndedAt ? new Date(m.lastEndedAt).getTime() : null,
      handledToday: Number(m.handled),
    })),
    offers: row.offers,
    lastAgentId: row.last_agent_id,
  };
}

/** One decision of a run, as stored. */
export interface StoredDecision {
  readonly id: string;
  /** ACTIVE for an assignment, OFFERED for offers. */
  readonly state: 'ACTIVE' | 'OFFERED';
  readonly routing: Record<string, unknown>;
  /** Assignments only. */
  readonly agentId?: string;
  readonly holdSeconds?: number;
  /** Offers only: the agents offered the chat now. */
  readonly offeredTo?: readonly string[];
}

export interface StoredRun {
  /** The chats stored as decided. */
  readonly changed: readonly string[];
  /** The automatic agent message of each assigned chat, when the campaign has one. */
  readonly messages: readonly { interactionId: string; id: string; seq: number; senderName: string | null; senderUserId: string }[];
  /** Offers withdrawn from agents because the chat went to someone (they include the assignee's own). */
  readonly withdrawn: readonly { interactionId: string; agentId: string }[];
}

// Every decision of a run in one statement. Assigned chats: ACTIVE with their agent, answer and hold
// time, their offers withdrawn, the automatic message (if any) with the seq taken from next_seq as
// appendText takes it. Offered chats: OFFERED, the offers (an expired one opened again), the round's
// deadline (agents added to an open round share it). Routing memory: the last agent assigned, written
// last (the select list reads the chats' writes first). The roster the explanations name, once.
const STORE_RUN = `with decision as (
    select * from jsonb_to_recordset($1::jsonb) as d(id uuid, state text, routing jsonb, agent_id uuid, hold_seconds int, offered_to uuid[])
  ),
  roster as (
    insert into routing_rosters (id, members, created_at) select $8::text, $9::jsonb, $2::timestamptz where $8::text is not null
    on conflict (id) do nothing
  ),
  memory as (
    insert into routing_memory (campaign_id, last_agent_id, updated_at)
    select $6::uuid, $7::uuid, $2::timestamptz where $7::uuid is not null
    on conflict (campaign_id) do update set last_agent_id = excluded.last_agent_id
    returning campaign_id
  ),
  changed as (
    update interactions i
       set state = d.state,
           routing = d.routing,
           agent_id = case when d.state = 'ACTIVE' then d.agent_id else i.agent_id end,
           answered_at = case when d.state = 'ACTIVE' then $2::timestamptz else i.answered_at end,
           hold_seconds = case when d.state = 'ACTIVE' then d.hold_seconds else i.hold_seconds end,
           next_seq = i.next_seq + case when d.state = 'ACTIVE' and $3::text is not null then 1 else 0 end
      from decision d
     where i.id = d.id and i.state in ('QUEUED', 'OFFERED')
    returning i.id, i.state, i.agent_id, i.next_seq - 1 as seq
  ),
  message as (
    insert into messages (id, interaction_id, seq, client_id, sender_kind, sender_name, sender_user_id, text, created_at)
    select gen_random_uuid(), c.id, c.seq, null, 'AGENT', case when $4::boolean then u.name end, c.agent_id, $3::text, $2::timestamptz
      from changed c join users u on u.id = c.agent_id
     where c.state = 'ACTIVE' and $3::text is not null
    returning id, interaction_id, seq, sender_name, sender_user_id
  ),
  withdrawn as (
    delete from interaction_offers o using changed c
     where o.interaction_id = c.id and c.state = 'ACTIVE'
    returning o.interaction_id, o.agent_id
  ),
  offered as (
    insert into interaction_offers (interaction_id, agent_id, created_at, expired_at)
    select c.id, a.agent_id, $2::timestamptz, null from changed c join decision d on d.id = c.id cross join unnest(d.offered_to) as a(agent_id) where c.state = 'OFFERED'
    on conflict (interaction_id, agent_id) do update set expired_at = null, created_at = excluded.created_at
  ),
  round as (
    insert into deadlines (kind, subject_id, due_at)
    select 'OFFER_EXPIRY', c.id, $2::timestamptz + make_interval(secs => $5::int) from changed c where c.state = 'OFFERED'
    on conflict do nothing
  )
  select (select coalesce(json_agg(c.id), '[]') from changed c) as changed,
         (select coalesce(json_agg(json_build_object('interactionId', interaction_id, 'id', id, 'seq', seq, 'senderName', sender_name, 'senderUserId', sender_user_id)), '[]') from message) as messages,
         (select coalesce(json_agg(json_build_object('interactionId', interaction_id, 'agentId', agent_id)), '[]') from withdrawn) as withdrawn,
         (select count(*) from memory) as remembered`;

/**
 * Stores every decision of a run in one statement (see STORE_RUN). A chat
 * that stopped waiting since it was read (the customer left) is left alone.
 */
export async function storeRun(
  run: Run,
  campaignId: string,
  campaign: DispatchCampaign,
  decisions: readonly StoredDecision[],
  /** The roster the decisions' explanations name; null when they name none new. */
  roster: Roster | null,
  lastAgentId: string | null,
  now: Date,
): Promise<StoredRun> {
  const json = decisions.map((d) => ({ id: d.id, state: d.state, routing: d.routing, agent_id: d.agentId ?? null, hold_seconds: d.holdSeconds ?? null, offered_to: d.offeredTo ?? [] }));
  const [row] = await run<StoredRun>(STORE_RUN, [
    JSON.stringify(json),
    now,
    campaign.automaticAgentMessage || null,
    campaign.showAgentName,
    campaign.offerTimeoutSeconds,
    campaignId,
    lastAgentId,
    roster?.id ?? null,
    roster ? JSON.stringify(roster.members) : null,
  ]);
  if (!row) throw new Error('storing a dispatch run returned no row');
  return { changed: row.changed, messages: row.messages.map((m) => ({ ...m, seq: Number(m.seq) })), withdrawn: row.withdrawn };
}
