import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { AgentActivity, AgentState } from './agent-activity.types';
import { AgentService } from './agent.service';

@Resolver()
export class AgentResolver {
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
