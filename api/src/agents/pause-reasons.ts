import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { requireStaff, type Viewer } from '../auth/viewer';
import { badInput } from '../graphql/app-error';
import { PauseReason } from './pause-reason.entity';
import { audit } from '../audit/audit';

const LIMITS = { reasons: 30, length: 60 };

/** The reasons, in the admin's order, trimmed and unique; or the first problem, named by its path. */
export function checkPauseReasons(raw: readonly string[]): { reasons: string[]; problem?: { field: string; message: string } } {
  const reasons = raw.map((reason) => reason.replace(/\s+/g, ' ').trim());
  if (reasons.length === 0 || reasons.length > LIMITS.reasons) return { reasons, problem: { field: 'reasons', message: `must list 1 to ${LIMITS.reasons} reasons` } };
  for (const [i, reason] of reasons.entries()) {
    if (reason === '' || reason.length > LIMITS.length) return { reasons, problem: { field: `reasons[${i}]`, message: `must have 1 to ${LIMITS.length} characters` } };
    if (reasons.findIndex((other) => other.toLowerCase() === reason.toLowerCase()) !== i) return { reasons, problem: { field: `reasons[${i}]`, message: `"${reason}" is listed twice` } };
  }
  return { reasons };
}

export async function pauseReasons(em: EntityManager, viewer: Viewer): Promise<string[]> {
  requireStaff(viewer);
  return (await em.find(PauseReason, {}, { orderBy: { position: 'asc' } })).map((reason) => reason.text);
}

/** Replaces the whole list (admins). */
export async function setPauseReasons(em: EntityManager, viewer: Viewer, raw: readonly string[], now: Date): Promise<string[]> {
  requireStaff(viewer, [Role.ADMIN]);
  const { reasons, problem } = checkPauseReasons(raw);
  if (problem) throw badInput(problem.field, problem.message);
  await em.transactional(async (tx) => {
    // Two lists saved at once would each insert position 1: the later waits, then replaces the earlier.
    await tx.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', ['pause-reasons'], 'get', tx.getTransactionContext());
    await tx.nativeDelete(PauseReason, {});
    await tx.insertMany(PauseReason, reasons.map((text, i) => ({ position: i + 1, text })));
  });
  await audit(em, viewer, { action: 'pauseReasons.set', subjectType: 'pauseReasons', changes: reasons }, now);
  return reasons;
}
