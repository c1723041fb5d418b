import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { ApiScope, Role } from '../auth/role';
import { hasScope, isManager, requireStaff, type Viewer } from '../auth/viewer';
import { AppError, badInput, notFound, unauthenticated, forbidden } from '../graphql/app-error';
import type { ParleyPubSub } from '../graphql/pubsub';
import { isUuid } from '../graphql/ids';
import { QualityModel } from '../quality/quality-model.entity';
import { CampaignMember } from './campaign-member.entity';
import { Campaign } from './campaign.entity';
import type { CampaignInput } from './campaign.inputs';
import { validateCampaign } from './campaign.validation';
import { audit, changedSettings } from '../audit/audit';
import { CannedResponse } from './canned-response.entity';
import { archivedCampaignProblem, conflict } from './campaign-archive';
import { modelChoiceProblem } from '../quality/quality-archive';

const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];

export class CampaignService {
  constructor(
    private readonly em: EntityManager,
    private readonly pubSub: ParleyPubSub,
    private readonly now: () => Date = () => new Date(),
    /** Drops what this instance caches of a campaign that changed (see AccessCache.forgetCampaign). */
    private readonly forgetCampaign: (campaignId: string) => void = () => undefined,
  ) {}

  /** Managers and CAMPAIGNS_READ keys see every campaign; an agent sees the campaigns they belong to. Archived ones only on request. */
  async list(viewer: Viewer, includeArchived = false): Promise<Campaign[]> {
    if (isManager(viewer) || hasScope(viewer, ApiScope.CAMPAIGNS_READ)) {
      return this.em.find(Campaign, includeArchived ? {} : { archivedAt: null }, { orderBy: { name: 'asc', id: 'asc' } });
    }
    if (viewer.kind === 'staff') {
      const memberships = await this.em.find(CampaignMember, { agent: viewer.userId }, { populate: ['campaign'] });
      return memberships
        .map((member) => member.campaign)
        .filter((campaign) => includeArchived || !campaign.archivedAt)
        .sort((a, b) => a.name.localeCompare(b.name));
    }
    throw viewer.kind === 'anonymous' ? unauthenticated() : forbidden('This token cannot read campaigns');
  }

  /** The campaign if the viewer may see it; null for unknown ids and for campaigns the viewer may not see. */
  async find(viewer: Viewer, id: string): Promise<Campaign | null> {
    if (viewer.kind === 'anonymous') throw unauthenticated();
    if (!isUuid(id)) return null;
    if (isManager(viewer) || hasScope(viewer, ApiScope.CAMPAIGNS_READ)) return this.em.findOne(Campaign, { id });
    if (viewer.kind === 'staff') {
      const member = await this.em.findOne(CampaignMember, { campaign: id, agent: viewer.userId }, { populate: ['campaign'] });
      return member?.campaign ?? null;
    }
    throw forbidden('This token cannot read campaigns');
  }

  async create(viewer: Viewer, input: CampaignInput): Promise<Campaign> {
    requireStaff(viewer, MANAGERS);
    const campaign = this.em.create(Campaign, await this.settings(input));
    await this.em.persistAndFlush(campaign);
    await this.audit(viewer, 'campaign.created', campaign.id);
    return campaign;
  }

  async update(viewer: Viewer, id: string, input: CampaignInput): Promise<Campaign> {
    requireStaff(viewer, MANAGERS);
    const campaign = await this.editable(id);
    const settings = await this.settings(input);
    const before = snapshot(campaign, Object.keys(settings));
    this.em.assign(campaign, settings);
    await this.em.flush();
    this.changed(campaign.id);
    await this.audit(viewer, 'campaign.updated', campaign.id, changedSettings(before, snapshot(campaign, Object.keys(settings))));
    return campaign;
  }

  async setMember(viewer: Viewer, campaignId: string, agentId: string, penalty: number): Promise<Campaign> {
    requireStaff(viewer, MANAGERS);
    if (!Number.isInteger(penalty) || penalty < 0 || penalty > 100) throw badInput('penalty', 'must be between 0 and 100');
    const campaign = await this.editable(campaignId, 'campaignId');
    const agent = isUuid(agentId) ? await this.em.findOne(User, { id: agentId }) : null;
    if (!agent) throw badInput('agentId', 'no such user');
    if (agent.role !== Role.AGENT) throw badInput('agentId', 'only agents can be campaign members');
    const existing = await this.em.findOne(CampaignMember, { campaign, agent });
    if (existing) existing.penalty = penalty;
    else {
      const last = await this.em.findOne(CampaignMember, { campaign }, { orderBy: { position: 'desc' } });
      this.em.persist(this.em.create(CampaignMember, { campaign, agent, penalty, position: (last?.position ?? 0) + 1 }));
    }
    await this.flushUnique('agentId', 'is already being added');
    this.changed(campaign.id);
    await this.audit(viewer, 'campaign.memberSet', campaign.id, [`members:${agent.id}`]);
    if (!existing) this.pubSub.publish('MEMBERSHIP_CHANGED', agent.id, { agentId: agent.id, campaignId: campaign.id });
    return campaign;
  }

  async removeMember(viewer: Viewer, campaignId: string, agentId: string): Promise<Campaign> {
    requireStaff(viewer, MANAGERS);
    const campaign = await this.managed(campaignId);
    const removed = isUuid(agentId) ? await this.em.nativeDelete(CampaignMember, { campaign, agent: agentId }) : 0;
    this.changed(campaign.id);
    if (removed > 0) await this.audit(viewer, 'campaign.memberRemoved', campaign.id, [`members:${agentId}`]);
    if (removed > 0) this.pubSub.publish('MEMBERSHIP_CHANGED', agentId, { agentId, campaignId: campaign.id });
    return campaign;
  }

