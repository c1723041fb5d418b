import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from '../audit/audit';
import { Role } from '../auth/role';
import { requireStaff, type Viewer } from '../auth/viewer';
import { notFound } from '../graphql/app-error';
import { isUuid } from '../graphql/ids';
import type { ParleyPubSub } from '../graphql/pubsub';
import { Interaction } from '../interactions/interaction.entity';
import { archiveChange, campaignDeletionProblem, conflict } from './campaign-archive';
import { CampaignMember } from './campaign-member.entity';
import { Campaign } from './campaign.entity';

/** Taking a campaign out of use, bringing it back and deleting it are for admins. */
const ADMINS = [Role.ADMIN];

/**
 * Archive, restore and delete. An archived campaign takes no chats (the widget
 * is answered CAMPAIGN_DISABLED and the deadline worker ends the chats still
 * waiting, as for a disabled campaign), is left off lists unless asked for,
 * and keeps its chats, recordings and statistics. Only a campaign no chat ever
 * reached is deleted.
 */
export class CampaignArchiveService {
  constructor(
    private readonly em: EntityManager,
    private readonly pubSub: ParleyPubSub,
    private readonly now: () => Date = () => new Date(),
    /** Drops what this instance caches of a campaign that changed (see AccessCache.forgetCampaign). */
    private readonly forgetCampaign: (campaignId: string) => void = () => undefined,
  ) {}

  archive(viewer: Viewer, id: string): Promise<Campaign> {
    return this.setArchived(viewer, id, true);
  }

  restore(viewer: Viewer, id: string): Promise<Campaign> {
    return this.setArchived(viewer, id, false);
  }

  async delete(viewer: Viewer, id: string): Promise<boolean> {
    requireStaff(viewer, ADMINS);
    const campaign = await this.find(id);
    const members = await this.em.find(CampaignMember, { campaign });
    await this.em.transactional(async (tx) => {
      // With the row held, a chat arriving meanwhile either committed first (and is counted) or fails on its foreign key.
      await tx.getConnection().execute('select id from campaigns where id = ? for update', [campaign.id], 'all', tx.getTransactionContext());
      const problem = campaignDeletionProblem(await tx.count(Interaction, { campaign: campaign.id }));
      if (problem) throw conflict(problem);
      await tx.nativeDelete(Campaign, { id: campaign.id });
    });
    // Members, canned responses and routing memory go with it (foreign keys cascade).
    this.forgetCampaign(campaign.id);
    this.pubSub.publish('CAMPAIGN_UPDATED', campaign.id, { campaignId: campaign.id });
    for (const member of members) this.pubSub.publish('MEMBERSHIP_CHANGED', member.agent.id, { agentId: member.agent.id, campaignId: campaign.id });
    await audit(this.em, viewer, { action: 'campaign.deleted', subjectType: 'campaign', subjectId: campaign.id, changes: [`name:${campaign.name}`] }, this.now());
    return true;
  }

  /** Whether any chat or offline message ever reached the campaign; such a campaign is archived, never deleted. */
  async hasInteractions(campaign: Campaign): Promise<boolean> {
    const [row] = await this.em.getConnection().execute<{ used: boolean }[]>('select exists (select 1 from interactions where campaign_id = ?) as used', [campaign.id]);
    return row?.used === true;
  }

  private async setArchived(viewer: Viewer, id: string, archive: boolean): Promise<Campaign> {
    requireStaff(viewer, ADMINS);
    const campaign = await this.find(id);
    const change = archiveChange(campaign.archivedAt, archive, this.now());
    if (!change) return campaign;
    campaign.archivedAt = change.archivedAt;
    await this.em.flush();
    this.forgetCampaign(campaign.id);
    this.pubSub.publish('CAMPAIGN_UPDATED', campaign.id, { campaignId: campaign.id });
    await audit(this.em, viewer, { action: archive ? 'campaign.archived' : 'campaign.restored', subjectType: 'campaign', subjectId: campaign.id }, this.now());
    return campaign;
  }

  private async find(id: string): Promise<Campaign> {
    const campaign = isUuid(id) ? await this.em.findOne(Campaign, { id }) : null;
    if (!campaign) throw notFound('Campaign');
    return campaign;
  }
}
