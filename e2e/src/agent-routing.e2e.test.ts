import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser';
import { seriousA11yViolations, signIn, startCustomerChat, startDemoStack, until, type DemoStack } from './stack';

const CAMPAIGN_FIELDS = `name enabled distribution availability serviceLevelTarget maxInteractionsPerAgent offerTimeoutSeconds qualityModelId automaticAgentMessage colour
  showAgentName feedbackEnabled emailRequired mediaEnabled offlineMessageEnabled offlineMessageEmail allowedDomains
  schedule { timezone ranges { weekday start end } exceptions { date closed ranges { weekday start end } } }
  welcomeMessage { en es pt } outOfTimeMessage { en es pt } notAvailableMessage { en es pt } feedbackMessage { en es pt }
  thresholds { serviceLevelSeconds abandonSeconds chatTimeWarnSeconds chatTimeLimitSeconds agentIdleWarnSeconds acd maxChats waitTimeoutSeconds autoFinishSeconds }
  customField { label visible required }`;

/** Offers and queues between two agents, the console in three languages, and the admin's pause reasons. */
describe('agent routing and language journeys', () => {
  let stack: DemoStack;
  let admin: string;
  let agents: { id: string; email: string }[];

  before(async () => {
    stack = await startDemoStack();
    admin = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    agents = (await ok<{ users: { id: string; email: string }[] }>(stack.api.url, '{ users(role: AGENT) { id email } }', {}, { token: admin })).users;
  });
  after(async () => {
    await stack?.stop();
  });

  /** A campaign like the demo one, with other routing, served by both demo agents. */
  async function campaign(name: string, overrides: Record<string, unknown>): Promise<string> {
    const { campaigns } = await ok<{ campaigns: { id: string }[] }>(stack.api.url, '{ campaigns { id } }', {}, { token: admin });
    const { campaign: demo } = await ok<{ campaign: Record<string, unknown> }>(stack.api.url, `query($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`, { id: campaigns[0]!.id }, { token: admin });
    const input = JSON.parse(JSON.stringify({ ...demo, name, qualityModelId: null, automaticAgentMessage: null, ...overrides }));
    const { createCampaign } = await ok<{ createCampaign: { id: string; key: string } }>(stack.api.url, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }', { input }, { token: admin });
    for (const agent of agents) {
      await ok(stack.api.url, 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: createCampaign.id, a: agent.id }, { token: admin });
    }
    return createCampaign.key;
  }

  async function agentPage(browser: Browser, email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const page = await context.newPage();
    // Counts offers leaving the inbox, however briefly.
    await page.addInitScript(() => {
      const seen = { offersRemoved: 0 };
      (window as unknown as { __inbox: typeof seen }).__inbox = seen;
      new MutationObserver((records) => {
        for (const record of records) for (const node of Array.from(record.removedNodes)) if (node instanceof HTMLElement && (node.matches('[data-testid="offer"]') || node.querySelector('[data-testid="offer"]'))) seen.offersRemoved += 1;
      }).observe(document, { childList: true, subtree: true });
    });
    await signIn(page, stack.api.url, email, 'parley-agent');
    await page.waitForURL('**/workspace');
    return page;
  }

  async function goAvailable(page: Page): Promise<void> {
    const state = page.getByLabel('Your state');
    await state.selectOption('AVAILABLE');
    await until('the agent is available', async () => (await state.inputValue()) === 'AVAILABLE' && !(await state.isDisabled()));
  }

  const offersRemoved = (page: Page) => page.evaluate(() => (window as unknown as { __inbox: { offersRemoved: number } }).__inbox.offersRemoved);

  it('a ring-all offer nobody accepts in time moves on, and the other agent takes it', async () => {
    const key = await campaign('Ring all desk', { distribution: 'RINGALL', offerTimeoutSeconds: 3 });
    const alex = await agentPage(stack.browser, 'agent1@parley.local');
    const bea = await agentPage(stack.browser, 'agent2@parley.local');
    await goAvailable(alex);

    const customer = await startCustomerChat(stack.api.url, { campaignKey: key, name: 'Olga Petrova', email: 'olga@example.com' });
    const alexOffer = alex.getByTestId('offer').filter({ hasText: 'Olga Petrova' });
    await alexOffer.waitFor();
    assert.match(await alexOffer.innerText(), /Ring all desk/);
    await screenshot(alex, 'agent-offer-ringing');
    assert.equal(await bea.getByTestId('offer').count(), 0, 'Bea is not available yet');

    // Alex lets it ring out: the API expires the offer and the console drops it.
    await until('the offer expires for Alex', async () => (await offersRemoved(alex)) >= 1, 15_000);
    assert.equal((await customer.state()).agent, null);

    // Bea comes in: the chat now rings for her, and she takes it.
    await goAvailable(bea);
    const beaOffer = bea.getByTestId('offer').filter({ hasText: 'Olga Petrova' });
    await beaOffer.waitFor();
    await beaOffer.getByRole('button', { name: 'Accept the chat with Olga Petrova' }).click();
    await bea.waitForURL(/\/workspace\/[0-9a-f-]{36}$/);
    await bea.getByTestId('contact-name').filter({ hasText: 'Olga Petrova' }).waitFor();
    await alexOffer.waitFor({ state: 'detached' });
    assert.equal((await customer.state()).agent?.name, 'Bea Agent');
    assert.equal(await alex.getByTestId('inbox-chat').count(), 0);
    await screenshot(bea, 'agent-offer-accepted');
    await alex.context().close();
    await bea.context().close();
  });

  it('an agent takes a waiting chat from the queue where agents pick', async () => {
    const key = await campaign('Pick desk', { distribution: 'AGENT_PICKS' });
    const alex = await agentPage(stack.browser, 'agent1@parley.local');
    await goAvailable(alex);
    await startCustomerChat(stack.api.url, { campaignKey: key, name: 'Pedro Alves' });
    const waiting = alex.getByTestId('queued').filter({ hasText: 'Pedro Alves' });
    await waiting.waitFor();
    await screenshot(alex, 'agent-queue');
    assert.deepEqual(await seriousA11yViolations(alex), []);
    await waiting.getByRole('button', { name: 'Take the chat with Pedro Alves' }).click();
    await alex.getByTestId('contact-name').filter({ hasText: 'Pedro Alves' }).waitFor();
    await waiting.waitFor({ state: 'detached' });

    // A second chat; Alt+ArrowDown and Alt+ArrowUp move between the open chats.
    await startCustomerChat(stack.api.url, { campaignKey: key, name: 'Quinn Lee' });
    await alex.getByTestId('queued').filter({ hasText: 'Quinn Lee' }).getByRole('button', { name: 'Take the chat with Quinn Lee' }).click();
    await alex.getByTestId('contact-name').filter({ hasText: 'Quinn Lee' }).waitFor();
    await until('two open chats', async () => (await alex.getByTestId('inbox-chat').count()) === 2);
    await alex.keyboard.press('Alt+ArrowDown');
    await alex.getByTestId('contact-name').filter({ hasText: 'Pedro Alves' }).waitFor();
    await alex.keyboard.press('Alt+ArrowUp');
    await alex.getByTestId('contact-name').filter({ hasText: 'Quinn Lee' }).waitFor();
    await alex.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await alex.getByRole('tooltip').getByText('Previous / next chat').waitFor();
    await screenshot(alex, 'agent-shortcuts');
    await alex.context().close();
  });

  it('speaks Spanish and Portuguese when chosen, and remembers the choice', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${stack.api.url}/login`);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Inicia sesión en la consola' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    await screenshot(page, 'console-login-es');
    await page.getByLabel('Correo electrónico').fill('agent1@parley.local');
    await page.getByLabel('Contraseña').fill('parley-agent');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL('**/workspace');
    await page.getByLabel('Tu estado').waitFor();
    await page.getByRole('heading', { name: 'Mis chats' }).waitFor();
    await page.getByRole('link', { name: 'Espacio de trabajo' }).waitFor();
    await screenshot(page, 'agent-workspace-es');

    await page.getByLabel('Idioma').selectOption('pt');
    await page.getByRole('heading', { name: 'Meus chats' }).waitFor();
    await page.reload();
    await page.getByLabel('Seu status').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sair' }).count(), 1);
    await screenshot(page, 'agent-workspace-pt');
    await page.getByRole('link', { name: 'Campanhas' }).click();
    await page.getByRole('columnheader', { name: 'Distribuição' }).waitFor();
    await page.getByRole('link', { name: 'Web support', exact: true }).click();
    await page.getByRole('tab', { name: 'Limites' }).click();
    await page.getByLabel('Limite de tempo de chat (s)').waitFor();
    await screenshot(page, 'campaign-editor-pt');
    await context.close();
  });

  it('an admin keeps the pause reasons and the offer time, and agents pause with them', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await signIn(page, stack.api.url, 'admin@parley.local', 'parley-admin');
    await page.waitForURL('**/dashboard');
    await page.getByRole('link', { name: 'Pause reasons' }).click();
    await page.getByRole('textbox', { name: 'Reason 1', exact: true }).waitFor();
    await page.getByRole('button', { name: '+ Add a reason' }).click();
    const count = await page.getByRole('textbox', { name: /^Reason \d+$/ }).count();
    await page.getByRole('textbox', { name: `Reason ${count}`, exact: true }).fill('Coaching');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await screenshot(page, 'admin-pause-reasons');

    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'Web support', exact: true }).click();
    await page.getByRole('tab', { name: 'Other fields' }).click();
    const offer = page.getByLabel('Offer expires after (seconds)');
    await offer.fill('45');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Other fields' }).click();
    assert.equal(await page.getByLabel('Offer expires after (seconds)').inputValue(), '45');
    await context.close();

    const alex = await agentPage(stack.browser, 'agent1@parley.local');
    const state = alex.getByLabel('Your state');
    await state.selectOption({ label: 'Paused: Coaching' });
    await until('the agent is paused', async () => (await state.inputValue()) === 'PAUSED:Coaching' && !(await state.isDisabled()));
    await alex.reload();
    await until('the pause survives a reload', async () => (await alex.getByLabel('Your state').inputValue()) === 'PAUSED:Coaching');
    await screenshot(alex, 'agent-paused');
    await alex.context().close();
  });
});
