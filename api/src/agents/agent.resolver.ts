import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/role';
import { requireStaff } from '../auth/viewer';
import type { Context } from '../graphql/context';
import { AgentActivity, AgentState } from './agent-activity.types';
import { AgentService, agentActivity } from './agent.service';
import { pauseReasons, setPauseReasons } from './pause-reasons';

@Resolver()
export class AgentResolver {
  @Query(() => AgentActivity, { nullable: true, description: 'The signed-in agent’s own state and active chats; null for other staff.' })
  myActivity(@Ctx() ctx: Context): Promise<AgentActivity> | null {
    const viewer = requireStaff(ctx.viewer);
    return viewer.role === Role.AGENT ? agentActivity(ctx.em, ctx.deps.now(), viewer.userId) : null;
  }

  @Query(() => [String], { description: 'The reasons agents pick from when they pause, in order.' })
  pauseReasons(@Ctx() ctx: Context): Promise<string[]> {
    return pauseReasons(ctx.em, ctx.viewer);
  }

  @Mutation(() => [String], { description: 'Replaces the list of pause reasons (admins).' })
  setPauseReasons(@Arg('reasons', () => [String]) reasons: string[], @Ctx() ctx: Context): Promise<string[]> {
    return setPauseReasons(ctx.em, ctx.viewer, reasons, ctx.deps.now());
  }

  @Mutation(() => AgentActivity)
  setAgentState(@Arg('state', () => AgentState) state: AgentState, @Arg('pauseReason', () => String, { nullable: true }) pauseReason: string | null, @Ctx() ctx: Context): Promise<AgentActivity> {
    return new AgentService(ctx).setOwnState(state, pauseReason);
  }

  @Mutation(() => AgentActivity)
  pauseAgent(@Arg('agentId', () => ID) agentId: string, @Arg('reason', () => String, { nullable: true }) reason: string | null, @Ctx() ctx: Context): Promise<AgentActivity> {
    return new AgentService(ctx).pause(agentId, reason);
  }

  @Mutation(() => AgentActivity)
  logoutAgent(@Arg('agentId', () => ID) agentId: string, @Ctx() ctx: Context): Promise<AgentActivity> {
    return new AgentService(ctx).logout(agentId);
  }
}
