import { User } from '../auth/user.entity';
import { isManager, requireStaff, type Viewer } from '../auth/viewer';
import { Role } from '../auth/role';
import type { AppDeps } from '../graphql/context';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../graphql/app-error';
import { Interaction } from '../interactions/interaction.entity';
import { SpySession } from './spy-session.entity';
import { LiveFeed, type FeedSink } from '../graphql/live-feed';

/**
 * A supervisor or admin following, live, a chat that is not theirs (spy) is
 * recorded from the moment they start until they stop. Nothing of it reaches
 * the customer: no message, no presence, no read mark.
 */
/** The chat being watched: its id and its agent, as the subscription read it. */
type SpiedChat = { readonly id: string; readonly agent?: { readonly id: string } | null };

export function auditedWhenSpying<T>(deps: AppDeps, viewer: Viewer, interaction: SpiedChat, source: LiveFeed<T>): LiveFeed<T> {
  if (!isManager(viewer) || viewer.kind !== 'staff' || interaction.agent?.id === viewer.userId) return source;
  return new AuditedFeed(deps, viewer.userId, interaction, source);
}

/** Its events start once the session is recorded, and the session ends with the feed. */
class AuditedFeed<T> extends LiveFeed<T> {
  constructor(
    private readonly deps: AppDeps,
    private readonly supervisorId: string,
    private readonly interaction: SpiedChat,
    private readonly source: LiveFeed<T>,
  ) {
    super();
  }

  open(sink: FeedSink<T>): () => void {
    const { deps, interaction } = this;
    const em = deps.orm.em.fork();
    const session = em.create(SpySession, {
      supervisor: em.getReference(User, this.supervisorId),
      interaction: em.getReference(Interaction, interaction.id),
      agent: interaction.agent ? em.getReference(User, interaction.agent.id) : null,
      startedAt: deps.now(),
    });
    let over = false;
    let closeSource: (() => void) | undefined;
    const recorded = em.persistAndFlush(session);
    const finish = () => {
      if (over) return false;
      over = true;
      closeSource?.();
      void recorded
        .then(() => deps.orm.em.fork().nativeUpdate(SpySession, { id: session.id }, { endedAt: deps.now() }))
        .catch((err: unknown) => deps.logger.warn({ err }, 'the end of a spy session was not recorded'));
      return true;
    };
    recorded.then(
      () => {
        if (over) return;
        closeSource = this.source.open({
          next: (value) => sink.next(value),
          end: (error) => {
            if (finish()) sink.end(error);
          },
        });
      },
      (error: unknown) => {
        if (!over) {
          over = true;
          sink.end(error);
        }
      },
    );
    return () => void finish();
  }
}

/** The audit log of spy sessions, newest first (admins). */
export async function spySessions(em: EntityManager, viewer: Viewer, first: number | null): Promise<SpySession[]> {
  requireStaff(viewer, [Role.ADMIN]);
  const limit = first ?? 50;
  if (limit < 1 || limit > 500) throw badInput('first', 'must be from 1 to 500');
  return em.find(SpySession, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit, populate: ['supervisor', 'agent', 'interaction'] });
}
