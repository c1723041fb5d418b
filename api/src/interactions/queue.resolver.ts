import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../graphql/context';
import { whileReadable } from './interaction-access';
import { Interaction } from './interaction.entity';
import { InteractionState } from './interaction.enums';
import { InteractionService } from './interaction.service';
import { QueueStatus } from './interaction.types';
import { followQueue, queueStatusIn, readQueueSnapshot } from './queue-status.service';

/** A waiting customer's place in the queue and expected wait. */
@Resolver(() => Interaction)
export class QueueResolver {
  /** Where the chat stands while it waits; null once an agent has it or it ended. */
  @FieldResolver(() => QueueStatus, { nullable: true })
  async queue(@Root() interaction: Interaction, @Ctx() ctx: Context): Promise<QueueStatus | null> {
    if (interaction.state !== InteractionState.QUEUED && interaction.state !== InteractionState.OFFERED) return null;
    return queueStatusIn(await readQueueSnapshot(ctx.em, interaction.campaign.id, ctx.deps.now()), interaction.id);
  }

  @Subscription(() => QueueStatus, {
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const interaction = await new InteractionService(ctx).find(args.interactionId as string);
      return whileReadable(ctx, interaction.id, followQueue(ctx.deps, interaction.campaign.id, interaction.id));
    },
    description: 'A waiting chat’s place in the queue and expected wait: now, then each change; ends once it no longer waits.',
  })
  queueStatus(@Arg('interactionId', () => ID) _interactionId: string, @Root() status: QueueStatus): QueueStatus {
    return status;
  }
}
