import { Utils, wrap } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { User } from '../auth/user.entity';
import { isStaffSide, requireStaff } from '../auth/viewer';
import { Campaign } from '../campaigns/campaign.entity';
import { Contact } from '../contacts/contact.entity';
import type { Context } from '../graphql/context';
import { topicFeed } from '../graphql/pubsub';
import { sql } from '../db/sql';
import { ChatService } from './chat.service';
import { eventRecord } from './interaction-event-record';
import { followedChat, readableInteraction, whileReadable } from './interaction-access';
import { auditedWhenSpying } from '../supervision/spy-audit';
import { Interaction } from './interaction.entity';
import { InteractionService } from './interaction.service';
import { ChatSession, InteractionConnection, InteractionEvent, InteractionFilter, OfflineMessageInput, QualityAnswerInput, StartChatInput } from './interaction.types';
import { leaveOfflineMessage } from './offline-message.service';
import { ChatSignalService } from './chat-signals.service';
import { QualityAnswer, RoutingExplanation, TypingEvent } from './interaction.types';
import { Message } from './message.entity';
import { MessageService } from './message.service';
import type { MessageView } from './message.store';
import { messagesReadWith, readMessages } from './message-list.store';
import { InteractionEventKind, SenderKind } from './interaction.enums';
import { rosterMembers } from '../routing/roster.store';
import { storedCandidates, type StoredForm } from '../routing/stored-explanation';

const interactions = (ctx: Context) => new InteractionService(ctx);

/** A related record already loaded with the interaction (populated, or read in the same request), else undefined. */
const loaded = <T extends object>(related: T): T | undefined => (Utils.isEntity(related) && wrap(related).isInitialized() ? related : undefined);
const messages = (ctx: Context) => new MessageService(ctx);

/** Re-reads an interaction for a subscriber, with a fresh identity map, as the viewer may see it. */
const reload = (ctx: Context, id: string) => readableInteraction(ctx.deps.orm.em.fork(), ctx.viewer, id);

