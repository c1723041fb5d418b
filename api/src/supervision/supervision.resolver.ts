import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../graphql/context';
import { spySessions } from './spy-audit';
import { SpySession } from './spy-session.entity';
import { StaffChatService } from './staff-chat.service';
import { StaffMessage } from './staff-message.entity';

@Resolver()
export class SupervisionResolver {
  @Mutation(() => StaffMessage, { description: 'A message to a colleague: supervisors and admins to anyone, agents to supervisors and admins.' })
  sendStaffMessage(
    @Arg('toUserId', () => ID) toUserId: string,
    @Arg('text') text: string,
    @Arg('clientId', () => ID) clientId: string,
    @Ctx() ctx: Context,
  ): Promise<StaffMessage> {
    return new StaffChatService(ctx).send(toUserId, text, clientId);
  }

  @Query(() => [StaffMessage], { description: 'The last messages between you and a colleague, oldest first.' })
  staffMessages(@Arg('withUserId', () => ID) withUserId: string, @Arg('first', () => Int, { nullable: true }) first: number | null, @Ctx() ctx: Context): Promise<StaffMessage[]> {
    return new StaffChatService(ctx).conversation(withUserId, first);
  }

  @Subscription(() => StaffMessage, {
    description: 'Messages to and from you, as they are sent.',
    subscribe: ({ context }) => new StaffChatService(context as Context).follow(),
  })
  staffMessageAdded(@Root() message: StaffMessage): StaffMessage {
    return message;
  }

  @Query(() => [SpySession], { description: 'Who watched which chat live, newest first (admins).' })
  spySessions(@Arg('first', () => Int, { nullable: true }) first: number | null, @Ctx() ctx: Context): Promise<SpySession[]> {
    return spySessions(ctx.em, ctx.viewer, first);
  }
}
