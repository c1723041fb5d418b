import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../graphql/context';
import { MediaJoin } from '../media/media-join.types';
import { ScreenMonitoring } from './screen-monitoring.entity';
import { ScreenMonitoringService } from './screen-monitoring.service';

const monitorings = (ctx: Context) => new ScreenMonitoringService(ctx);

@Resolver()
export class ScreenMonitoringResolver {
  @Mutation(() => ScreenMonitoring, { description: 'Supervisors and admins; the agent must be signed in.' })
  startScreenMonitoring(@Arg('agentId', () => ID) agentId: string, @Ctx() ctx: Context): Promise<ScreenMonitoring> {
    return monitorings(ctx).start(agentId);
  }

  @Mutation(() => ScreenMonitoring, { description: 'The supervisor who started it, an admin, or the monitored agent (who may stop sharing); idempotent.' })
  stopScreenMonitoring(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ScreenMonitoring> {
    return monitorings(ctx).stop(id);
  }

  @Mutation(() => MediaJoin, { description: 'The monitored agent (to publish the screen) or the supervisor who started it (to watch).' })
  joinScreenMonitoring(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<MediaJoin> {
    return monitorings(ctx).join(id);
  }

  @Query(() => [ScreenMonitoring], { description: 'The agent: sessions on them now; a supervisor: the ones they run now.' })
  activeScreenMonitorings(@Ctx() ctx: Context): Promise<ScreenMonitoring[]> {
    return monitorings(ctx).active();
  }

  @Subscription(() => ScreenMonitoring, {
    description: 'The signed-in user\'s sessions (as the monitored agent or as the supervisor), on each change.',
    subscribe: ({ context }) => monitorings(context as Context).follow(),
  })
  screenMonitoringUpdated(@Root() monitoring: ScreenMonitoring): ScreenMonitoring {
    return monitoring;
  }
}
