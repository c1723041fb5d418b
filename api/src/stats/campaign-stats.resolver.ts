import { Arg, Ctx, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../graphql/context';
import { CampaignStats } from './campaign-stats.types';
import { computeCampaignStats, statsCampaign, statsHistory } from './campaign-stats.service';
import { StatsBucket, StatsInterval } from './stats-history.types';
import { statsBoard } from './stats-board';

@Resolver()
export class CampaignStatsResolver {
  @Query(() => CampaignStats)
  async campaignStats(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: Context): Promise<CampaignStats> {
    return computeCampaignStats(ctx.em, await statsCampaign(ctx.em, ctx.viewer, campaignId), ctx.deps.now());
  }

  @Query(() => [StatsBucket], { description: 'Figures per quarter hour, hour or day of [from, to), by the chats that arrived in each.' })
  async statsHistory(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('interval', () => StatsInterval) interval: StatsInterval,
    @Ctx() ctx: Context,
  ): Promise<StatsBucket[]> {
    return statsHistory(ctx.em, await statsCampaign(ctx.em, ctx.viewer, campaignId), from, to, interval);
  }

  @Subscription(() => CampaignStats, {
    name: 'campaignStats',
    description: 'The figures now, then each time they change (at most about once a second).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const campaign = await statsCampaign(ctx.em, ctx.viewer, args.campaignId as string);
      return statsBoard(ctx.deps).follow(campaign.id);
    },
  })
  campaignStatsStream(@Arg('campaignId', () => ID) _campaignId: string, @Root() stats: CampaignStats): CampaignStats {
    return stats;
  }
}
