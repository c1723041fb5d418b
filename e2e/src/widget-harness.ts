import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '@parley/api/testing/api-process';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from './browser';
import { after, before } from 'node:test';
import { AgentDriver } from './widget-agent';

/**
 * The widget's journeys run against a whole Parley (demo data, agent1 and a
 * demo campaign open to every site) and a customer's site on another origin:
 * a tiny HTTP server whose pages hold only the campaign's embed code, under a
 * strict Content-Security-Policy (no inline scripts or styles).
 */
export interface WidgetStack {
  readonly api: ApiProcess;
  readonly browser: Browser;
  readonly site: TestSite;
  /** An admin session, to create campaigns and agents. */
  readonly admin: string;
  /** The demo campaign: open around the clock, media, offline messages, feedback, a custom field "Order number". */
  readonly demo: Campaign;
  stop(): Promise<void>;
}

export interface Campaign {
  id: string;
  key: string;
  embedCode: string;
}

const CAMPAIGN_FIELDS = `name enabled distribution availability serviceLevelTarget maxInteractionsPerAgent qualityModelId automaticAgentMessage colour
  showAgentName feedbackEnabled emailRequired mediaEnabled offlineMessageEnabled offlineMessageEmail allowedDomains
  schedule { timezone ranges { weekday start end } exceptions { date closed ranges { weekday start end } } }
  welcomeMessage { en es pt } outOfTimeMessage { en es pt } notAvailableMessage { en es pt } feedbackMessage { en es pt }
  thresholds { serviceLevelSeconds abandonSeconds chatTimeWarnSeconds chatTimeLimitSeconds agentIdleWarnSeconds acd maxChats waitTimeoutSeconds autoFinishSeconds }
  customField { label visible required }`;

export async function startWidgetStack(): Promise<WidgetStack> {
  const db: TestDatabase = await createTestDatabase();
  const api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { PARLEY_DEMO: '1' } });
  const browser = await launchChromium();
  const site = await TestSite.start(api.url);
  const admin = await login(api.url, 'admin@parley.local', 'parley-admin');
  const { campaigns } = await ok<{ campaigns: Campaign[] }>(api.url, '{ campaigns { id key embedCode } }', {}, { token: admin });
  const demo = campaigns[0];
  if (!demo) throw new Error('no demo campaign');
  return {
    api,
    browser,
    site,
    admin,
    demo,
    stop: async () => {
      await browser.close();
      await site.stop();
      await api.stop();
      await db.drop();
    },
  };
}

/** A copy of the demo campaign with some settings changed, created through the API as an admin would. */
export async function createCampaign(stack: WidgetStack, changes: Record<string, unknown>): Promise<Campaign> {
  const { campaign } = await ok<{ campaign: Record<string, unknown> }>(stack.api.url, `query($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`, { id: stack.demo.id }, { token: stack.admin });
  const input = JSON.parse(JSON.stringify({ ...campaign, ...changes }));
  const { createCampaign: created } = await ok<{ createCampaign: Campaign }>(
    stack.api.url,
    'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key embedCode } }',
    { input },
    { token: stack.admin },
  );
  return created;
}

/** Makes `agentId` a member of the campaign. */
export async function addMember(stack: WidgetStack, campaignId: string, agentId: string): Promise<void> {
  await ok(stack.api.url, 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: campaignId, a: agentId }, { token: stack.admin });
}

export interface PageOptions {
  /** `data-lang` added to the embed code. */
  lang?: 'en' | 'es' | 'pt';
  /** The browser's own language (navigator.language). */
  locale?: string;
  /** Global CSS meant to break any widget that does not isolate itself. */
  hostileCss?: boolean;
  viewport?: { width: number; height: number };
  path?: string;
  /** Runs before the page loads (routes, init scripts). */
  prepare?: (page: Page) => Promise<unknown>;
}

