import { randomUUID } from 'node:crypto';
import { sql } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { Role } from '../auth/role';
import type { AppDeps } from '../graphql/context';
import { Deadline, DeadlineKind } from '../deadlines/deadline.entity';
import { InteractionState } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';
import { Connection, ConnectionSubject } from './connection.entity';

/** Sockets not refreshed for this long belong to a dead instance. */
export const STALE_SECONDS = 45;
export const INSTANCE_ID = randomUUID();

function subjectOf(viewer: Viewer): { subject: ConnectionSubject; subjectId: string } | undefined {
  if (viewer.kind === 'visitor') return { subject: ConnectionSubject.CONTACT, subjectId: viewer.contactId };
  if (viewer.kind === 'staff' && viewer.role === Role.AGENT) return { subject: ConnectionSubject.AGENT, subjectId: viewer.userId };
  return undefined;
}

/** A returning agent cancels their pending sign-out; a returning contact, the auto-finish of their active chats. */
const RECORD_AGENT = `with connection as (insert into connections (id, subject, subject_id, instance_id, seen_at) values ($1::uuid, 'AGENT', $2::uuid, $3, $4::timestamptz))
  delete from deadlines where kind = 'AGENT_GONE' and subject_id = $2::uuid`;
const RECORD_CONTACT = `with connection as (insert into connections (id, subject, subject_id, instance_id, seen_at) values ($1::uuid, 'CONTACT', $2::uuid, $3, $4::timestamptz))
  delete from deadlines where kind = 'AUTO_FINISH' and subject_id in (select id from interactions where contact_id = $2::uuid and state = 'ACTIVE')`;

/** Records a socket in one statement, and cancels the subject's pending auto-finish or sign-out. Returns the connection id. */
export async function connected(deps: AppDeps, viewer: Viewer): Promise<string | undefined> {
  const who = subjectOf(viewer);
  if (!who) return undefined;
  const id = randomUUID();
  await sql(deps.orm.em, who.subject === ConnectionSubject.AGENT ? RECORD_AGENT : RECORD_CONTACT, [id, who.subjectId, INSTANCE_ID, deps.now()]);
  return id;
}

/** Forgets a socket; when it was the subject's last one, starts their auto-finish or sign-out clock. */
export async function disconnected(deps: AppDeps, connectionId: string): Promise<void> {
  const em = deps.orm.em.fork();
  const connection = await em.findOne(Connection, { id: connectionId });
  if (!connection) return;
  await em.nativeDelete(Connection, { id: connectionId });
  await whenGone(deps, connection.subject, connection.subjectId);
}

async function whenGone(deps: AppDeps, subject: ConnectionSubject, subjectId: string): Promise<void> {
  const em = deps.orm.em.fork();
  const fresh = new Date(deps.now().getTime() - STALE_SECONDS * 1000);
  if ((await em.count(Connection, { subjectId, seenAt: { $gte: fresh } })) > 0) return;
  const now = deps.now().getTime();
  const connection = em.getConnection();
  const schedule = (kind: DeadlineKind, id: string, seconds: number) =>
    connection.execute('insert into deadlines (kind, subject_id, due_at) values (?, ?, ?) on conflict (kind, subject_id) do nothing', [kind, id, new Date(now + seconds * 1000)]);
  if (subject === ConnectionSubject.AGENT) {
    await schedule(DeadlineKind.AGENT_GONE, subjectId, deps.config.agentGraceSeconds);
    return;
  }
  const active = await em.find(Interaction, { contact: subjectId, state: InteractionState.ACTIVE }, { populate: ['campaign'] });
  for (const chat of active) await schedule(DeadlineKind.AUTO_FINISH, chat.id, chat.campaign.thresholds.autoFinishSeconds);
}

/** Whether a contact or agent still has a live socket. */
export async function isPresent(deps: AppDeps, subjectId: string): Promise<boolean> {
  const fresh = new Date(deps.now().getTime() - STALE_SECONDS * 1000);
  return (await deps.orm.em.fork().count(Connection, { subjectId, seenAt: { $gte: fresh } })) > 0;
}

/** Refreshes this instance's sockets and clears sockets of dead instances, starting their clocks. */
export async function heartbeat(deps: AppDeps): Promise<void> {
  const em = deps.orm.em.fork();
  await em.nativeUpdate(Connection, { instanceId: INSTANCE_ID }, { seenAt: deps.now() });
  const stale = await em.find(Connection, { seenAt: { $lt: new Date(deps.now().getTime() - STALE_SECONDS * 1000) } }, { limit: 500 });
  for (const connection of stale) {
    await em.nativeDelete(Connection, { id: connection.id });
    await whenGone(deps, connection.subject, connection.subjectId);
  }
}