@Resolver(() => Interaction)
export class InteractionResolver {
  @Query(() => Interaction, { nullable: true })
  async interaction(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Interaction | null> {
    return interactions(ctx).find(id).catch((error: { code?: string }) => (error.code === 'NOT_FOUND' ? null : Promise.reject(error)));
  }

  @Query(() => InteractionConnection)
  interactions(
    @Arg('filter', () => InteractionFilter, { nullable: true }) filter: InteractionFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<InteractionConnection> {
    return interactions(ctx).list(filter, first, after);
  }

  @Query(() => [Interaction])
  contactHistory(@Arg('interactionId', () => ID) interactionId: string, @Ctx() ctx: Context): Promise<Interaction[]> {
    return interactions(ctx).contactHistory(interactionId);
  }

  @Mutation(() => ChatSession)
  startChat(@Arg('input', () => StartChatInput) input: StartChatInput, @Ctx() ctx: Context): Promise<ChatSession> {
    return new ChatService(ctx).start(input);
  }

  @Mutation(() => Interaction, { description: 'A message left when nobody can chat; emailed to the campaign.' })
  sendOfflineMessage(@Arg('input', () => OfflineMessageInput) input: OfflineMessageInput, @Ctx() ctx: Context): Promise<Interaction> {
    return leaveOfflineMessage(ctx, input);
  }

  @Mutation(() => Interaction)
  leaveChat(@Arg('interactionId', () => ID) interactionId: string, @Ctx() ctx: Context): Promise<Interaction> {
    return new ChatService(ctx).leave(interactionId);
  }

  @Mutation(() => Interaction)
  acceptInteraction(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Interaction> {
    return interactions(ctx).accept(id);
  }

  @Mutation(() => Interaction)
  closeInteraction(
    @Arg('id', () => ID) id: string,
    @Arg('quality', () => [QualityAnswerInput], { nullable: true }) quality: QualityAnswerInput[] | null,
    @Ctx() ctx: Context,
  ): Promise<Interaction> {
    return interactions(ctx).close(id, quality);
  }

  @Mutation(() => Interaction)
  leaveFeedback(
    @Arg('interactionId', () => ID) interactionId: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<Interaction> {
    return interactions(ctx).leaveFeedback(interactionId, rating, note);
  }

  @Mutation(() => Message)
  sendMessage(
    @Arg('interactionId', () => ID) interactionId: string,
    @Arg('clientId', () => ID) clientId: string,
    @Arg('text', () => String, { nullable: true }) text: string | null,
    @Arg('attachmentId', () => ID, { nullable: true }) attachmentId: string | null,
    @Ctx() ctx: Context,
  ): Promise<Message | MessageView> {
    return messages(ctx).send(interactionId, clientId, text, attachmentId);
  }

  @Subscription(() => Message, {
    description: 'Messages after afterSeq (replayed from storage), then live ones, in seq order.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const chat = await followedChat(ctx.deps, ctx.viewer, args.interactionId as string);
      const stream = messages(ctx).stream(chat.id, (args.afterSeq as number | null) ?? null);
      return auditedWhenSpying(ctx.deps, ctx.viewer, chat, whileReadable(ctx, chat.id, stream));
    },
  })
  messageAdded(@Arg('interactionId', () => ID) _interactionId: string, @Arg('afterSeq', () => Int, { nullable: true }) _afterSeq: number | null, @Root() message: Message | MessageView): Message | MessageView {
    return message;
  }

  @Subscription(() => Interaction, {
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const chat = await followedChat(ctx.deps, ctx.viewer, args.interactionId as string);
      return whileReadable(ctx, chat.id, ctx.deps.pubSub.subscribe('INTERACTION_UPDATED', chat.id));
    },
  })
  interactionUpdated(@Arg('interactionId', () => ID) interactionId: string, @Ctx() ctx: Context): Promise<Interaction> {
    return reload(ctx, interactionId);
  }

  @Subscription(() => InteractionEvent, {
    description: "The signed-in agent's offers, assignments and closings.",
    subscribe: ({ context }) => {
      const ctx = context as Context;
      const viewer = requireStaff(ctx.viewer);
      return ctx.deps.pubSub.subscribe('AGENT_INTERACTION', viewer.userId);
    },
  })
  async myInteractions(@Root() event: { kind: InteractionEventKind; interactionId: string }, @Ctx() ctx: Context): Promise<InteractionEvent> {
    return { kind: event.kind, interaction: await eventRecord(ctx, event.interactionId) };
  }

  @Mutation(() => Boolean, { description: 'Tells the other side of the chat that you are (or stopped) typing.' })
  setTyping(@Arg('interactionId', () => ID) interactionId: string, @Arg('typing') typing: boolean, @Ctx() ctx: Context): Promise<boolean> {
    return new ChatSignalService(ctx).typing(interactionId, typing);
  }

  @Mutation(() => Interaction, { description: 'Marks the messages up to seq as read by you (the contact or the agent).' })
  markRead(@Arg('interactionId', () => ID) interactionId: string, @Arg('seq', () => Int) seq: number, @Ctx() ctx: Context): Promise<Interaction> {
    return new ChatSignalService(ctx).markRead(interactionId, seq);
  }

  @Subscription(() => TypingEvent, {
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const chat = await followedChat(ctx.deps, ctx.viewer, args.interactionId as string);
      return whileReadable(ctx, chat.id, topicFeed(ctx.deps.pubSub, 'TYPING', chat.id));
    },
  })
  typing(
    @Arg('interactionId', () => ID) _interactionId: string,
    @Root() event: { interactionId: string; senderKind: SenderKind; senderName: string | null; typing: boolean },
  ): TypingEvent {
    return { interactionId: event.interactionId, sender: { kind: event.senderKind, name: event.senderName }, typing: event.typing };
  }

  /** The router's stored explanation; staff and INTERACTIONS_READ keys only. */
  @FieldResolver(() => RoutingExplanation, { nullable: true })
  async routing(@Root() interaction: Interaction, @Ctx() ctx: Context): Promise<RoutingExplanation | null> {
    if (!isStaffSide(ctx.viewer)) return null;
    // Undefined when the interaction was loaded without it (see myInteractions).
    const routing = interaction.routing === undefined ? (await sql<{ routing: Record<string, unknown> | null }>(ctx.em, 'select routing from interactions where id = $1::uuid', [interaction.id]))[0]?.routing : interaction.routing;
    if (!routing) return null;
    const stored = routing as unknown as Omit<RoutingExplanation, 'candidates'> & StoredForm & { decidedAt?: string };
    const members = stored.roster === undefined ? [] : await rosterMembers(ctx.em, stored.roster);
    return { strategy: stored.strategy, availability: stored.availability, reason: stored.reason, candidates: storedCandidates(stored, members), decidedAt: stored.decidedAt ? new Date(stored.decidedAt) : null };
  }

  /** The agent's evaluation of the chat, free-text answers included: staff and INTERACTIONS_READ keys only, never the customer. */
  @FieldResolver(() => [QualityAnswer], { nullable: true })
  quality(@Root() interaction: Interaction, @Ctx() ctx: Context): QualityAnswer[] | null {
    return isStaffSide(ctx.viewer) ? (interaction.quality ?? null) : null;
  }

  @FieldResolver(() => Number, { nullable: true })
  qualityScore(@Root() interaction: Interaction, @Ctx() ctx: Context): number | null {
    return isStaffSide(ctx.viewer) ? (interaction.qualityScore ?? null) : null;
  }

  /** As plain values (shaped like the records); startChat's answer has them from the statement that read the chat. */
  @FieldResolver(() => [Message])
  async messages(@Root() interaction: Interaction, @Arg('afterSeq', () => Int, { nullable: true }) afterSeq: number | null, @Ctx() ctx: Context): Promise<MessageView[]> {
    return messagesReadWith(interaction, afterSeq) ?? readMessages(ctx.deps.orm.em, interaction.id, afterSeq);
  }

  /** Loaded here, unless loaded with the interaction, so every way of reaching an interaction (lists, events, history) can read its contact. */
  @FieldResolver(() => Contact)
  async contact(@Root() interaction: Interaction, @Ctx() ctx: Context): Promise<Contact> {
    return loaded(interaction.contact) ?? ctx.em.findOneOrFail(Contact, { id: interaction.contact.id });
  }

  @FieldResolver(() => Campaign)
  async campaign(@Root() interaction: Interaction, @Ctx() ctx: Context): Promise<Campaign> {
    return loaded(interaction.campaign) ?? ctx.em.findOneOrFail(Campaign, { id: interaction.campaign.id });
  }

  /** Visitors (and anonymous callers of startChat) see their agent only when the campaign shows agent names. */
  @FieldResolver(() => User, { nullable: true })
  async agent(@Root() interaction: Interaction, @Ctx() ctx: Context): Promise<User | null> {
    if (!interaction.agent) return null;
    if (!isStaffSide(ctx.viewer)) {
      const campaign = loaded(interaction.campaign) ?? (await ctx.em.findOneOrFail(Campaign, { id: interaction.campaign.id }));
      if (!campaign.showAgentName) return null;
    }
    return loaded(interaction.agent) ?? ctx.em.findOneOrFail(User, { id: interaction.agent.id });
  }
}

