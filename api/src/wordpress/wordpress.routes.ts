import type { Express } from 'express';
import { authenticate } from '../auth/authenticate';
import { Role } from '../auth/role';
import { Campaign } from '../campaigns/campaign.entity';
import type { AppDeps } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { PLUGIN_SLUG, wordpressPluginFiles } from './wordpress-plugin';
import { zip } from './zip';

/** `GET /campaigns/:id/wordpress-plugin.zip`: the campaign's WordPress plugin, for admins and supervisors (bearer token). */
export function mountWordPressPlugin(app: Express, deps: AppDeps): void {
  app.get('/campaigns/:id/wordpress-plugin.zip', async (req, res) => {
    try {
      const em = deps.orm.em.fork();
      const viewer = await authenticate(deps.orm.em, req.headers.authorization, deps.now());
      if (viewer.kind !== 'staff') {
        res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first: this download needs a staff session' } });
        return;
      }
      if (viewer.role === Role.AGENT) {
        res.status(403).json({ error: { code: 'FORBIDDEN', message: 'The plugin is for admins and supervisors' } });
        return;
      }
      const campaign = isUuid(req.params.id) ? await em.findOne(Campaign, { id: req.params.id }) : null;
      if (!campaign) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Campaign not found' } });
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${PLUGIN_SLUG}.zip"`);
      res.type('application/zip').send(zip(wordpressPluginFiles(deps.config.publicUrl, campaign.key), deps.now()));
    } catch (err) {
      deps.logger.error({ err }, 'WordPress plugin download failed');
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
    }
  });
}
