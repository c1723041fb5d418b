import { randomUUID } from 'node:crypto';
import { sql } from '../db/sql';
import { batched } from '../db/batched';
import type { Viewer } from '../auth/viewer';
import { Role } from '../auth/role';
import type { AppDeps } from '../graphql/context';
import { Connection, ConnectionSubject } from './connection.entity';

/** Sockets not refreshed for this long belong to a dead instance. */
export const STALE_SECONDS = 45;
export const INSTANCE_ID = randomUUID();

function subjectOf(viewer: Viewer): { subject: ConnectionSubject; subjectId: string } | undefined {
  if (viewer.kind === 'visitor') return { subject: ConnectionSubject.CONTACT, subjectId: viewer.contactId };
  if (viewer.kind === 'staff' && viewer.role === Role.AGENT) return { subject: ConnectionSubject.AGENT, subjectId: viewer.userId };
  return undefined;
}

/** Sockets opened at once, recorded together; a returning agent cancels their pending sign-out, a returning contact the auto-finish of their active chats. */
const recorded = (subject: ConnectionSubject, cancel: string) => `with connection as (
    insert into connections (id, subject, subject_id, instance_id, seen_at)
    select id, '${subject}', subject_id, $3, $4::timestamptz from unnest($1::uuid[], $2::uuid[]) as s(id, subject_id))
  ${cancel}`;
const RECORD_AGENTS = recorded(ConnectionSubject.AGENT, `delete from deadlines where kind = 'AGENT_GONE' and subject_id = any($2::uuid[])`);
const RECORD_CONTACTS = recorded(
  ConnectionSubject.CONTACT,
  `delete from deadlines where kind = 'AUTO_FINISH' and subject_id in (select id from interactions where contact_id = any($2::uuid[]) and state = 'ACTIVE')`,
);

const recorders = new WeakMap<AppDeps, (presence: Presence) => Promise<void>>();

/** Records a socket, and cancels the subject's pending auto-finish or sign-out: one statement for the sockets opened at once (see `batched`). */
export function connected(deps: AppDeps, presence: Presence): Promise<void> {
  let record = recorders.get(deps);
  if (!record) {
    const write = async (text: string, sockets: readonly Presence[]) => {
      if (sockets.length > 0) await sql(deps.orm.em, text, [sockets.map((p) => p.connectionId), sockets.map((p) => p.subjectId), INSTANCE_ID, deps.now()]);
    };
    record = batched(async (sockets: readonly Presence[]) => {
      const agents = sockets.filter((p) => p.subject === ConnectionSubject.AGENT);
      await Promise.all([write(RECORD_AGENTS, agents), write(RECORD_CONTACTS, sockets.filter((p) => p.subject !== ConnectionSubject.AGENT))]);
      return [];
    });
    recorders.set(deps, record);
  }
  return record(presence);
}

/**
 * Forgets a socket ($1) and, when no other fresh socket of its subject is seen, starts their sign-out clock (an agent)
 * or the auto-finish clock of their active chats (a contact), in one statement that answers whether another socket was
 * seen. Two sockets of one subject closing at once may each see the other: a closing that saw one asks again, with $1
 * null, once its own delete is committed, and the later of the two then sees neither. A clock started while a socket
 * opens elsewhere is harmless: the deadline worker checks presence before it acts.
 */
const gone = (schedule: string) => `with gone as (delete from connections where id = $1::uuid returning id),
  others as (select exists (select 1 from connections where subject_id = $2::uuid and id is distinct from $1::uuid and seen_at >= $3::timestamptz) as present),
  last as (select 1 from others where not present and ($1::uuid is null or exists (select 1 from gone))),
  scheduled as (${schedule} on conflict (kind, subject_id) do nothing)
  select present from others`;
const AGENT_GONE = gone(`insert into deadlines (kind, subject_id, due_at) select 'AGENT_GONE', $2::uuid, $4::timestamptz + make_interval(secs => $5::int) from last`);
const CONTACT_GONE = gone(`insert into deadlines (kind, subject_id, due_at)
    select 'AUTO_FINISH', i.id, $4::timestamptz + make_interval(secs => (c.thresholds->>'autoFinishSeconds')::int)
      from last, interactions i join campaigns c on c.id = i.campaign_id
     where i.contact_id = $2::uuid and i.state = 'ACTIVE'`);

/** A socket of a contact or an agent, as its presence row records it. */
export interface Presence {
  readonly connectionId: string;
  readonly subject: ConnectionSubject;
  readonly subjectId: string;
}

/** The presence row a socket of this viewer records, before it is written. */
export function presenceOf(viewer: Viewer): Presence | undefined {
  const who = subjectOf(viewer);
  return who && { connectionId: randomUUID(), ...who };
}

/** Forgets a socket; when it was the subject's last one, starts their auto-finish or sign-out clock. One statement, two when another socket of theirs was open. */
export async function disconnected(deps: AppDeps, presence: Presence): Promise<void> {
  if (await whenGone(deps, presence, presence.connectionId)) await whenGone(deps, presence, null);
}

/** Whether another fresh socket of the subject was seen (then nothing was scheduled). */
async function whenGone(deps: AppDeps, { subject, subjectId }: Omit<Presence, 'connectionId'>, connectionId: string | null): Promise<boolean> {
  const now = deps.now();
  const fresh = new Date(now.getTime() - STALE_SECONDS * 1000);
  const [row] =
    subject === ConnectionSubject.AGENT
      ? await sql<{ present: boolean }>(deps.orm.em, AGENT_GONE, [connectionId, subjectId, fresh, now, deps.config.agentGraceSeconds])
      : await sql<{ present: boolean }>(deps.orm.em, CONTACT_GONE, [connectionId, subjectId, fresh, now]);
  return row?.present ?? false;
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
  for (const connection of stale) await disconnected(deps, { connectionId: connection.id, subject: connection.subject, subjectId: connection.subjectId });
}
