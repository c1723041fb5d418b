import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Express, Request } from 'express';
import { Campaign } from '../campaigns/campaign.entity';
import { embedCode } from '../campaigns/embed-code';
import type { AppDeps } from '../graphql/context';
import { demoPage, type DemoCampaign } from './demo-page';
import { precompressedStatic, sendPrecompressed } from './precompressed';
import { consoleCsp, demoCsp, pageHeaders } from './security-headers';

const CAMPAIGN_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const LANGUAGES = ['en', 'es', 'pt'] as const;

/** The widget script, the demo page and the console's single-page app. */
export function mountSite(app: Express, deps: AppDeps): void {
  const { widgetFile, consoleDir } = deps.config;

  // Customers' sites load them from anywhere: widget.js, and the call chunk it imports (a module
  // script, so CORS applies) when a call starts. Names without a hash: caches keep them briefly.
  const widgetDir = path.dirname(widgetFile);
  for (const file of [path.basename(widgetFile), 'widget-call.js']) {
    app.get(`/${file}`, (req, res, next) => {
      if (!existsSync(path.join(widgetDir, file))) {
        res.status(503).type('text/plain').send('The widget is not built: run npm run build');
        return;
      }
      const headers = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
      sendPrecompressed(req, res, next, widgetDir, file, { cacheControl: 'public, max-age=300', headers }).catch(next);
    });
  }

  app.get('/demo', async (req, res, next) => {
    try {
      const lang = LANGUAGES.find((language) => language === req.query.lang);
      const campaign = await demoCampaign(deps, req.query.campaign);
      const found: DemoCampaign =
        campaign instanceof Campaign
          ? { kind: 'found', name: campaign.name, key: campaign.key, enabled: campaign.enabled, embed: embedCode(deps.config.publicUrl, campaign.key, lang) }
          : campaign;
      res.set({ ...pageHeaders(demoCsp(deps.config, req.headers.host)), 'Cache-Control': 'no-store' });
      res.status(found.kind === 'unknown' ? 404 : 200).type('html').send(demoPage(found));
    } catch (error) {
      next(error);
    }
  });

  const consoleHeaders = (req: Request) => pageHeaders(consoleCsp(deps.config, req.headers.host));
  const index = path.join(consoleDir, 'index.html');
  app.use(precompressedStatic(consoleDir, consoleHeaders));
  app.use((req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built: run npm run build');
      return;
    }
    sendPrecompressed(req, res, next, consoleDir, 'index.html', { cacheControl: 'no-cache', headers: consoleHeaders(req) }).catch(next);
  });
}

/**
 * `?campaign=KEY`: that campaign, whether enabled or not. Without it: the first campaign created (the
 * demo campaign), even when disabled, so the page shows that state rather than quietly another campaign.
 */
async function demoCampaign(deps: AppDeps, requested: unknown): Promise<Campaign | DemoCampaign> {
  const em = deps.orm.em.fork();
  if (requested === undefined) {
    const [first] = await em.find(Campaign, {}, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1 });
    return first ?? { kind: 'none' };
  }
  const key = typeof requested === 'string' ? requested : String(requested);
  const campaign = CAMPAIGN_KEY.test(key) ? await em.findOne(Campaign, { key }) : null;
  return campaign ?? { kind: 'unknown', key: key.slice(0, 64) };
}
