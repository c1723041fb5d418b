import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../graphql/context';
import { spySessions } from './spy-audit';
import { SpySession } from './spy-session.entity';
import { StaffChatService } from './staff-chat.service';
import { StaffMessage } from './staff-message.entity';
import { StaffConversation } from './staff-conversation.types';
import { User } from '../auth/user.entity';

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

  @Query(() => [StaffConversation], { description: 'The colleagues you have messages with, most recent first, with your unread count.' })
  staffConversations(@Ctx() ctx: Context): Promise<StaffConversation[]> {
    return new StaffChatService(ctx).conversations();
  }

  @Mutation(() => Int, { description: 'Marks what a colleague wrote to you as read; returns how many messages were marked.' })
  markStaffMessagesRead(@Arg('withUserId', () => ID) withUserId: string, @Ctx() ctx: Context): Promise<number> {
    return new StaffChatService(ctx).markRead(withUserId);
  }

  @Query(() => [User], { description: 'Who you may write to: supervisors and admins for agents, every active colleague for them.' })
  staffColleagues(@Ctx() ctx: Context): Promise<User[]> {
    return new StaffChatService(ctx).colleagues();
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
