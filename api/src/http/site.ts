import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { Campaign } from '../campaigns/campaign.entity';
import { embedCode } from '../campaigns/embed-code';
import type { AppDeps } from '../graphql/context';
import { demoPage } from './demo-page';

const CAMPAIGN_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** The widget script, the demo page and the console's single-page app. */
export function mountSite(app: Express, deps: AppDeps): void {
  const { widgetFile, consoleDir } = deps.config;

  app.get('/widget.js', (_req, res) => {
    if (!existsSync(widgetFile)) {
      res.status(503).type('text/plain').send('The widget is not built: run npm run build');
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type('application/javascript').sendFile(widgetFile);
  });

  app.get('/demo', async (req, res, next) => {
    try {
      const requested = typeof req.query.campaign === 'string' && CAMPAIGN_KEY.test(req.query.campaign) ? req.query.campaign : undefined;
      const em = deps.orm.em.fork();
      const campaign = requested
        ? await em.findOne(Campaign, { key: requested })
        : await em.findOne(Campaign, { enabled: true }, { orderBy: { createdAt: 'asc' } });
      const lang = typeof req.query.lang === 'string' && ['en', 'es', 'pt'].includes(req.query.lang) ? (req.query.lang as 'en' | 'es' | 'pt') : undefined;
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(demoPage(campaign ? embedCode(deps.config.publicUrl, campaign.key, lang) : undefined));
    } catch (error) {
      next(error);
    }
  });

  const index = path.join(consoleDir, 'index.html');
  app.use(express.static(consoleDir, { index: false, maxAge: '1h', setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') }));
  app.use((req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built: run npm run build');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
