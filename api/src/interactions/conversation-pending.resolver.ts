import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { notImplemented, unauthenticated } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { CampaignStats } from '../stats/campaign-stats.types';
import { Interaction } from './interaction.entity';
import { OfflineMessageInput } from './interaction.types';

/**
 * Contract operations whose part has not landed yet (offline messages,
 * statistics). Callers are authenticated as everywhere else; the operations
 * then answer NOT_IMPLEMENTED.
 */
function pending(ctx: Context, operation: string, isPublic = false): never {
  if (!isPublic && ctx.viewer.kind === 'anonymous') throw unauthenticated();
  throw notImplemented(operation);
}

@Resolver()
export class ConversationPendingResolver {
  @Query(() => CampaignStats)
  campaignStats(@Arg('campaignId', () => ID) _campaignId: string, @Ctx() ctx: Context): CampaignStats {
    return pending(ctx, 'campaignStats');
  }

  @Mutation(() => Interaction)
  sendOfflineMessage(@Arg('input', () => OfflineMessageInput) _input: OfflineMessageInput, @Ctx() ctx: Context): Interaction {
    return pending(ctx, 'sendOfflineMessage', true);
  }

  @Subscription(() => CampaignStats, { name: 'campaignStats', subscribe: ({ context }) => pending(context as Context, 'campaignStats') })
  campaignStatsStream(@Arg('campaignId', () => ID) _campaignId: string, @Root() stats: CampaignStats): CampaignStats {
    return stats;
  }
}
