import { randomUUID } from 'node:crypto';
import { Repeater } from '@graphql-yoga/subscription';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AgentState } from '../agents/agent-activity.types';
import { AgentStatus } from '../agents/agent-status.entity';
import { auditAs } from '../audit/audit';
import { Role } from '../auth/role';
import { User } from '../auth/user.entity';
import { requireStaff, type StaffViewer } from '../auth/viewer';
import { AppError, forbidden, notFound } from '../graphql/app-error';
import type { AppDeps, Context } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { requireMedia, roomIdOf } from '../media/media';
import type { MediaJoin } from '../media/media-join.types';
import { MonitoringEndReason, OPEN_MONITORING_STATES, ScreenMonitoring, ScreenMonitoringState } from './screen-monitoring.entity';

const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];
const POPULATE = ['agent', 'supervisor'] as const;

/** The viewer's part in a monitoring: the agent watched, the supervisor watching, an admin (who may stop it), or none. */
function partOf(viewer: StaffViewer, monitoring: ScreenMonitoring): 'agent' | 'supervisor' | 'admin' | undefined {
  if (monitoring.agent.id === viewer.userId) return 'agent';
  if (monitoring.supervisor.id === viewer.userId) return 'supervisor';
  return viewer.role === Role.ADMIN ? 'admin' : undefined;
}

function announce(deps: AppDeps, monitoring: ScreenMonitoring): void {
  for (const userId of [monitoring.agent.id, monitoring.supervisor.id]) deps.pubSub.publish('SCREEN_MONITORING_UPDATED', userId, { monitoringId: monitoring.id });
}

const audited = (em: EntityManager, monitoring: ScreenMonitoring, action: 'SCREEN_MONITORING_STARTED' | 'SCREEN_MONITORING_ENDED', at: Date, changes: string[] = []) =>
  auditAs(em, monitoring.supervisor.id, { action, subjectType: 'agent', subjectId: monitoring.agent.id, changes }, at);

/**
 * Ends the open monitorings matching `where` with `reason`: ENDED, in the
 * audit log, announced to both sides, their rooms closed (every instance
 * hears MEDIA_ROOM_ENDED). Each ends once, however many paths race to it.
 */
export async function endScreenMonitorings(deps: AppDeps, where: { id?: string; agent?: string; supervisor?: string }, reason: MonitoringEndReason, states: readonly ScreenMonitoringState[] = OPEN_MONITORING_STATES): Promise<void> {
  const em = deps.orm.em.fork();
  const open = await em.find(ScreenMonitoring, { ...where, state: { $in: [...states] } });
  for (const monitoring of open) {
    const now = deps.now();
    const ended = await em.nativeUpdate(ScreenMonitoring, { id: monitoring.id, state: { $in: [...states] } }, { state: ScreenMonitoringState.ENDED, endedAt: now, endReason: reason });
    if (ended === 0) continue;
    await audited(em, monitoring, 'SCREEN_MONITORING_ENDED', now, [reason]);
    announce(deps, monitoring);
    deps.pubSub.publish('MEDIA_ROOM_ENDED', { room: monitoring.room });
  }
}

/** Supervisors watching agents' screens: started, joined by both, stopped, followed. */
export class ScreenMonitoringService {
  constructor(private readonly ctx: Context) {}

