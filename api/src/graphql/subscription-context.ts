import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import type { AppDeps, Context } from './context';

/** A socket operation's context, whose identity map can be let go once the operation is set up. */
export interface SubscriptionContext extends Context {
  /** Drops the fork: a subscription lives for hours and must not keep what was loaded to set it up. The next use forks again. */
  releaseEm(): void;
}

/**
 * The context of one socket operation: like `createContext`, except that
 * its fork of the identity map is made on first use, so a subscription that
 * reads nothing once set up holds none.
 */
export function subscriptionContext(deps: AppDeps, viewer: Viewer, origin: string | undefined, ip: string): SubscriptionContext {
  let em: EntityManager | undefined;
  return {
    deps,
    viewer,
    origin,
    ip,
    get em() {
      return (em ??= deps.orm.em.fork());
    },
    releaseEm: () => (em = undefined),
  };
}
