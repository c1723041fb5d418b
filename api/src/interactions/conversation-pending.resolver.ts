import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AgentActivity, AgentState } from '../agents/agent-activity.types';
import { notImplemented, unauthenticated } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { CampaignStats } from '../stats/campaign-stats.types';
import {
  ChatSession,
  Interaction,
  InteractionConnection,
  InteractionEvent,
  InteractionFilter,
  Message,
  OfflineMessageInput,
  QualityAnswerInput,
  StartChatInput,
} from './interaction.types';

/**
 * The conversation engine's part of the contract (chats, routing, messages,
 * agent states, statistics). Callers are authenticated as everywhere else;
 * the operations then answer NOT_IMPLEMENTED until the engine lands.
 */
function pending(ctx: Context, operation: string, isPublic = false): never {
  if (!isPublic && ctx.viewer.kind === 'anonymous') throw unauthenticated();
  throw notImplemented(operation);
}

const pendingSubscription = (operation: string) => ({
  subscribe: ({ context }: { context: unknown }) => pending(context as Context, operation),
});

@Resolver(() => Interaction)
export class ConversationPendingResolver {
  @Query(() => Interaction, { nullable: true })
  interaction(@Arg('id', () => ID) _id: string, @Ctx() ctx: Context): Interaction | null {
    return pending(ctx, 'interaction');
  }

  @Query(() => InteractionConnection)
  interactions(
    @Arg('filter', () => InteractionFilter, { nullable: true }) _filter: InteractionFilter | null,
    @Arg('first', () => Int, { nullable: true }) _first: number | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() ctx: Context,
  ): InteractionConnection {
    return pending(ctx, 'interactions');
  }

  @Query(() => [Interaction])
  contactHistory(@Arg('interactionId', () => ID) _interactionId: string, @Ctx() ctx: Context): Interaction[] {
    return pending(ctx, 'contactHistory');
  }

  @Query(() => CampaignStats)
  campaignStats(@Arg('campaignId', () => ID) _campaignId: string, @Ctx() ctx: Context): CampaignStats {
    return pending(ctx, 'campaignStats');
  }

  @Mutation(() => AgentActivity)
  setAgentState(@Arg('state', () => AgentState) _state: AgentState, @Arg('pauseReason', () => String, { nullable: true }) _reason: string | null, @Ctx() ctx: Context): AgentActivity {
    return pending(ctx, 'setAgentState');
  }

  @Mutation(() => ChatSession)
  startChat(@Arg('input', () => StartChatInput) _input: StartChatInput, @Ctx() ctx: Context): ChatSession {
    return pending(ctx, 'startChat', true);
  }

  @Mutation(() => Interaction)
  sendOfflineMessage(@Arg('input', () => OfflineMessageInput) _input: OfflineMessageInput, @Ctx() ctx: Context): Interaction {
    return pending(ctx, 'sendOfflineMessage', true);
  }

  @Mutation(() => Interaction)
  acceptInteraction(@Arg('id', () => ID) _id: string, @Ctx() ctx: Context): Interaction {
    return pending(ctx, 'acceptInteraction');
  }

  @Mutation(() => Message)
  sendMessage(
    @Arg('interactionId', () => ID) _interactionId: string,
    @Arg('clientId', () => ID) _clientId: string,
    @Arg('text', () => String, { nullable: true }) _text: string | null,
    @Arg('attachmentId', () => ID, { nullable: true }) _attachmentId: string | null,
    @Ctx() ctx: Context,
  ): Message {
    return pending(ctx, 'sendMessage');
  }

  @Mutation(() => Interaction)
  leaveChat(@Arg('interactionId', () => ID) _interactionId: string, @Ctx() ctx: Context): Interaction {
    return pending(ctx, 'leaveChat');
  }

  @Mutation(() => Interaction)
  closeInteraction(
    @Arg('id', () => ID) _id: string,
    @Arg('quality', () => [QualityAnswerInput], { nullable: true }) _quality: QualityAnswerInput[] | null,
    @Ctx() ctx: Context,
  ): Interaction {
    return pending(ctx, 'closeInteraction');
  }

  @Mutation(() => Interaction)
  leaveFeedback(
    @Arg('interactionId', () => ID) _interactionId: string,
    @Arg('rating', () => Int) _rating: number,
    @Arg('note', () => String, { nullable: true }) _note: string | null,
    @Ctx() ctx: Context,
  ): Interaction {
    return pending(ctx, 'leaveFeedback');
  }

  @Mutation(() => AgentActivity)
  pauseAgent(@Arg('agentId', () => ID) _agentId: string, @Arg('reason', () => String, { nullable: true }) _reason: string | null, @Ctx() ctx: Context): AgentActivity {
    return pending(ctx, 'pauseAgent');
  }

  @Mutation(() => AgentActivity)
  logoutAgent(@Arg('agentId', () => ID) _agentId: string, @Ctx() ctx: Context): AgentActivity {
    return pending(ctx, 'logoutAgent');
  }

  @Subscription(() => Message, {
    description: 'Messages after afterSeq (replayed from storage), then live ones, in seq order.',
    ...pendingSubscription('messageAdded'),
  })
  messageAdded(@Arg('interactionId', () => ID) _interactionId: string, @Arg('afterSeq', () => Int, { nullable: true }) _afterSeq: number | null, @Root() message: Message): Message {
    return message;
  }

  @Subscription(() => Interaction, pendingSubscription('interactionUpdated'))
  interactionUpdated(@Arg('interactionId', () => ID) _interactionId: string, @Root() interaction: Interaction): Interaction {
    return interaction;
  }

  @Subscription(() => InteractionEvent, { description: "The signed-in agent's offers, assignments and closings.", ...pendingSubscription('myInteractions') })
  myInteractions(@Root() event: InteractionEvent): InteractionEvent {
    return event;
  }

  @Subscription(() => CampaignStats, { name: 'campaignStats', ...pendingSubscription('campaignStats') })
  campaignStatsStream(@Arg('campaignId', () => ID) _campaignId: string, @Root() stats: CampaignStats): CampaignStats {
    return stats;
  }

  @FieldResolver(() => [Message])
  messages(@Root() _interaction: Interaction, @Arg('afterSeq', () => Int, { nullable: true }) _afterSeq: number | null, @Ctx() ctx: Context): Message[] {
    return pending(ctx, 'Interaction.messages');
  }
}
