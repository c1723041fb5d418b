import { LockMode, type FilterQuery } from '@mikro-orm/core';
import { AgentState } from '../agents/agent-activity.types';
import { ApiScope, Role } from '../auth/role';
import { hasScope, isManager, requireStaff } from '../auth/viewer';
import { Campaign } from '../campaigns/campaign.entity';
import { Distribution } from '../campaigns/campaign.enums';
import { InteractionOffer } from '../routing/interaction-offer.entity';
import { textIn } from '../campaigns/localized-text';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { AppError, badInput, forbidden, notFound, unauthenticated } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { QualityModel } from '../quality/quality-model.entity';
import { scoreQuality } from '../quality/quality-scoring';
import { assignmentEvents, dispatchCampaign } from '../routing/dispatcher';
import { lockCampaign, storeRun } from '../routing/dispatch.store';
import { sql, transaction } from '../db/sql';
import { ineligibility } from '../routing/routing-policy';
import { announceActivity, publishAll, type ConversationEvent } from './conversation-events';
import { readableInteraction } from './interaction-access';
import { endInteraction } from './interaction-lifecycle';
import { CloseReason, InteractionState } from './interaction.enums';
import { Interaction } from './interaction.entity';
import type { InteractionConnection, InteractionFilter, QualityAnswerInput } from './interaction.types';

const PAGE = { default: 20, max: 100 };

export class InteractionService {
  constructor(private readonly ctx: Context) {}

  find(id: string): Promise<Interaction> {
    return readableInteraction(this.ctx.em, this.ctx.viewer, id);
  }

  private async inMembersCampaign(id: string, agentId: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await sql<{ found: number }>(
      this.ctx.em,
      'select 1 as found from interactions i join campaign_members m on m.campaign_id = i.campaign_id and m.agent_id = $2::uuid where i.id = $1::uuid',
      [id, agentId],
    );
    return rows.length > 0;
  }

