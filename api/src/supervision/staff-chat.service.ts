import { Repeater } from '@graphql-yoga/subscription';
import { Role } from '../auth/role';
import { User } from '../auth/user.entity';
import { requireStaff, type StaffViewer } from '../auth/viewer';
import { badInput, forbidden } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { StaffMessage } from './staff-message.entity';
import type { StaffConversation } from './staff-conversation.types';

const MAX_TEXT = 2000;
const MAX_CLIENT_ID = 100;
const PAGE = { default: 50, max: 200 };

/** Supervisors and admins write to anyone on the staff; agents write to supervisors and admins, not to each other. */
export function mayWriteTo(sender: Role, recipient: Role): boolean {
  return sender !== Role.AGENT || recipient !== Role.AGENT;
}

/** Supervisor ↔ agent messages, beside the customers' chats. */
export class StaffChatService {
  constructor(private readonly ctx: Context) {}

  async send(toUserId: string, rawText: string, clientId: string): Promise<StaffMessage> {
    const { em, deps } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer);
    const recipient = await this.colleague(viewer, toUserId, 'toUserId');
    if (!mayWriteTo(viewer.role, recipient.role)) throw forbidden('Agents write to supervisors and admins');
    const text = rawText.trim();
    if (text === '' || text.length > MAX_TEXT) throw badInput('text', `must have 1 to ${MAX_TEXT} characters`);
    if (clientId.length === 0 || clientId.length > MAX_CLIENT_ID) throw badInput('clientId', `must have 1 to ${MAX_CLIENT_ID} characters`);
    // A resend returns the first message; the unique (sender, clientId) settles two at once.
    await em.getConnection().execute(
      `insert into staff_messages (id, sender_id, recipient_id, client_id, text, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?) on conflict (sender_id, client_id) do nothing`,
      [viewer.userId, recipient.id, clientId, text, deps.now()],
    );
    const message = await em.findOneOrFail(StaffMessage, { sender: viewer.userId, clientId }, { populate: ['sender', 'recipient'] });
    for (const userId of [message.sender.id, message.recipient.id]) deps.pubSub.publish('STAFF_MESSAGE', userId, { messageId: message.id });
    return message;
  }

  /** The last messages between the signed-in user and a colleague, oldest first. */
  async conversation(withUserId: string, first: number | null): Promise<StaffMessage[]> {
    const viewer = requireStaff(this.ctx.viewer);
    const other = await this.colleague(viewer, withUserId, 'withUserId');
    const limit = first ?? PAGE.default;
    if (limit < 1 || limit > PAGE.max) throw badInput('first', `must be from 1 to ${PAGE.max}`);
    const newest = await this.ctx.em.find(
      StaffMessage,
      { $or: [{ sender: viewer.userId, recipient: other.id }, { sender: other.id, recipient: viewer.userId }] },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit, populate: ['sender', 'recipient'] },
    );
    return newest.reverse();
  }

  /** The colleagues you have messages with, most recent first, with what you have not read. */
  async conversations(): Promise<StaffConversation[]> {
    const { em } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer);
    const rows = await em.getConnection().execute<{ other: string; last_id: string; unread: string }[]>(
      `select other, (array_agg(id order by created_at desc, id desc))[1] as last_id,
              count(*) filter (where recipient_id = ? and read_at is null) as unread
         from (select id, created_at, recipient_id, read_at, case when sender_id = ? then recipient_id else sender_id end as other
                 from staff_messages where sender_id = ? or recipient_id = ?) mine
        group by other order by max(created_at) desc limit ${PAGE.max}`,
      [viewer.userId, viewer.userId, viewer.userId, viewer.userId],
    );
    const messages = await em.find(StaffMessage, { id: { $in: rows.map((row) => row.last_id) } }, { populate: ['sender', 'recipient'] });
    const users = await em.find(User, { id: { $in: rows.map((row) => row.other) } });
    return rows.flatMap((row) => {
      const lastMessage = messages.find((message) => message.id === row.last_id);
      const other = users.find((user) => user.id === row.other);
      return lastMessage && other ? [{ with: other, lastMessage, unread: Number(row.unread) }] : [];
    });
  }

  /** Marks what a colleague wrote to you as read; returns how many messages were marked. */
  async markRead(withUserId: string): Promise<number> {
    const viewer = requireStaff(this.ctx.viewer);
    const other = await this.colleague(viewer, withUserId, 'withUserId');
    return this.ctx.em.nativeUpdate(StaffMessage, { sender: other.id, recipient: viewer.userId, readAt: null }, { readAt: this.ctx.deps.now() });
  }

  /** Who you may write to: for agents the supervisors and admins, for them every active colleague. */
  async colleagues(): Promise<User[]> {
    const viewer = requireStaff(this.ctx.viewer);
    const users = await this.ctx.em.find(User, { active: true, id: { $ne: viewer.userId } }, { orderBy: { name: 'asc' } });
    return users.filter((user) => mayWriteTo(viewer.role, user.role));
  }

  /** Messages to and from the signed-in user as they are sent. */
  follow(): AsyncIterable<StaffMessage> {
    const { deps } = this.ctx;
    const viewer = requireStaff(this.ctx.viewer);
    const events = deps.pubSub.subscribe('STAFF_MESSAGE', viewer.userId);
    return new Repeater<StaffMessage>(async (push, stop) => {
      const iterator = events[Symbol.asyncIterator]();
      void stop.then(() => iterator.return?.());
      for (;;) {
        const next = await Promise.race([iterator.next(), stop.then(() => ({ done: true as const, value: undefined }))]);
        if (next.done) break;
        const message = await deps.orm.em.fork().findOne(StaffMessage, { id: next.value.messageId }, { populate: ['sender', 'recipient'] });
        if (message) await push(message);
      }
      stop();
    });
  }

  /** `field`: the argument that named the colleague, for the refusal. */
  private async colleague(viewer: StaffViewer, id: string, field: 'toUserId' | 'withUserId'): Promise<User> {
    const user = isUuid(id) && id !== viewer.userId ? await this.ctx.em.findOne(User, { id }) : null;
    if (!user) throw badInput(field, 'is not a colleague on the staff');
    return user;
  }
}