  /** A supervisor or admin starts watching a signed-in agent; asking again while it runs gives the same one. */
  async start(agentId: string): Promise<ScreenMonitoring> {
    const { em, deps } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer, MANAGERS);
    const agent = isUuid(agentId) ? await em.findOne(User, { id: agentId, role: Role.AGENT }) : null;
    if (!agent) throw notFound('Agent');
    const media = requireMedia(deps.media);
    const status = await em.findOne(AgentStatus, { agent: agent.id });
    if (!status || status.state === AgentState.OFFLINE) throw new AppError('CONFLICT', 'This agent is not signed in');
    const running = await this.running(agent.id, viewer.userId);
    if (running) return running;
    const id = randomUUID();
    const room = roomIdOf('monitoring', id);
    await media.openRoom('monitoring', id, ['agent', 'supervisor']);
    const now = deps.now();
    const inserted = await em
      .getConnection()
      .execute<{ id: string }[]>(
        `insert into screen_monitorings (id, agent_id, supervisor_id, state, room, started_at, media_seen) values (?, ?, ?, ?, ?, ?, '[]')
         on conflict (agent_id, supervisor_id) where state in ('STARTING', 'LIVE') do nothing returning id`,
        [id, agent.id, viewer.userId, ScreenMonitoringState.STARTING, room, now],
      );
    if (inserted.length === 0) {
      // Started twice at once: the other one stands.
      await media.closeRoom(room).catch(() => undefined);
      return (await this.running(agent.id, viewer.userId)) ?? Promise.reject(new AppError('CONFLICT', 'Try again'));
    }
    const monitoring = await this.load(id);
    await audited(em, monitoring, 'SCREEN_MONITORING_STARTED', now);
    announce(deps, monitoring);
    return monitoring;
  }

  /** The supervisor who started it, an admin, or the agent (who stops sharing); a monitoring that ended stays as it was. */
  async stop(id: string): Promise<ScreenMonitoring> {
    const viewer = requireStaff(this.ctx.viewer);
    const monitoring = await this.visible(viewer, id);
    const part = partOf(viewer, monitoring);
    if (!part) throw forbidden('Only the supervisor who started it, an admin or the agent stops a screen monitoring');
    if (monitoring.state !== ScreenMonitoringState.ENDED) {
      await endScreenMonitorings(this.ctx.deps, { id: monitoring.id }, part === 'agent' ? MonitoringEndReason.AGENT_STOPPED : MonitoringEndReason.STOPPED);
    }
    return this.load(monitoring.id);
  }

  /** What the agent (to share the screen) or the supervisor (to watch) joins with; the agent joining makes it LIVE. */
  async join(id: string): Promise<MediaJoin> {
    const { deps } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer);
    const monitoring = await this.visible(viewer, id);
    const part = partOf(viewer, monitoring);
    if (part !== 'agent' && part !== 'supervisor') throw forbidden('Only the agent watched and the supervisor watching join a screen monitoring');
    if (monitoring.state === ScreenMonitoringState.ENDED) throw new AppError('CONFLICT', 'This screen monitoring has ended');
    const media = requireMedia(deps.media);
    if (part === 'agent' && monitoring.state === ScreenMonitoringState.STARTING) {
      const live = await this.ctx.em.nativeUpdate(ScreenMonitoring, { id: monitoring.id, state: ScreenMonitoringState.STARTING }, { state: ScreenMonitoringState.LIVE });
      if (live > 0) announce(deps, monitoring);
    }
    const display = part === 'agent' ? monitoring.agent.name : monitoring.supervisor.name;
    return media.join(monitoring.room, part, display, deps.now());
  }

  /** The agent: monitorings of them now; a supervisor or admin: the ones they run now. */
  async active(): Promise<ScreenMonitoring[]> {
    const viewer = requireStaff(this.ctx.viewer);
    return this.ctx.em.find(
      ScreenMonitoring,
      { $or: [{ agent: viewer.userId }, { supervisor: viewer.userId }], state: { $in: [...OPEN_MONITORING_STATES] } },
      { populate: POPULATE, orderBy: { startedAt: 'asc' } },
    );
  }

  /** The signed-in user's monitorings as they change, each checked against the reader when it comes. */
  follow(): AsyncIterable<ScreenMonitoring> {
    const { deps } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer);
    const events = deps.pubSub.subscribe('SCREEN_MONITORING_UPDATED', viewer.userId);
    return new Repeater<ScreenMonitoring>(async (push, stop) => {
      const iterator = events[Symbol.asyncIterator]();
      void stop.then(() => iterator.return?.());
      for (;;) {
        const next = await Promise.race([iterator.next(), stop.then(() => ({ done: true as const, value: undefined }))]);
        if (next.done) break;
        const monitoring = await deps.orm.em.fork().findOne(ScreenMonitoring, { id: next.value.monitoringId }, { populate: POPULATE });
        if (monitoring && (monitoring.agent.id === viewer.userId || monitoring.supervisor.id === viewer.userId)) await push(monitoring);
      }
      stop();
    });
  }

  /** A monitoring the viewer may know of: theirs (as agent or supervisor), or any for managers; NOT_FOUND otherwise. */
  private async visible(viewer: StaffViewer, id: string): Promise<ScreenMonitoring> {
    const monitoring = isUuid(id) ? await this.ctx.em.findOne(ScreenMonitoring, { id }, { populate: POPULATE }) : null;
    if (!monitoring || (viewer.role === Role.AGENT && monitoring.agent.id !== viewer.userId)) throw notFound('Screen monitoring');
    return monitoring;
  }

  private running(agentId: string, supervisorId: string): Promise<ScreenMonitoring | null> {
    return this.ctx.deps.orm.em.fork().findOne(ScreenMonitoring, { agent: agentId, supervisor: supervisorId, state: { $in: [...OPEN_MONITORING_STATES] } }, { populate: POPULATE });
  }

  private load(id: string): Promise<ScreenMonitoring> {
    return this.ctx.deps.orm.em.fork().findOneOrFail(ScreenMonitoring, { id }, { populate: POPULATE });
  }
}