  /** An agent takes a chat offered to them (RINGALL) or waiting in an AGENT_PICKS queue; the first to accept wins. */
  async accept(id: string): Promise<Interaction> {
    const { em, deps } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer, [Role.AGENT]);
    const interaction = await this.find(id).catch(async (error: unknown) => {
      // Another agent's accept committed first: to a member of its campaign, who saw it waiting, the chat was taken, not unknown.
      throw (await this.inMembersCampaign(id, viewer.userId)) ? new AppError('CONFLICT', 'This chat was already taken or has ended') : error;
    });
    const campaignId = interaction.campaign.id;
    const events: ConversationEvent[] = [];
    await transaction(em, async (run) => {
      // The campaign's dispatch lock, then the agent's status row, as a dispatch run takes them.
      const campaign = await lockCampaign(run, campaignId);
      if (!campaign) throw notFound('Interaction');
      const [status] = await run<{ state: AgentState; in_media_call: boolean }>('select state, in_media_call from agent_status where agent_id = $1::uuid for update', [viewer.userId]);
      // Read once the status row is held: an assignment to this agent committed meanwhile is counted.
      const [chat] = await run<{ state: InteractionState; agent_id: string | null; queued_at: Date; routing: Record<string, unknown> | null; offered: boolean; active: string }>(
        `select state, agent_id, queued_at, routing,
                exists (select 1 from interaction_offers where interaction_id = $1::uuid and agent_id = $2::uuid and expired_at is null) as offered,
                (select count(*) from interactions where agent_id = $2::uuid and state = 'ACTIVE') as active
           from interactions where id = $1::uuid for update`,
        [interaction.id, viewer.userId],
      );
      if (!chat) throw notFound('Interaction');
      if (chat.state === InteractionState.ACTIVE && chat.agent_id === viewer.userId) return;
      if (chat.state !== InteractionState.QUEUED && chat.state !== InteractionState.OFFERED) throw new AppError('CONFLICT', 'This chat was already taken or has ended');
      // Offered chats go to the agents they are offered to; queued ones only where agents pick them.
      const offered = chat.state === InteractionState.OFFERED && chat.offered;
      if (!offered && !(chat.state === InteractionState.QUEUED && campaign.distribution === Distribution.AGENT_PICKS)) {
        throw new AppError('CONFLICT', 'This chat is not offered to you: the offer expired or went to someone else');
      }
      const why = ineligibility(
        { distribution: campaign.distribution, availability: campaign.availability, maxInteractionsPerAgent: campaign.maxInteractionsPerAgent },
        { agentId: viewer.userId, position: 0, penalty: 0, state: status?.state ?? AgentState.OFFLINE, activeCount: Number(chat.active), inMediaCall: status?.in_media_call ?? false, lastEndedAt: null, handledToday: 0 },
      );
      if (why) throw new AppError('CONFLICT', `You cannot take another chat now: ${why}`);
      const now = deps.now();
      const holdSeconds = Math.max(0, Math.round((now.getTime() - new Date(chat.queued_at).getTime()) / 1000));
      const routing = { ...(chat.routing ?? {}), acceptedBy: viewer.userId };
      const stored = await storeRun(run, campaignId, campaign, [{ id: interaction.id, state: 'ACTIVE', routing, agentId: viewer.userId, holdSeconds }], null, null, now);
      events.push(...assignmentEvents(interaction.id, viewer.userId, stored, campaign, now));
      events.push({ topic: 'INTERACTION_UPDATED', interactionId: interaction.id });
    });
    publishAll(deps.pubSub, events);
    announceActivity(deps.pubSub, campaignId);
    await em.refresh(interaction);
    return interaction;
  }

  /** The assigned agent closes the chat with the campaign's quality form. */
  async close(id: string, quality: QualityAnswerInput[] | null): Promise<Interaction> {
    const { em, deps } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer);
    const interaction = await this.find(id);
    if (interaction.agent?.id !== viewer.userId && !isManager(viewer)) throw forbidden('Only the assigned agent or a supervisor closes this chat');
    if (interaction.state !== InteractionState.ACTIVE) throw new AppError('CONFLICT', `This chat is ${interaction.state.toLowerCase()}, not active`);
    const campaign = await em.findOneOrFail(Campaign, { id: interaction.campaign.id });
    const model = campaign.qualityModel ? await em.findOne(QualityModel, { id: campaign.qualityModel.id }) : null;
    let scored: { answers: QualityAnswerInput[]; score: number | null } = { answers: [], score: null };
    if (model) {
      const result = scoreQuality(model.questions, quality ?? []);
      if (result.problem) throw badInput(result.problem.field, result.problem.message);
      scored = result;
    } else if (quality && quality.length > 0) throw badInput('quality', 'this campaign has no quality model');
    const events: ConversationEvent[] = [];
    await em.transactional(async (tx) => {
      const chat = await tx.findOneOrFail(Interaction, { id: interaction.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (chat.state !== InteractionState.ACTIVE) throw new AppError('CONFLICT', 'This chat has already ended');
      chat.quality = model ? scored.answers : null;
      chat.qualityScore = scored.score;
      const text = campaign.feedbackEnabled ? textIn(campaign.feedbackMessage, chat.language) : undefined;
      await endInteraction(tx, chat, InteractionState.CLOSED, CloseReason.AGENT_CLOSED, deps.now(), events, text);
    });
    publishAll(deps.pubSub, events);
    announceActivity(deps.pubSub, campaign.id);
    await dispatchCampaign(deps, campaign.id);
    await em.refresh(interaction);
    return interaction;
  }

  /** The contact rates a finished chat, once, when the campaign asks for feedback. */
  async leaveFeedback(id: string, rating: number, note: string | null): Promise<Interaction> {
    const { em, viewer, deps } = this.ctx;
    const interaction = await this.find(id);
    if (viewer.kind !== 'visitor') throw forbidden('Only the customer leaves feedback');
    const campaign = await em.findOneOrFail(Campaign, { id: interaction.campaign.id });
    if (!campaign.feedbackEnabled) throw new AppError('FORBIDDEN', 'This campaign does not ask for feedback');
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw badInput('rating', 'must be from 1 to 5');
    const text = note?.trim() || null;
    if (text && text.length > 2000) throw badInput('note', 'must have at most 2000 characters');
    if (interaction.state !== InteractionState.CLOSED) throw new AppError('CONFLICT', 'Feedback is for finished chats');
    const updated = await em.nativeUpdate(Interaction, { id: interaction.id, feedback: null }, { feedback: { rating, note: text } });
    if (updated === 0) throw new AppError('CONFLICT', 'Feedback was already left for this chat');
    publishAll(deps.pubSub, [{ topic: 'INTERACTION_UPDATED', interactionId: interaction.id }]);
    await em.refresh(interaction);
    return interaction;
  }

  /**
   * The contact's earlier chats, newest first, for the agent answering them:
   * chats of the same contact or of contacts with the same email (a visit
   * makes a contact of its own), only in campaigns the reader may read.
   */
  async contactHistory(id: string): Promise<Interaction[]> {
    const { em, viewer } = this.ctx;
    const interaction = await this.find(id);
    if (viewer.kind === 'visitor') throw forbidden('History is for staff');
    const email = interaction.contact.email;
    const where: FilterQuery<Interaction>[] = [
      { id: { $ne: interaction.id } },
      email ? { $or: [{ contact: interaction.contact.id }, { contact: { email } }] } : { contact: interaction.contact.id },
    ];
    if (viewer.kind === 'staff' && viewer.role === Role.AGENT) where.push({ campaign: { $in: await memberCampaignIds(em, viewer.userId) } });
    return em.find(Interaction, { $and: where }, { orderBy: { queuedAt: 'desc' }, limit: 100, populate: ['contact'] });
  }

  /** Recordings: filtered, newest first, cursor-paginated. */
  async list(filter: InteractionFilter | null, first: number | null, after: string | null): Promise<InteractionConnection> {
    const { em, viewer } = this.ctx;
    if (viewer.kind === 'anonymous') throw unauthenticated();
    const where: FilterQuery<Interaction>[] = [];
    if (viewer.kind === 'visitor') where.push({ contact: viewer.contactId, campaign: viewer.campaignId });
    else if (viewer.kind === 'apiKey' && !hasScope(viewer, ApiScope.INTERACTIONS_READ)) throw forbidden('This API key lacks the scope INTERACTIONS_READ');
    else if (viewer.kind === 'staff' && viewer.role === Role.AGENT) {
      // Their own chats, the chats waiting in their campaigns (to pick from an AGENT_PICKS queue), and those offered to them now.
      const campaigns = await memberCampaignIds(em, viewer.userId);
      const offered = (await em.find(InteractionOffer, { agent: viewer.userId, expiredAt: null })).map((offer) => offer.interaction.id);
      where.push({ $or: [{ agent: viewer.userId }, { state: InteractionState.QUEUED, campaign: { $in: campaigns } }, { state: InteractionState.OFFERED, id: { $in: offered } }] });
    }
    const f = filter ?? {};
    const ids = (value: string | null | undefined, field: string) => {
      if (value != null && !isUuid(value)) throw badInput(`filter.${field}`, 'is not an id');
      return value;
    };
    if (ids(f.campaignId, 'campaignId')) where.push({ campaign: f.campaignId as string });
    if (ids(f.agentId, 'agentId')) where.push({ agent: f.agentId as string });
    if (f.state) where.push({ state: f.state });
    if (f.from) where.push({ queuedAt: { $gte: f.from } });
    if (f.to) where.push({ queuedAt: { $lt: f.to } });
    if (f.outOfHours != null) where.push({ outOfHours: f.outOfHours });
    if (f.text?.trim()) {
      const pattern = `%${f.text.trim().slice(0, 200).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await em.getConnection().execute<{ id: string }[]>('select distinct interaction_id as id from messages where text ilike ? limit 5000', [pattern]);
      where.push({ $or: [{ contact: { name: { $ilike: pattern } } }, { contact: { email: { $ilike: pattern } } }, { id: { $in: rows.map((r) => r.id) } }] });
    }
    const limit = Math.min(PAGE.max, Math.max(1, first ?? PAGE.default));
    if (first != null && (first < 1 || first > PAGE.max)) throw badInput('first', `must be from 1 to ${PAGE.max}`);
    const base: FilterQuery<Interaction> = where.length ? { $and: where } : {};
    const cursor = after ? decodeCursor(after) : null;
    const page: FilterQuery<Interaction> = cursor ? { $and: [base, { $or: [{ queuedAt: { $lt: cursor.at } }, { queuedAt: cursor.at, id: { $lt: cursor.id } }] }] } : base;
    const [rows, totalCount] = await Promise.all([
      em.find(Interaction, page, { orderBy: { queuedAt: 'desc', id: 'desc' }, limit: limit + 1, populate: ['contact'] }),
      em.count(Interaction, base),
    ]);
    const nodes = rows.slice(0, limit);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
    return { edges, totalCount, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}

async function memberCampaignIds(em: Context['em'], agentId: string): Promise<string[]> {
  return (await em.find(CampaignMember, { agent: agentId })).map((member) => member.campaign.id);
}

const encodeCursor = (node: Interaction) => Buffer.from(`${node.queuedAt.toISOString()}|${node.id}`).toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(date.getTime())) throw badInput('after', 'is not a cursor from this list');
  return { at: date, id };
}
