import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ApiScope } from '../auth/role';
import { hasScope } from '../auth/viewer';
import { notFound } from '../graphql/app-error';
import { rightsChanges, whileAllowed } from '../graphql/while-allowed';
import type { Context } from '../graphql/context';
import { CampaignMember } from './campaign-member.entity';
import { Campaign } from './campaign.entity';
import { CampaignInput } from './campaign.inputs';
import { CampaignArchiveService } from './campaign-archive.service';
import { CampaignService } from './campaign.service';
import { CannedResponse } from './canned-response.entity';
import { embedCode } from './embed-code';
import { isOpen } from './schedule';
import { dispatchCampaign } from '../routing/dispatcher';

const forget = (ctx: Context) => (campaignId: string) => ctx.deps.access.forgetCampaign(campaignId);
const service = (ctx: Context) => new CampaignService(ctx.em, ctx.deps.pubSub, ctx.deps.now, forget(ctx));
const archive = (ctx: Context) => new CampaignArchiveService(ctx.em, ctx.deps.pubSub, ctx.deps.now, forget(ctx));

/**
 * A campaign's private settings (members, canned texts, the offline address) are for staff and CAMPAIGNS_READ keys,
 * however the campaign was reached: a visitor through their chat, an INTERACTIONS_READ key through `interaction { campaign }`.
 */
const maySeePrivate = (ctx: Context) => ctx.viewer.kind === 'staff' || hasScope(ctx.viewer, ApiScope.CAMPAIGNS_READ);

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => [Campaign])
  campaigns(
    @Arg('includeArchived', () => Boolean, { nullable: true, defaultValue: false, description: 'archived campaigns too' }) includeArchived: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<Campaign[]> {
    return service(ctx).list(ctx.viewer, includeArchived === true);
  }

  @Query(() => Campaign, { nullable: true })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Campaign | null> {
    return service(ctx).find(ctx.viewer, id);
  }

  @Mutation(() => Campaign)
  createCampaign(@Arg('input', () => CampaignInput) input: CampaignInput, @Ctx() ctx: Context): Promise<Campaign> {
    return service(ctx).create(ctx.viewer, input);
  }

  @Mutation(() => Campaign)
  async updateCampaign(@Arg('id', () => ID) id: string, @Arg('input', () => CampaignInput) input: CampaignInput, @Ctx() ctx: Context): Promise<Campaign> {
    const campaign = await service(ctx).update(ctx.viewer, id, input);
    await dispatchCampaign(ctx.deps, campaign.id);
    return campaign;
  }

  @Mutation(() => Campaign)
  async setCampaignMember(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('agentId', () => ID) agentId: string,
    @Arg('penalty', () => Int) penalty: number,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    const campaign = await service(ctx).setMember(ctx.viewer, campaignId, agentId, penalty);
    await dispatchCampaign(ctx.deps, campaign.id);
    return campaign;
  }

  @Mutation(() => Campaign)
  removeCampaignMember(@Arg('campaignId', () => ID) campaignId: string, @Arg('agentId', () => ID) agentId: string, @Ctx() ctx: Context): Promise<Campaign> {
    return service(ctx).removeMember(ctx.viewer, campaignId, agentId);
  }

  @Mutation(() => Campaign, { description: 'Admins: the campaign stops taking chats (as if disabled; waiting chats end) and leaves the lists; its chats, recordings and statistics stay.' })
  archiveCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Campaign> {
    return archive(ctx).archive(ctx.viewer, id);
  }

  @Mutation(() => Campaign, { description: 'Admins: an archived campaign back in use, as it was (it takes chats again if it is enabled).' })
  restoreCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Campaign> {
    return archive(ctx).restore(ctx.viewer, id);
  }

  @Mutation(() => Boolean, { description: 'Admins: deletes a campaign no chat ever reached; one with chats is refused with CONFLICT (archive it instead).' })
  deleteCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return archive(ctx).delete(ctx.viewer, id);
  }

  @Mutation(() => CannedResponse)
  createCannedResponse(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('shortcut') shortcut: string,
    @Arg('text') text: string,
    @Ctx() ctx: Context,
  ): Promise<CannedResponse> {
    return service(ctx).createCannedResponse(ctx.viewer, campaignId, shortcut, text);
  }

  @Mutation(() => CannedResponse)
  updateCannedResponse(@Arg('id', () => ID) id: string, @Arg('shortcut') shortcut: string, @Arg('text') text: string, @Ctx() ctx: Context): Promise<CannedResponse> {
    return service(ctx).updateCannedResponse(ctx.viewer, id, shortcut, text);
  }

  @Mutation(() => Boolean)
  deleteCannedResponse(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return service(ctx).deleteCannedResponse(ctx.viewer, id);
  }

  @Subscription(() => Campaign, {
    description: "A campaign's settings, members or canned responses changed; sends the campaign as it is now.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const campaign = await service(ctx).find(ctx.viewer, args.id as string);
      if (!campaign) throw notFound('Campaign');
      const stillVisible = async () => (await new CampaignService(ctx.deps.orm.em.fork(), ctx.deps.pubSub).find(ctx.viewer, campaign.id)) !== null;
      return whileAllowed(ctx.deps.pubSub.subscribe('CAMPAIGN_UPDATED', campaign.id), rightsChanges(ctx.deps.pubSub, ctx.viewer), stillVisible);
    },
  })
  async campaignUpdated(@Arg('id', () => ID) id: string, @Root() _event: { campaignId: string }, @Ctx() ctx: Context): Promise<Campaign> {
    ctx.em.clear();
    const campaign = await service(ctx).find(ctx.viewer, id);
    if (!campaign) throw notFound('Campaign');
    return campaign;
  }

  @FieldResolver(() => Boolean)
  openNow(@Root() campaign: Campaign, @Ctx() ctx: Context): boolean {
    return isOpen(campaign.schedule, ctx.deps.now());
  }

  @FieldResolver(() => Boolean)
  archived(@Root() campaign: Campaign): boolean {
    return campaign.archivedAt != null;
  }

  @FieldResolver(() => Boolean, { description: 'whether any chat or offline message ever reached the campaign: then it can be archived but not deleted' })
  hasInteractions(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<boolean> {
    return archive(ctx).hasInteractions(campaign);
  }

  @FieldResolver(() => ID, { nullable: true })
  qualityModelId(@Root() campaign: Campaign): string | null {
    return campaign.qualityModel?.id ?? null;
  }

  @FieldResolver(() => [CampaignMember])
  async members(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<CampaignMember[]> {
    return maySeePrivate(ctx) ? service(ctx).members(campaign) : [];
  }

  @FieldResolver(() => [CannedResponse])
  async cannedResponses(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<CannedResponse[]> {
    return maySeePrivate(ctx) ? service(ctx).cannedResponses(campaign) : [];
  }

  @FieldResolver(() => String, { nullable: true })
  offlineMessageEmail(@Root() campaign: Campaign, @Ctx() ctx: Context): string | null {
    return maySeePrivate(ctx) ? (campaign.offlineMessageEmail ?? null) : null;
  }

  @FieldResolver(() => String)
  embedCode(@Root() campaign: Campaign, @Ctx() ctx: Context): string {
    return embedCode(ctx.deps.config.publicUrl, campaign.key);
  }
}
