import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireStaff } from '../auth/viewer';
import type { Context } from '../graphql/context';
import { Interaction } from '../interactions/interaction.entity';
import { MediaJoin } from '../media/media-join.types';
import { Call } from './call.entity';
import { CallKind } from './call.enums';
import { CallService, callsOf, openCallOf } from './call.service';

const calls = (ctx: Context) => new CallService(ctx);

@Resolver()
export class CallResolver {
  @Mutation(() => Call, {
    description: 'The chat\'s contact (visitor token) or its agent, while ACTIVE and the campaign has media on. CONFLICT when a call rings or is active; SERVICE_UNAVAILABLE without a media server.',
  })
  startCall(@Arg('interactionId', () => ID) interactionId: string, @Arg('kind', () => CallKind) kind: CallKind, @Ctx() ctx: Context): Promise<Call> {
    return calls(ctx).start(interactionId, kind);
  }

  @Mutation(() => Call, { description: 'The side that did not start it, while it rings; accept false declines.' })
  answerCall(@Arg('callId', () => ID) callId: string, @Arg('accept') accept: boolean, @Ctx() ctx: Context): Promise<Call> {
    return calls(ctx).answer(callId, accept);
  }

  @Mutation(() => Call, { description: 'Either side; idempotent.' })
  endCall(@Arg('callId', () => ID) callId: string, @Ctx() ctx: Context): Promise<Call> {
    return calls(ctx).end(callId);
  }

  @Mutation(() => MediaJoin, { description: "The call's two participants only (the caller while it rings, both while active)." })
  joinCall(@Arg('callId', () => ID) callId: string, @Ctx() ctx: Context): Promise<MediaJoin> {
    return calls(ctx).join(callId);
  }

  @Query(() => Boolean, { description: 'Staff: a media server is configured, so calls and screen monitoring can work.' })
  mediaAvailable(@Ctx() ctx: Context): boolean {
    requireStaff(ctx.viewer);
    return ctx.deps.media !== undefined;
  }
}

/** A chat's calls, for whoever may read the chat. */
@Resolver(() => Interaction)
export class InteractionCallsResolver {
  @FieldResolver(() => Call, { nullable: true, description: 'the ringing or active call, else null' })
  call(@Root() interaction: Interaction, @Ctx() ctx: Context): Promise<Call | null> {
    return openCallOf(ctx.em, interaction.id);
  }

  @FieldResolver(() => [Call], { description: 'every call of the chat, oldest first' })
  calls(@Root() interaction: Interaction, @Ctx() ctx: Context): Promise<Call[]> {
    return callsOf(ctx.em, interaction.id);
  }
}