/** The customer's site: each page holds the embed code, nothing else that runs. */
export class TestSite {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly apiUrl: string,
  ) {}

  /** `host`: the address to listen on and be reached at (the media journeys use a veth address). */
  static async start(apiUrl: string, host = '127.0.0.1'): Promise<TestSite> {
    let site: TestSite | undefined;
    const server = createServer((request, response) => site?.serve(request.url ?? '/', response));
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    site = new TestSite(server, `http://${host}:${port}`, apiUrl);
    return site;
  }

  /** A new browser context (its own storage) with the page at `/shop?…` showing `campaign`'s embed code. */
  async open(browser: Browser, campaign: Campaign, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page; violations: () => Promise<string[]> }> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: options.locale ?? 'en-US', ...(options.viewport && options.viewport.width < 480 ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    // Init scripts come through the browser's automation channel, which the page's CSP does not govern.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
    });
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    await options.prepare?.(page);
    await page.goto(this.pageUrl(campaign, options));
    return { context, page, violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations) };
  }

  pageUrl(campaign: Campaign, options: PageOptions = {}): string {
    const params = new URLSearchParams({ embed: Buffer.from(campaign.embedCode).toString('base64url') });
    if (options.lang) params.set('lang', options.lang);
    if (options.hostileCss) params.set('hostile', '1');
    return `${this.url}${options.path ?? '/shop'}?${params}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(url: string, response: import('node:http').ServerResponse): void {
    const { pathname, searchParams } = new URL(url, this.url);
    if (pathname === '/hostile.css') {
      response.writeHead(200, { 'content-type': 'text/css' }).end(HOSTILE_CSS);
      return;
    }
    const embed = Buffer.from(searchParams.get('embed') ?? '', 'base64url').toString();
    if (!pathname.startsWith('/shop') || !/^<script src="[^"]+\/widget\.js" data-campaign="[\w-]+"( data-lang="\w\w")? async><\/script>$/.test(embed)) {
      response.writeHead(404).end();
      return;
    }
    const lang = searchParams.get('lang');
    const script = lang ? embed.replace(' async>', ` data-lang="${lang}" async>`) : embed;
    const api = new URL(/src="([^"]+)"/.exec(embed)?.[1] ?? this.apiUrl).origin;
    const apis = [api, this.apiUrl].map((origin) => new URL(origin).host);
    const csp = [
      "default-src 'none'",
      `script-src ${apis.map((host) => `http://${host}`).join(' ')}`,
      `connect-src ${apis.flatMap((host) => [`http://${host}`, `ws://${host}`]).join(' ')}`,
      "style-src 'self'",
      'img-src blob:',
      'media-src blob:',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store' });
    response.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Outfitters</title>
${searchParams.get('hostile') ? '<link rel="stylesheet" href="/hostile.css">' : ''}
</head>
<body>
<main>
<h1>Northwind Outfitters</h1>
<p>Gear for every trail. This page is a customer's website with Parley's embed code pasted in.</p>
</main>
${script}
</body>
</html>`);
  }
}

/** What a careless or hostile site might put in its global stylesheet. */
export const HOSTILE_CSS = `
*:not(html):not(body):not(main):not(h1):not(p) { all: unset !important; display: none !important; font-size: 2px !important; color: red !important; }
html, body { font-size: 2px !important; line-height: 0 !important; color: red !important; font-family: "Comic Sans MS", cursive !important; }
button, div, section, input, textarea, p, span, form { background: red !important; border: 9px dotted lime !important; border-radius: 0 !important; padding: 0 !important; margin: 40px !important; }
parley-widget { display: none !important; visibility: hidden !important; opacity: 0 !important; transform: scale(0) !important; position: absolute !important; left: -9999px !important; filter: blur(20px) !important; }
:root { --accent: red; --on-accent: lime; }
`;

/** The widget's visitor session in the page's storage (its chat, as the widget keeps it across reloads). */
export async function widgetSession(page: Page, campaign: Campaign): Promise<{ token: string; interactionId: string | null } | null> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(`parley:${key}`) ?? 'null'), campaign.key);
}

/** Runs axe-core on the page (it scans the widget's open shadow root) and answers its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
  });
}

/** A screenshot under e2e/artifacts once the widget's animations have finished (the panel opening, a spinner excepted). */
export async function widgetScreenshot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() =>
    Promise.all(
      (document.querySelector('parley-widget')?.shadowRoot?.getAnimations() ?? [])
        .filter((animation) => (animation.effect?.getTiming().iterations ?? 1) !== Infinity)
        .map((animation) => animation.finished),
    ),
  );
  await screenshot(page, name);
}

/**
 * Registers a suite's hooks: before it, a widget stack with the demo agent
 * signed in and available (handed to `ready`); after it, both stopped.
 */
export function withAvailableAgent(ready: (started: { stack: WidgetStack; agent: AgentDriver }) => void): void {
  let started: { stack: WidgetStack; agent: AgentDriver } | undefined;
  before(async () => {
    const stack = await startWidgetStack();
    const agent = await AgentDriver.signIn(stack.api.url);
    await agent.setState('AVAILABLE');
    started = { stack, agent };
    ready(started);
  });
  after(async () => {
    started?.agent.stop();
    await started?.stack.stop();
  });
}
