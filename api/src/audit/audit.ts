import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { requireStaff, type Viewer } from '../auth/viewer';
import { badInput } from '../graphql/app-error';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string | null;
  readonly changes?: readonly string[];
}

/** Records a configuration change by a staff member. Call it where the change is made, after it succeeded. */
export function audit(em: EntityManager, viewer: Viewer, entry: AuditEntry, at: Date): Promise<void> {
  return auditAs(em, viewer.kind === 'staff' ? viewer.userId : null, entry, at);
}

/** Records something done by a staff member named by id (or by nobody: null), such as a screen monitoring the system ended. */
export async function auditAs(em: EntityManager, actorId: string | null, entry: AuditEntry, at: Date): Promise<void> {
  await em.getConnection().execute(
    'insert into audit_events (id, actor_id, action, subject_type, subject_id, changes, at) values (gen_random_uuid(), ?, ?, ?, ?, ?::jsonb, ?)',
    [actorId, entry.action, entry.subjectType, entry.subjectId ?? null, JSON.stringify(entry.changes ?? []), at],
    'run',
  );
}

/** JSON with object keys in order: stored JSON (jsonb) comes back with its keys reordered. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );

/** The names of the settings whose values differ between two plain snapshots. */
export function changedSettings(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => canonical(before[key]) !== canonical(after[key])).sort();
}

/** The audit log, newest first (admins). */
export async function auditLog(em: EntityManager, viewer: Viewer, first: number | null, before: Date | null): Promise<AuditEvent[]> {
  requireStaff(viewer, [Role.ADMIN]);
  const limit = first ?? 50;
  if (limit < 1 || limit > 500) throw badInput('first', 'must be from 1 to 500');
  return em.find(AuditEvent, before ? { at: { $lt: before } } : {}, { orderBy: { at: 'desc', id: 'desc' }, limit, populate: ['actor'] });
}
