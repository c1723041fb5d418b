import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '@parley/api/testing/api-process';
import { readFileSync } from 'node:fs';
import { ok } from '@parley/api/testing/graphql-client';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';

/** A whole Parley with demo data on a fresh database, and a Chromium to use it with. */
export interface DemoStack {
  readonly api: ApiProcess;
  readonly browser: Browser;
  stop(): Promise<void>;
}

export async function startDemoStack(): Promise<DemoStack> {
  const db: TestDatabase = await createTestDatabase();
  const api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { PARLEY_DEMO: '1' } });
  const browser = await launchChromium();
  return {
    api,
    browser,
    stop: async () => {
      await browser.close();
      await api.stop();
      await db.drop();
    },
  };
}

/** Signs in through the console's login page, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A customer driven through the API (GraphQL over HTTP), as the widget would; for journeys that watch the console. */
export interface Customer {
  readonly token: string;
  readonly interactionId: string;
  send(text: string): Promise<{ seq: number }>;
  messages(): Promise<CustomerMessage[]>;
  markRead(seq: number): Promise<void>;
  typing(typing: boolean): Promise<void>;
  download(url: string): Promise<Buffer>;
  state(): Promise<{ state: string; closeReason: string | null; agent: { name: string } | null }>;
}

export interface CustomerMessage {
  seq: number;
  text: string | null;
  clientId: string | null;
  sender: { kind: string; name: string | null };
  attachment: { id: string; kind: string; name: string; mimeType: string; size: number; url: string } | null;
}

export async function startCustomerChat(
  baseUrl: string,
  input: { campaignKey: string; name: string; email?: string; customFieldValue?: string; language?: string },
  origin?: string,
): Promise<Customer> {
  const started = await ok<{ startChat: { token: string; interaction: { id: string } } }>(
    baseUrl,
    'mutation($input: StartChatInput!) { startChat(input: $input) { token interaction { id } } }',
    { input },
    { origin },
  );
  const token = started.startChat.token;
  const interactionId = started.startChat.interaction.id;
  const as = { token, origin };
  return {
    token,
    interactionId,
    send: async (text) =>
      (await ok<{ sendMessage: { seq: number } }>(baseUrl, 'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { seq } }', { i: interactionId, c: `customer-${Math.random()}`, t: text }, as))
        .sendMessage,
    messages: async () =>
      (
        await ok<{ interaction: { messages: CustomerMessage[] } }>(
          baseUrl,
          'query($i: ID!) { interaction(id: $i) { messages { seq text clientId sender { kind name } attachment { id kind name mimeType size url } } } }',
          { i: interactionId },
          as,
        )
      ).interaction.messages,
    markRead: async (seq) => {
      await ok(baseUrl, 'mutation($i: ID!, $s: Int!) { markRead(interactionId: $i, seq: $s) { id } }', { i: interactionId, s: seq }, as);
    },
    typing: async (typing) => {
      await ok(baseUrl, 'mutation($i: ID!, $t: Boolean!) { setTyping(interactionId: $i, typing: $t) }', { i: interactionId, t: typing }, as);
    },
    download: async (url) => {
      const response = await fetch(`${baseUrl}${new URL(url).pathname}`, { headers: { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) } });
      if (!response.ok) throw new Error(`download failed: ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    state: async () =>
      (await ok<{ interaction: { state: string; closeReason: string | null; agent: { name: string } | null } }>(baseUrl, 'query($i: ID!) { interaction(id: $i) { state closeReason agent { name } } }', { i: interactionId }, as))
        .interaction,
  };
}

/** Polls until `read` answers a value: journeys wait for conditions, never for fixed times. */
export async function until<T>(what: string, read: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs axe-core in the page and answers its serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  // Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact as string, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
}

const DEMO_CAMPAIGN_FIELDS = `name enabled distribution availability serviceLevelTarget maxInteractionsPerAgent offerTimeoutSeconds qualityModelId automaticAgentMessage colour
  showAgentName feedbackEnabled emailRequired mediaEnabled offlineMessageEnabled offlineMessageEmail allowedDomains
  schedule { timezone ranges { weekday start end } exceptions { date closed ranges { weekday start end } } }
  welcomeMessage { en es pt } outOfTimeMessage { en es pt } notAvailableMessage { en es pt } feedbackMessage { en es pt }
  thresholds { serviceLevelSeconds abandonSeconds chatTimeWarnSeconds chatTimeLimitSeconds agentIdleWarnSeconds acd maxChats waitTimeoutSeconds autoFinishSeconds }
  customField { label visible required }`;

/**
 * A campaign like the demo one (open around the clock), created through the API by an admin, with
 * some settings changed (`thresholds` merged into the demo's) and the given agents as members.
 */
export async function createCampaignLikeDemo(
  baseUrl: string,
  adminToken: string,
  changes: { name: string; colour?: string; thresholds?: Record<string, number>; [setting: string]: unknown },
  memberIds: readonly string[],
): Promise<{ id: string; key: string }> {
  const { campaigns } = await ok<{ campaigns: { id: string }[] }>(baseUrl, '{ campaigns { id } }', {}, { token: adminToken });
  const { campaign: demo } = await ok<{ campaign: Record<string, unknown> & { thresholds: Record<string, number> } }>(
    baseUrl,
    `query($id: ID!) { campaign(id: $id) { ${DEMO_CAMPAIGN_FIELDS} } }`,
    { id: campaigns[0]!.id },
    { token: adminToken },
  );
  const input = JSON.parse(JSON.stringify({ ...demo, ...changes, thresholds: { ...demo.thresholds, ...changes.thresholds } }));
  const { createCampaign } = await ok<{ createCampaign: { id: string; key: string } }>(baseUrl, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }', { input }, { token: adminToken });
  for (const agentId of memberIds) {
    await ok(baseUrl, 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: createCampaign.id, a: agentId }, { token: adminToken });
  }
  return createCampaign;
}
