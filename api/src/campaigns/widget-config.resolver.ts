import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { AppError, notFound } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { originAllowed } from './allowed-origin';
import { takesChats } from './campaign-archive';
import { Campaign } from './campaign.entity';
import { Language } from './campaign.enums';
import { CustomField } from './campaign.types';
import { textIn } from './localized-text';
import { isOpen } from './schedule';

@ObjectType({ description: 'What the widget may know before a chat starts: no staff data.' })
export class WidgetConfig {
  @Field() campaignKey!: string;
  @Field() name!: string;
  @Field() colour!: string;
  @Field() openNow!: boolean;
  @Field() welcomeMessage!: string;
  @Field() outOfTimeMessage!: string;
  @Field() notAvailableMessage!: string;
  @Field() feedbackMessage!: string;
  @Field() emailRequired!: boolean;
  @Field(() => CustomField) customField!: CustomField;
  @Field() feedbackEnabled!: boolean;
  @Field() mediaEnabled!: boolean;
  @Field({ description: 'mediaEnabled, and a media server configured: the widget may offer calls' }) callsAvailable!: boolean;
  @Field() offlineMessageEnabled!: boolean;
  @Field() showAgentName!: boolean;
}

/**
 * Loads an enabled campaign for a widget request: unknown key NOT_FOUND, a
 * page on a site outside the allowed domains DOMAIN_NOT_ALLOWED, a disabled
 * or archived campaign CAMPAIGN_DISABLED. A caller that only reads it may
 * take the `shared` record of the access cache (no statement while cached);
 * one that links records to it takes its own.
 */
export async function campaignForWidget(ctx: Context, campaignKey: string, options: { shared: true }): Promise<Readonly<Campaign>>;
export async function campaignForWidget(ctx: Context, campaignKey: string): Promise<Campaign>;
export async function campaignForWidget(ctx: Context, campaignKey: string, options?: { shared: true }): Promise<Readonly<Campaign>> {
  const load = () => (options?.shared ? ctx.deps.access.widgetCampaign(campaignKey) : ctx.em.findOne(Campaign, { key: campaignKey }));
  const campaign = campaignKey.length <= 64 ? await load() : null;
  if (!campaign) throw notFound('Campaign');
  if (!originAllowed(ctx.origin, campaign.allowedDomains)) {
    throw new AppError('DOMAIN_NOT_ALLOWED', 'This campaign cannot be used from this website', 'origin');
  }
  if (!takesChats(campaign)) throw new AppError('CAMPAIGN_DISABLED', 'This campaign is not taking chats');
  return campaign;
}

@Resolver()
export class WidgetConfigResolver {
  @Query(() => WidgetConfig)
  async widgetConfig(
    @Arg('campaignKey') campaignKey: string,
    @Arg('language', () => Language, { nullable: true }) language: Language | null,
    @Ctx() ctx: Context,
  ): Promise<WidgetConfig> {
    const campaign = await campaignForWidget(ctx, campaignKey, { shared: true });
    const lang = language ?? Language.EN;
    return {
      campaignKey: campaign.key,
      name: campaign.name,
      colour: campaign.colour,
      openNow: isOpen(campaign.schedule, ctx.deps.now()),
      welcomeMessage: textIn(campaign.welcomeMessage, lang),
      outOfTimeMessage: textIn(campaign.outOfTimeMessage, lang),
      notAvailableMessage: textIn(campaign.notAvailableMessage, lang),
      feedbackMessage: textIn(campaign.feedbackMessage, lang),
      emailRequired: campaign.emailRequired,
      customField: campaign.customField,
      feedbackEnabled: campaign.feedbackEnabled,
      mediaEnabled: campaign.mediaEnabled,
      callsAvailable: campaign.mediaEnabled && ctx.deps.media !== undefined,
      offlineMessageEnabled: campaign.offlineMessageEnabled,
      showAgentName: campaign.showAgentName,
    };
  }
}
