import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessCache } from '../auth/access-cache';
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Orm } from '../db/orm';
import type { ParleyPubSub } from './pubsub';
import type { WidgetLimits } from './rate-limit';

/** What lives for the whole process: built once in main. */
export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly orm: Orm;
  readonly pubSub: ParleyPubSub;
  readonly now: () => Date;
  readonly limits: WidgetLimits;
  /** Tokens and visitors' sites, answered from memory and dropped on revocation. */
  readonly access: AccessCache;
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

export function createContext(deps: AppDeps, viewer: Viewer, origin: string | undefined, ip: string, em?: EntityManager): Context {
  return { deps, em: em ?? deps.orm.em.fork(), viewer, origin, ip };
}