  members(campaign: Campaign): Promise<CampaignMember[]> {
    return this.em.find(CampaignMember, { campaign }, { populate: ['agent'], orderBy: { position: 'asc' } });
  }

  cannedResponses(campaign: Campaign): Promise<CannedResponse[]> {
    return this.em.find(CannedResponse, { campaign }, { orderBy: { shortcut: 'asc' } });
  }

  async createCannedResponse(viewer: Viewer, campaignId: string, shortcut: string, text: string): Promise<CannedResponse> {
    requireStaff(viewer, MANAGERS);
    const campaign = await this.editable(campaignId, 'campaignId');
    const response = this.em.create(CannedResponse, { campaign, ...cannedFields(shortcut, text) });
    this.em.persist(response);
    await this.flushUnique('shortcut', 'is already used in this campaign');
    this.changed(campaign.id);
    await this.audit(viewer, 'campaign.cannedResponseCreated', campaign.id, [`cannedResponses:${response.shortcut}`]);
    return response;
  }

  async updateCannedResponse(viewer: Viewer, id: string, shortcut: string, text: string): Promise<CannedResponse> {
    requireStaff(viewer, MANAGERS);
    const response = await this.editableCannedResponse(id);
    this.em.assign(response, cannedFields(shortcut, text));
    await this.flushUnique('shortcut', 'is already used in this campaign');
    this.changed(response.campaign.id);
    await this.audit(viewer, 'campaign.cannedResponseUpdated', response.campaign.id, [`cannedResponses:${response.shortcut}`]);
    return response;
  }

  async deleteCannedResponse(viewer: Viewer, id: string): Promise<boolean> {
    requireStaff(viewer, MANAGERS);
    const response = await this.editableCannedResponse(id);
    await this.em.removeAndFlush(response);
    this.changed(response.campaign.id);
    await this.audit(viewer, 'campaign.cannedResponseDeleted', response.campaign.id, [`cannedResponses:${response.shortcut}`]);
    return true;
  }

  private async managed(id: string): Promise<Campaign> {
    const campaign = isUuid(id) ? await this.em.findOne(Campaign, { id }) : null;
    if (!campaign) throw notFound('Campaign');
    return campaign;
  }

  /** An archived campaign keeps its settings until restored; removing a member (taking access away) stays possible. */
  private async editable(id: string, field: 'id' | 'campaignId' = 'id'): Promise<Campaign> {
    const campaign = await this.managed(id);
    const problem = archivedCampaignProblem(campaign, field);
    if (problem) throw conflict(problem);
    return campaign;
  }

  private async editableCannedResponse(id: string): Promise<CannedResponse> {
    const response = isUuid(id) ? await this.em.findOne(CannedResponse, { id }, { populate: ['campaign'] }) : null;
    if (!response) throw notFound('Canned response');
    const problem = archivedCampaignProblem(response.campaign);
    if (problem) throw conflict(problem);
    return response;
  }

  private async settings(input: CampaignInput) {
    const { problems, settings } = validateCampaign(input);
    const first = problems[0];
    if (first) {
      const error = badInput(first.field, first.message);
      Object.assign(error.extensions, { problems });
      throw error;
    }
    let qualityModel: QualityModel | null = null;
    if (settings.qualityModelId !== null) {
      qualityModel = isUuid(settings.qualityModelId) ? await this.em.findOne(QualityModel, { id: settings.qualityModelId }) : null;
      if (!qualityModel) throw badInput('qualityModelId', 'no such quality model');
      const problem = modelChoiceProblem(qualityModel);
      if (problem) throw badInput(problem.field, problem.message);
    }
    const { qualityModelId: _, ...rest } = settings;
    return { ...rest, qualityModel };
  }

  private async flushUnique(field: string, message: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new AppError('CONFLICT', `${field}: ${message}`, field);
      throw error;
    }
  }

  private audit(viewer: Viewer, action: string, campaignId: string, changes: string[] = []): Promise<void> {
    return audit(this.em, viewer, { action, subjectType: 'campaign', subjectId: campaignId, changes }, this.now());
  }

  private changed(campaignId: string): void {
    this.forgetCampaign(campaignId);
    this.pubSub.publish('CAMPAIGN_UPDATED', campaignId, { campaignId });
  }
}

/** The stored values of a campaign's settings, comparable before and after a change (references by id). */
function snapshot(campaign: Campaign, keys: readonly string[]): Record<string, unknown> {
  const values = campaign as unknown as Record<string, unknown>;
  return JSON.parse(JSON.stringify(Object.fromEntries(keys.map((key) => [key, key === 'qualityModel' ? (campaign.qualityModel?.id ?? null) : values[key]])))) as Record<string, unknown>;
}

function cannedFields(rawShortcut: string, rawText: string): { shortcut: string; text: string } {
  const shortcut = rawShortcut.trim().replace(/^\//, '').toLowerCase();
  const text = rawText.trim();
  if (!/^[a-z0-9][a-z0-9_-]{0,31}$/.test(shortcut)) throw badInput('shortcut', 'must be 1-32 letters, digits, "-" or "_"');
  if (text === '' || text.length > 5000) throw badInput('text', 'must have 1 to 5000 characters');
  return { shortcut, text };
}
