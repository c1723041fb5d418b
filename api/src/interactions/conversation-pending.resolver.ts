import { Arg, Ctx, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { notImplemented, unauthenticated } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { CampaignStats } from '../stats/campaign-stats.types';

/**
 * Contract operations whose part has not landed yet (statistics). Callers are authenticated as everywhere else; the operations
 * then answer NOT_IMPLEMENTED.
 */
function pending(ctx: Context, operation: string): never {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  throw notImplemented(operation);
}

@Resolver()
export class ConversationPendingResolver {
  @Query(() => CampaignStats)
  campaignStats(@Arg('campaignId', () => ID) _campaignId: string, @Ctx() ctx: Context): CampaignStats {
    return pending(ctx, 'campaignStats');
  }


  @Subscription(() => CampaignStats, { name: 'campaignStats', subscribe: ({ context }) => pending(context as Context, 'campaignStats') })
  campaignStatsStream(@Arg('campaignId', () => ID) _campaignId: string, @Root() stats: CampaignStats): CampaignStats {
    return stats;
  }
}
