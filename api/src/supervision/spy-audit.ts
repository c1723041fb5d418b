import { Repeater } from '@graphql-yoga/subscription';
import { User } from '../auth/user.entity';
import { isManager, requireStaff, type Viewer } from '../auth/viewer';
import { Role } from '../auth/role';
import type { AppDeps } from '../graphql/context';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../graphql/app-error';
import { Interaction } from '../interactions/interaction.entity';
import { SpySession } from './spy-session.entity';

/**
 * A supervisor or admin following, live, a chat that is not theirs (spy) is
 * recorded from the moment they start until they stop. Nothing of it reaches
 * the customer: no message, no presence, no read mark.
 */
export function auditedWhenSpying<T>(deps: AppDeps, viewer: Viewer, interaction: { readonly id: string; readonly agent?: { readonly id: string } | null }, source: AsyncIterable<T>): AsyncIterable<T> {
  if (!isManager(viewer) || viewer.kind !== 'staff' || interaction.agent?.id === viewer.userId) return source;
  return new Repeater<T>(async (push, stop) => {
    const em = deps.orm.em.fork();
    const session = em.create(SpySession, {
      supervisor: em.getReference(User, viewer.userId),
      interaction: em.getReference(Interaction, interaction.id),
      agent: interaction.agent ? em.getReference(User, interaction.agent.id) : null,
      startedAt: deps.now(),
    });
    await em.persistAndFlush(session);
    const events = source[Symbol.asyncIterator]();
    void stop.then(() => events.return?.());
    try {
      for (;;) {
        const next = await Promise.race([events.next(), stop.then(() => ({ done: true as const, value: undefined }))]);
        if (next.done) break;
        await push(next.value as T);
      }
    } finally {
      await deps.orm.em.fork().nativeUpdate(SpySession, { id: session.id }, { endedAt: deps.now() });
    }
    stop();
  });
}

/** The audit log of spy sessions, newest first (admins). */
export async function spySessions(em: EntityManager, viewer: Viewer, first: number | null): Promise<SpySession[]> {
  requireStaff(viewer, [Role.ADMIN]);
  const limit = first ?? 50;
  if (limit < 1 || limit > 500) throw badInput('first', 'must be from 1 to 500');
  return em.find(SpySession, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit, populate: ['supervisor', 'agent', 'interaction'] });
}
