import type { Express } from 'express';
import type { AppDeps } from '../graphql/context';
import { migrationsApplied } from '../db/migrate';

/**
 * `/healthz`: the process answers. `/readyz`: the database answers and every
 * migration is applied (503 otherwise), and whether the media server answers
 * (`media`: ready, unreachable, or off when none is configured). Media down
 * is reported, not a failure: chats go on, calls answer SERVICE_UNAVAILABLE.
 */
export function mountHealth(app: Express, deps: AppDeps): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const em = deps.orm.em.fork();
      await em.getConnection().execute('select 1');
      if (!(await migrationsApplied(deps.orm))) {
        res.status(503).json({ status: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready', media: deps.media ? await deps.media.readiness() : 'off' });
    } catch (err) {
      deps.logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });
}
