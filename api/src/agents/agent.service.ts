import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { StaffSession } from '../auth/staff-session.entity';
import { User } from '../auth/user.entity';
import { requireStaff } from '../auth/viewer';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { Campaign } from '../campaigns/campaign.entity';
import type { AppDeps, Context } from '../graphql/context';
import { badInput, notFound } from '../graphql/app-error';
import { isUuid } from '../graphql/ids';
import { announceActivity, publishAll, type ConversationEvent } from '../interactions/conversation-events';
import { InteractionState } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';
import { dispatchCampaign } from '../routing/dispatcher';
import { AgentActivity, AgentState } from './agent-activity.types';
import { chatTimeStatus } from './chat-time';
import { AgentStatus } from './agent-status.entity';
import { endCallsOfAgent } from '../calls/call-endings';
import { endScreenMonitorings } from '../monitoring/screen-monitoring.service';
import { MonitoringEndReason } from '../monitoring/screen-monitoring.entity';

const MAX_REASON = 200;

/** Agents' routing states: their own changes, and supervisors pausing or logging them out. */
export class AgentService {
  constructor(private readonly ctx: Context) {}

  setOwnState(state: AgentState, pauseReason: string | null): Promise<AgentActivity> {
    const viewer = requireStaff(this.ctx.viewer, [Role.AGENT]);
    return this.change(viewer.userId, state, pauseReason, 'pauseReason');
  }

  async pause(agentId: string, reason: string | null): Promise<AgentActivity> {
    requireStaff(this.ctx.viewer, [Role.ADMIN, Role.SUPERVISOR]);
    return this.change(await this.agentId(agentId), AgentState.PAUSED, reason, 'reason');
  }

  /** Logs an agent out: OFFLINE, their chats back to the queue, their calls and screen monitorings ended, their sessions ended. */
  async logout(agentId: string): Promise<AgentActivity> {
    requireStaff(this.ctx.viewer, [Role.ADMIN, Role.SUPERVISOR]);
    const id = await this.agentId(agentId);
    await endScreenMonitorings(this.ctx.deps, { agent: id }, MonitoringEndReason.AGENT_SIGNED_OUT);
    await this.ctx.em.nativeUpdate(StaffSession, { user: id, revokedAt: null }, { revokedAt: this.ctx.deps.now() });
    this.ctx.deps.access.announceRevocation({ userId: id });
    return this.change(id, AgentState.OFFLINE, null, 'reason');
  }

  private async agentId(id: string): Promise<string> {
    const agent = isUuid(id) ? await this.ctx.em.findOne(User, { id }) : null;
    if (!agent || agent.role !== Role.AGENT) throw notFound('Agent');
    return agent.id;
  }

  /** `reasonField`: the argument the reason came in (setAgentState's pauseReason, pauseAgent's reason), for the refusal. */
  private async change(agentId: string, state: AgentState, rawReason: string | null, reasonField: 'pauseReason' | 'reason'): Promise<AgentActivity> {
    const { em, deps } = this.ctx;
    const reason = state === AgentState.PAUSED ? rawReason?.trim() || null : null;
    if (reason && reason.length > MAX_REASON) throw badInput(reasonField, `must have at most ${MAX_REASON} characters`);
    const requeued = await setAgentState(em, deps, agentId, state, reason);
    const campaigns = await em.find(CampaignMember, { agent: agentId });
    for (const member of campaigns) {
      announceActivity(deps.pubSub, member.campaign.id);
      if (state === AgentState.AVAILABLE || requeued > 0) await dispatchCampaign(deps, member.campaign.id);
    }
    return agentActivity(em, deps.now(), agentId);
  }
}

/**
 * Stores an agent's state. Going OFFLINE ends their calls and screen
 * monitorings and puts their active chats back at the head of their queues,
 * keeping the original queue time. Returns how many chats went back.
 */
export async function setAgentState(em: EntityManager, deps: AppDeps, agentId: string, state: AgentState, reason: string | null): Promise<number> {
  const events: ConversationEvent[] = [];
  const requeued = await em.transactional(async (tx) => {
    await tx.getConnection().execute(
      `insert into agent_status (agent_id, state, pause_reason, changed_at, in_media_call) values (?, ?, ?, ?, false)
       on conflict (agent_id) do nothing`,
      [agentId, AgentState.OFFLINE, null, deps.now()],
      'run',
      tx.getTransactionContext(),
    );
    const status = await tx.findOneOrFail(AgentStatus, { agent: agentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (status.state !== state || status.pauseReason !== reason) {
      status.state = state;
      status.pauseReason = reason;
      status.changedAt = deps.now();
    }
    let count = 0;
    if (state === AgentState.OFFLINE) {
      const chats = await tx.find(Interaction, { agent: agentId, state: InteractionState.ACTIVE }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      await endCallsOfAgent(tx, agentId, deps.now(), events);
      for (const chat of chats) {
        chat.state = InteractionState.QUEUED;
        chat.agent = null;
        chat.answeredAt = null;
        chat.holdSeconds = null;
        events.push({ topic: 'AGENT_INTERACTION', agentId, kind: 'CLOSED', interactionId: chat.id }, { topic: 'INTERACTION_UPDATED', interactionId: chat.id });
        count += 1;
      }
    }
    await tx.flush();
    return count;
  });
  publishAll(deps.pubSub, events);
  if (state === AgentState.OFFLINE) await endScreenMonitorings(deps, { agent: agentId }, MonitoringEndReason.AGENT_OFFLINE);
  return requeued;
}

/** What a supervisor sees of one agent: state, pause reason, idle time and each active chat's time against the thresholds. */
export async function agentActivity(em: EntityManager, now: Date, agentId: string): Promise<AgentActivity> {
  const agent = await em.findOneOrFail(User, { id: agentId });
  const status = await em.findOne(AgentStatus, { agent: agentId }, { refresh: true });
  const active = await em.find(Interaction, { agent: agentId, state: InteractionState.ACTIVE }, { populate: ['contact', 'campaign'], orderBy: { answeredAt: 'asc' } });
  const memberships = await em.find(CampaignMember, { agent: agentId }, { populate: ['campaign'] });
  const idleWarnAfter = Math.min(...memberships.map((m) => (m.campaign as Campaign).thresholds.agentIdleWarnSeconds), Number.POSITIVE_INFINITY);
  const state = status?.state ?? AgentState.OFFLINE;
  const idleSince = status?.lastInteractionEndedAt ?? status?.changedAt ?? null;
  const idleSeconds = active.length === 0 && state === AgentState.AVAILABLE && idleSince ? Math.max(0, Math.floor((now.getTime() - idleSince.getTime()) / 1000)) : null;
  return {
    agent,
    state,
    pauseReason: status?.pauseReason ?? null,
    stateSince: status?.changedAt ?? null,
    inMediaCall: status?.inMediaCall ?? false,
    idleSeconds,
    idleWarning: idleSeconds !== null && idleSeconds >= idleWarnAfter,
    active: active.map((chat) => {
      const chatSeconds = Math.max(0, Math.floor((now.getTime() - (chat.answeredAt ?? now).getTime()) / 1000));
      return { interactionId: chat.id, campaignId: chat.campaign.id, contactName: chat.contact.name, chatSeconds, status: chatTimeStatus(chatSeconds, chat.campaign.thresholds) };
    }),
  };
}
