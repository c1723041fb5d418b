import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import { screenshot } from './browser';
import { startDemoStack, type DemoStack } from './stack';

describe('widget journeys', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('the demo page shows the launcher in the campaign colour and the welcome message', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await page.goto(`${stack.api.url}/demo`);
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.waitFor();
    const background = await launcher.evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.equal(background, 'rgb(37, 99, 235)'); // #2563EB, the demo campaign's colour
    await screenshot(page, 'widget-closed');
    await launcher.click();
    const welcome = page.getByTestId('welcome');
    await welcome.waitFor();
    assert.equal(await welcome.innerText(), 'Hi! How can we help you today?');
    await screenshot(page, 'widget-open');
    await page.close();
  });

  for (const [lang, label, text] of [
    ['es', 'Chatea con nosotros', '¡Hola! ¿En qué podemos ayudarte hoy?'],
    ['pt', 'Fale conosco', 'Olá! Como podemos ajudar hoje?'],
  ] as const) {
    it(`speaks ${lang} when the embed code or the browser asks for it`, async () => {
      const byEmbed = await stack.browser.newPage({ locale: 'en-US' });
      await byEmbed.goto(`${stack.api.url}/demo?lang=${lang}`);
      await byEmbed.getByRole('button', { name: label }).click();
      assert.equal(await byEmbed.getByTestId('welcome').innerText(), text);
      await screenshot(byEmbed, `widget-open-${lang}`);
      await byEmbed.close();
      const byBrowser = await stack.browser.newPage({ locale: lang === 'es' ? 'es-ES' : 'pt-BR' });
      await byBrowser.goto(`${stack.api.url}/demo`);
      await byBrowser.getByRole('button', { name: label }).click();
      assert.equal(await byBrowser.getByTestId('welcome').innerText(), text);
      await byBrowser.close();
    });
  }

  it('keeps the host page styles out of the widget', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.api.url}/demo`);
    await page.addStyleTag({ content: 'button, div { background: red !important; font-size: 40px !important; }' });
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.click();
    assert.equal(await launcher.evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(37, 99, 235)');
    assert.equal(await page.getByTestId('welcome').evaluate((element) => getComputedStyle(element).fontSize), '14px');
    await page.close();
  });

  it('does not appear on a site outside the allowed domains', async () => {
    const token = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    const { campaigns } = await ok<{ campaigns: { id: string }[] }>(stack.api.url, '{ campaigns { id } }', {}, { token });
    const id = campaigns[0]?.id;
    const fields = `name enabled distribution availability serviceLevelTarget maxInteractionsPerAgent qualityModelId automaticAgentMessage colour
      showAgentName feedbackEnabled emailRequired mediaEnabled offlineMessageEnabled offlineMessageEmail allowedDomains
      schedule { timezone ranges { weekday start end } exceptions { date closed ranges { weekday start end } } }
      welcomeMessage { en es pt } outOfTimeMessage { en es pt } notAvailableMessage { en es pt } feedbackMessage { en es pt }
      thresholds { serviceLevelSeconds abandonSeconds chatTimeWarnSeconds chatTimeLimitSeconds agentIdleWarnSeconds acd maxChats waitTimeoutSeconds autoFinishSeconds }
      customField { label visible required }`;
    const { campaign } = await ok<{ campaign: Record<string, unknown> }>(stack.api.url, `query($id: ID!) { campaign(id: $id) { ${fields} } }`, { id }, { token });
    const input = JSON.parse(JSON.stringify({ ...campaign, allowedDomains: ['shop.example.com'] }));
    await ok(stack.api.url, 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }', { id, input }, { token });

    const page = await stack.browser.newPage();
    const refused = page.waitForEvent('console', (message) => message.text().includes('DOMAIN_NOT_ALLOWED'));
    await page.goto(`${stack.api.url}/demo`);
    await refused;
    assert.equal(await page.locator('parley-widget').count(), 0);
    await page.close();
  });
});
