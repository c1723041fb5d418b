import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessCache } from '../auth/access-cache';
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Orm } from '../db/orm';
import type { Media } from '../media/media';
import type { ParleyPubSub } from './pubsub';
import type { WidgetLimits } from './rate-limit';
import type { OperationRateLimiter } from './rate-limit-operations';

/** What lives for the whole process: built once in main. */
export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly orm: Orm;
  readonly pubSub: ParleyPubSub;
  readonly now: () => Date;
  /** Per-instance widget limits, taken in the services. */
  readonly limits: WidgetLimits;
  /** Limits every instance shares, checked before each operation runs. */
  readonly rateLimiter: OperationRateLimiter;
  /** Tokens and visitors' sites, answered from memory and dropped on revocation. */
  readonly access: AccessCache;
  /** The media server for calls and screen monitoring; undefined when calls are off. */
  readonly media: Media | undefined;
}

/** One request (HTTP) or one subscription operation (WebSocket). */
export interface Context {
  readonly deps: AppDeps;
  /** A fork of the identity map for this operation only. */
  readonly em: EntityManager;
  readonly viewer: Viewer;
  /** The `Origin` header of the request or WebSocket upgrade, if any. */
  readonly origin: string | undefined;
  readonly ip: string;
}

/** A context whose fork of the identity map can be let go: a subscription lives for hours and must not keep what was loaded to set it up. */
export interface ReleasableContext extends Context {
  /** Drops the fork; the next use forks again. */
  releaseEm(): void;
}

/** The identity map is forked on first use: operations that run plain statements never pay for it. */
export function createContext(deps: AppDeps, viewer: Viewer, origin: string | undefined, ip: string, em?: EntityManager): ReleasableContext {
  let forked = em;
  return {
    deps,
    get em() {
      return (forked ??= deps.orm.em.fork());
    },
    releaseEm: () => (forked = undefined),
    viewer,
    origin,
    ip,
  };
}
