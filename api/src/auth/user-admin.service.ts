import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AgentState } from '../agents/agent-activity.types';
import { setAgentState } from '../agents/agent.service';
import { audit, changedSettings } from '../audit/audit';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { isEmail } from '../campaigns/campaign.validation';
import { AppError, badInput, notFound } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { announceActivity } from '../interactions/conversation-events';
import { dispatchCampaign } from '../routing/dispatcher';
import { hashPassword } from './password';
import { commonPasswords, passwordProblem } from './password-policy';
import { Role } from './role';
import { StaffSession } from './staff-session.entity';
import { User } from './user.entity';
import { requireStaff } from './viewer';

/** Admins managing staff accounts: details and role, passwords, deactivation. */
export class UserAdminService {
  constructor(private readonly ctx: Context) {}

  async update(id: string, input: { name: string; email: string; role: Role }): Promise<User> {
    const viewer = requireStaff(this.ctx.viewer, [Role.ADMIN]);
    const user = await this.account(id);
    const name = input.name.trim();
    const email = input.email.trim().toLowerCase();
    if (name === '' || name.length > 120) throw badInput('name', 'must have 1 to 120 characters');
    if (!isEmail(email)) throw badInput('email', 'must be a valid email address');
    const taken = () => new AppError('CONFLICT', 'email: a user with this email already exists', 'email');
    if (email !== user.email && (await this.ctx.em.count(User, { email }))) throw taken();
    if (user.id === viewer.userId && input.role !== Role.ADMIN) throw new AppError('CONFLICT', 'role: you cannot take away your own admin role', 'role');
    const before = { name: user.name, email: user.email, role: user.role };
    const roleChanged = user.role !== input.role;
    const wasAgent = user.role === Role.AGENT;
    Object.assign(user, { name, email, role: input.role });
    try {
      await this.ctx.em.flush();
    } catch (error) {
      // Another update took the email between the check and this write.
      if (error instanceof UniqueConstraintViolationException) throw taken();
      throw error;
    }
    // Open sockets hold the role they signed in with: a new role means signing in again.
    if (roleChanged) {
      await this.endSessions(user.id);
      if (wasAgent) await this.leaveQueues(user.id, true);
    }
    await audit(this.ctx.em, viewer, { action: 'user.updated', subjectType: 'user', subjectId: user.id, changes: changedSettings(before, { name, email, role: input.role }) }, this.ctx.deps.now());
    return user;
  }

  async resetPassword(id: string, password: string): Promise<User> {
    const viewer = requireStaff(this.ctx.viewer, [Role.ADMIN]);
    const user = await this.account(id);
    const weakness = passwordProblem(password, user.email, commonPasswords());
    if (weakness) throw badInput('password', weakness);
    user.passwordHash = await hashPassword(password);
    await this.ctx.em.flush();
    if (user.id !== viewer.userId) await this.endSessions(user.id);
    await audit(this.ctx.em, viewer, { action: 'user.passwordReset', subjectType: 'user', subjectId: user.id }, this.ctx.deps.now());
    return user;
  }

  /** Deactivating ends the account's sessions at once, on every instance; an agent's chats go back to the queue. */
  async setActive(id: string, active: boolean): Promise<User> {
    const viewer = requireStaff(this.ctx.viewer, [Role.ADMIN]);
    const user = await this.account(id);
    if (user.id === viewer.userId && !active) throw new AppError('CONFLICT', 'you cannot deactivate your own account');
    if (user.active === active) return user;
    user.active = active;
    await this.ctx.em.flush();
    if (!active) {
      await this.endSessions(user.id);
      if (user.role === Role.AGENT) await this.leaveQueues(user.id, false);
    }
    await audit(this.ctx.em, viewer, { action: active ? 'user.reactivated' : 'user.deactivated', subjectType: 'user', subjectId: user.id }, this.ctx.deps.now());
    return user;
  }

  private async account(id: string): Promise<User> {
    const user = isUuid(id) ? await this.ctx.em.findOne(User, { id }) : null;
    if (!user) throw notFound('User');
    return user;
  }

  private async endSessions(userId: string): Promise<void> {
    await this.ctx.em.nativeUpdate(StaffSession, { user: userId, revokedAt: null }, { revokedAt: this.ctx.deps.now() });
    this.ctx.deps.access.announceRevocation({ userId });
  }

  /** An agent who can no longer take chats: OFFLINE, their chats back to the queue; no longer an agent: no longer a member. */
  private async leaveQueues(agentId: string, removeMemberships: boolean): Promise<void> {
    const { em, deps } = this.ctx;
    await setAgentState(em, deps, agentId, AgentState.OFFLINE, null);
    const memberships = await em.find(CampaignMember, { agent: agentId });
    if (removeMemberships) await em.nativeDelete(CampaignMember, { agent: agentId });
    for (const member of memberships) {
      if (removeMemberships) deps.pubSub.publish('MEMBERSHIP_CHANGED', agentId, { agentId, campaignId: member.campaign.id });
      announceActivity(deps.pubSub, member.campaign.id);
      await dispatchCampaign(deps, member.campaign.id);
    }
  }
}
