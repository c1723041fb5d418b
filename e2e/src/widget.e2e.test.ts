import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshot } from './browser';
import { startDemoStack, type DemoStack } from './stack';

/** The /demo page Parley serves: the demo campaign's embed code on a stand-in shop, under the page's own CSP. */
describe('widget on the /demo page', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  for (const [how, url, locale, launcherName, welcome] of [
    ['English by default', '/demo', 'en-US', 'Chat with us', 'Hi! How can we help you today?'],
    ['Spanish from the embed code', '/demo?lang=es', 'en-US', 'Chatea con nosotros', '¡Hola! ¿En qué podemos ayudarte hoy?'],
    ['Portuguese from the browser', '/demo', 'pt-BR', 'Fale conosco', 'Olá! Como podemos ajudar hoje?'],
  ] as const) {
    it(`shows the launcher in the campaign colour and the welcome message: ${how}`, async () => {
      const page = await stack.browser.newPage({ viewport: { width: 1280, height: 800 }, locale });
      const violations: string[] = [];
      page.on('console', (message) => /Content Security Policy/i.test(message.text()) && violations.push(message.text()));
      await page.goto(`${stack.api.url}${url}`);
      const launcher = page.getByRole('button', { name: launcherName });
      await launcher.waitFor();
      assert.equal(await launcher.evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(37, 99, 235)'); // #2563EB, the demo campaign's colour
      await launcher.click();
      assert.equal(await page.getByTestId('welcome').innerText(), welcome);
      if (locale === 'en-US' && url === '/demo') await screenshot(page, 'widget-demo-page');
      assert.deepEqual(violations, []);
      await page.close();
    });
  }
});
