import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql';
import { batchedPerOwner, rowsInRequestOrder } from '../db/batched';
import { ApiScope, Role } from '../auth/role';
import type { Viewer } from '../auth/viewer';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { forbidden, notFound, unauthenticated } from '../graphql/app-error';
import { isUuid } from '../graphql/ids';
import type { AppDeps, Context } from '../graphql/context';
import { rightsChanges, whileAllowed } from '../graphql/while-allowed';
import type { LiveFeed } from '../graphql/live-feed';
import { InteractionOffer } from '../routing/interaction-offer.entity';
import { InteractionState } from './interaction.enums';
import { Interaction } from './interaction.entity';

/**
 * Who may read an interaction: its contact; an agent for chats that are
 * theirs, or waiting in a campaign they belong to; supervisors and admins;
 * API keys with INTERACTIONS_READ. Everyone else is told it does not exist.
 */
export async function mayRead(em: EntityManager, viewer: Viewer, interaction: Interaction): Promise<boolean> {
  switch (viewer.kind) {
    case 'anonymous':
      return false;
    case 'visitor':
      return interaction.contact.id === viewer.contactId && interaction.campaign.id === viewer.campaignId;
    case 'apiKey':
      return viewer.scopes.includes(ApiScope.INTERACTIONS_READ);
    case 'staff':
      if (viewer.role !== Role.AGENT) return true;
      if (interaction.agent?.id === viewer.userId) return true;
      if (interaction.state === InteractionState.OFFERED) return (await em.count(InteractionOffer, { interaction, agent: viewer.userId, expiredAt: null })) > 0;
      if (interaction.state !== InteractionState.QUEUED) return false;
      return (await em.count(CampaignMember, { campaign: interaction.campaign, agent: viewer.userId })) > 0;
  }
}

/** The interaction if the viewer may read it; NOT_FOUND otherwise, so ids of other people's chats reveal nothing. */
export async function readableInteraction(em: EntityManager, viewer: Viewer, id: string): Promise<Interaction> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  const interaction = isUuid(id) ? await em.findOne(Interaction, { id }, { populate: ['campaign', 'contact'] }) : null;
  if (!interaction || !(await mayRead(em, viewer, interaction))) throw notFound('Interaction');
  return interaction;
}

/** What a subscription on one chat needs of it: its id, and its agent (a supervisor following someone else's chat is audited). */
export interface FollowedChat {
  readonly id: string;
  readonly agent: { readonly id: string } | null;
}

/**
 * Chats as their readers see them, many readers in one statement (see `batched`): an agent's claim on a waiting
 * chat is read with it, an open offer to them or their membership of its campaign.
 */
const CHATS_FOR_READERS = `select w.n, i.id, i.state, i.contact_id, i.campaign_id, i.agent_id,
    case when w.agent_id is null then false
         when i.state = 'OFFERED' then exists (select 1 from interaction_offers o where o.interaction_id = i.id and o.agent_id = w.agent_id and o.expired_at is null)
         when i.state = 'QUEUED' then exists (select 1 from campaign_members m where m.campaign_id = i.campaign_id and m.agent_id = w.agent_id)
         else false end as waits_for_agent
  from unnest($1::uuid[], $2::uuid[]) with ordinality as w(id, agent_id, n) join interactions i on i.id = w.id`;

interface ChatRequest {
  readonly id: string;
  /** The reader when an agent, whose claim on a waiting chat is read too. */
  readonly agentId: string | null;
}

interface ChatRow {
  readonly n: string;
  readonly id: string;
  readonly state: InteractionState;
  readonly contact_id: string;
  readonly campaign_id: string;
  readonly agent_id: string | null;
  readonly waits_for_agent: boolean;
}

/** `mayRead` over a row of CHATS_FOR_READERS. */
function mayReadRow(viewer: Viewer, row: ChatRow): boolean {
  switch (viewer.kind) {
    case 'anonymous':
      return false;
    case 'visitor':
      return row.contact_id === viewer.contactId && row.campaign_id === viewer.campaignId;
    case 'apiKey':
      return viewer.scopes.includes(ApiScope.INTERACTIONS_READ);
    case 'staff':
      return viewer.role !== Role.AGENT || row.agent_id === viewer.userId || row.waits_for_agent;
  }
}

/**
 * `readableInteraction` for a subscription's set-up, in one plain statement
 * outside any identity map: the same rights, the same NOT_FOUND, and only
 * what the subscription keeps.
 */
export async function followedChat(deps: AppDeps, viewer: Viewer, id: string): Promise<FollowedChat> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  const row = isUuid(id) ? await chatForReader(deps, viewer, id) : undefined;
  if (!row || !mayReadRow(viewer, row)) throw notFound('Interaction');
  return { id: row.id, agent: row.agent_id ? { id: row.agent_id } : null };
}

/** The chats asked for in one turn of the event loop, with each reader's rights, in one statement. */
const chatRows = batchedPerOwner(async (deps: AppDeps, requests: readonly ChatRequest[]) =>
  rowsInRequestOrder(await sql<ChatRow>(deps.orm.em, CHATS_FOR_READERS, [requests.map((r) => r.id), requests.map((r) => r.agentId)]), requests.length),
);

function chatForReader(deps: AppDeps, viewer: Viewer, id: string): Promise<ChatRow | undefined> {
  return chatRows(deps, { id, agentId: viewer.kind === 'staff' && viewer.role === Role.AGENT ? viewer.userId : null });
}

/** Who may write in a chat: its contact while it is open, its agent while it is active. Supervisors only watch. */
export function assertMayWrite(viewer: Viewer, interaction: Interaction): 'contact' | 'agent' {
  if (viewer.kind === 'visitor' && interaction.contact.id === viewer.contactId && interaction.campaign.id === viewer.campaignId) return 'contact';
  if (viewer.kind === 'staff' && interaction.agent?.id === viewer.userId) return 'agent';
  throw forbidden('Only the customer and the assigned agent write in this chat');
}

/** A subscription on one interaction that ends the moment the reader may no longer read it (an agent reassigned or removed). */
export function whileReadable<T>(ctx: Context, interactionId: string, source: LiveFeed<T>): LiveFeed<T>;
export function whileReadable<T>(ctx: Context, interactionId: string, source: AsyncIterable<T>): AsyncIterable<T>;
export function whileReadable<T>(ctx: Context, interactionId: string, source: AsyncIterable<T>): AsyncIterable<T> {
  const { deps, viewer } = ctx;
  return whileAllowed(source, rightsChanges(deps.pubSub, viewer, interactionId), async () => {
    const row = await chatForReader(deps, viewer, interactionId);
    return row !== undefined && mayReadRow(viewer, row);
  });
}
