import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations/migrations';

export type Orm = MikroORM;

export function ormOptions(databaseUrl: string, log: (message: string) => void = () => undefined): Options {
  return {
    logger: log,
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: 10 },
    // Entities are validated at build time; keep start-up fast.
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    debug: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
  };
}

export async function initOrm(databaseUrl: string, log?: (message: string) => void): Promise<Orm> {
  return MikroORM.init(ormOptions(databaseUrl, log));
}
