import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { consoleAs, messagesIn, openCampaign } from './admin-steps';
import { startDemoStack, type DemoStack } from './stack';

const WELCOME = { es: '¡Bienvenida a Web support! Cuéntanos qué necesitas.', pt: 'Bem-vinda ao Web support! Conte-nos do que precisa.' };
const OUT_OF_HOURS = { es: 'Hoy es festivo: volvemos mañana a las 09:00.', pt: 'Hoje é feriado: voltamos amanhã às 09:00.' };

/** What the admin writes in the editor is what visitors read in the widget, in their language. */
describe('campaign editor: messages reach the widget in each language', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /** The /demo page (the demo campaign's embed code) in a fresh browser, the widget opened. */
  async function openWidget(how: { query?: string; locale: string }, launcher: string): Promise<Page> {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: how.locale });
    const page = await context.newPage();
    await page.goto(`${stack.api.url}/demo${how.query ?? ''}`);
    await page.getByRole('button', { name: launcher }).click();
    return page;
  }

  async function save(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  }

  it('the Spanish and Portuguese welcome and out-of-hours messages the admin saves are the ones the widget shows', async () => {
    const admin = await consoleAs(stack.browser, stack.api.url, 'admin@parley.local', 'parley-admin');
    await openCampaign(admin, 'Web support');
    for (const [language, code] of [['Español', 'es'], ['Português', 'pt']] as const) {
      const panel = await messagesIn(admin, language);
      await panel.getByLabel('Welcome message').fill(WELCOME[code]);
      await panel.getByLabel('Out of hours').fill(OUT_OF_HOURS[code]);
    }
    await save(admin);

    // Open now: the welcome, in Spanish from the embed code and in Portuguese from the browser.
    const spanish = await openWidget({ query: '?lang=es', locale: 'en-US' }, 'Chatea con nosotros');
    assert.equal(await spanish.getByTestId('welcome').innerText(), WELCOME.es);
    await screenshot(spanish, 'campaign-editor-widget-es');
    const portuguese = await openWidget({ locale: 'pt-BR' }, 'Fale conosco');
    assert.equal(await portuguese.getByTestId('welcome').innerText(), WELCOME.pt);
    const english = await openWidget({ locale: 'en-US' }, 'Chat with us');
    assert.equal(await english.getByTestId('welcome').innerText(), 'Hi! How can we help you today?', 'English is as it was');
    for (const page of [spanish, portuguese, english]) await page.context().close();

    // A holiday today (and tomorrow, should the day turn meanwhile), in the campaign's timezone (UTC): closed.
    await messagesIn(admin, 'English');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const [n, offset] of [[1, 0], [2, 1]] as const) {
      await admin.getByRole('button', { name: '+ Add a holiday or special day' }).click();
      await admin.getByLabel(`Date, special day ${n}`).fill(day(offset));
      assert.equal(await admin.getByLabel(`Closed all day, special day ${n}`).isChecked(), true);
    }
    await save(admin);

    const closedSpanish = await openWidget({ query: '?lang=es', locale: 'en-US' }, 'Chatea con nosotros');
    await closedSpanish.getByText(OUT_OF_HOURS.es, { exact: true }).waitFor();
    await closedSpanish.getByText('Ahora estamos cerrados').first().waitFor();
    assert.equal(await closedSpanish.getByTestId('welcome').count(), 0);
    await screenshot(closedSpanish, 'campaign-editor-widget-es-closed');
    const closedPortuguese = await openWidget({ query: '?lang=pt', locale: 'es-ES' }, 'Fale conosco');
    await closedPortuguese.getByText(OUT_OF_HOURS.pt, { exact: true }).waitFor();
    for (const page of [closedSpanish, closedPortuguese]) await page.context().close();
    await admin.context().close();
  });
});
