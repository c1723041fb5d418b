import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { signIn, startDemoStack, type DemoStack } from './stack';

/** An admin edits the demo campaign as a person would: by visible labels, tabs and the keyboard. */
describe('campaign editor journeys', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /** Signs in and opens the demo campaign; records CSP violations and campaign saves. */
  async function openDemoCampaign(): Promise<{ page: Page; saves: string[]; violations: string[] }> {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const saves: string[] = [];
    const violations: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /UpdateCampaign/.test(request.postData() ?? '')) saves.push(request.postData() ?? '');
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective}`));
    });
    await signIn(page, stack.api.url, 'admin@parley.local', 'parley-admin');
    // Admins land on the dashboard; the campaigns are in the navigation.
    await page.waitForURL('**/dashboard');
    await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
    await page.waitForURL('**/campaigns');
    await page.getByRole('link', { name: 'Web support', exact: true }).click();
    await page.getByRole('heading', { name: 'Web support', exact: true }).waitFor();
    return { page, saves, violations };
  }

  const messages = (page: Page, language: string) => page.getByRole('tabpanel', { name: language });
  const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
  /** The text of the element a control's aria-describedby names last (its error message). */
  async function describedError(control: Locator): Promise<string> {
    const ids = (await control.getAttribute('aria-describedby')) ?? '';
    const errorId = ids.split(' ').find((id) => id.endsWith('-error'));
    assert.ok(errorId, `aria-describedby="${ids}" names no error message`);
    return control.page().locator(`[id="${errorId}"]`).innerText();
  }

  /** The console renders after the event that changed it; reads an attribute until it has the expected value. */
  async function attributeBecomes(locator: Locator, name: string, expected: string | null): Promise<void> {
    const deadline = Date.now() + 5_000;
    let actual = await locator.getAttribute(name);
    while (actual !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      actual = await locator.getAttribute(name);
    }
    assert.equal(actual, expected, `${name} of ${locator.toString()}`);
  }

  it('serves the console under a strict Content-Security-Policy with nothing inline to run', async () => {
    const response = await fetch(`${stack.api.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    const html = await response.text();
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'index.html has an inline event handler');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'index.html has an inline script');

    const { page, violations } = await openDemoCampaign();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(241, 245, 249)', 'the global stylesheet is applied');
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('each language tab edits its own messages, and the Spanish text is saved', async () => {
    const { page, violations } = await openDemoCampaign();
    const tablist = page.getByRole('tablist', { name: 'Message language' });
    const english = tablist.getByRole('tab', { name: 'English' });
    const spanish = tablist.getByRole('tab', { name: 'Español' });
    const portuguese = tablist.getByRole('tab', { name: 'Português' });
    await attributeBecomes(english, 'aria-selected', 'true');
    await attributeBecomes(spanish, 'aria-selected', 'false');
    const controlled = page.locator(`[id="${await spanish.getAttribute('aria-controls')}"]`);
    assert.equal(await controlled.getAttribute('role'), 'tabpanel');
    assert.equal(await controlled.getAttribute('aria-labelledby'), await spanish.getAttribute('id'));
    const englishWelcome = messages(page, 'English').getByLabel('Welcome message');
    assert.equal(await englishWelcome.inputValue(), 'Hi! How can we help you today?');
    await screenshot(page, 'campaign-editor-english');

    await spanish.click();
    await attributeBecomes(spanish, 'aria-selected', 'true');
    await attributeBecomes(english, 'aria-selected', 'false');
    const spanishWelcome = messages(page, 'Español').getByLabel('Welcome message');
    assert.equal(await spanishWelcome.inputValue(), '¡Hola! ¿En qué podemos ayudarte hoy?');
    assert.equal(await spanishWelcome.getAttribute('lang'), 'es');
    await spanishWelcome.fill('¡Bienvenido a la tienda! ¿Cómo te ayudamos?');
    await screenshot(page, 'campaign-editor-spanish');

    // Keyboard: arrows move between tabs, and the selection follows.
    await spanish.focus();
    await page.keyboard.press('ArrowRight');
    await attributeBecomes(portuguese, 'aria-selected', 'true');
    assert.ok(await isFocused(portuguese));
    assert.equal(await messages(page, 'Português').getByLabel('Welcome message').inputValue(), 'Olá! Como podemos ajudar hoje?');
    await screenshot(page, 'campaign-editor-portuguese');
    await page.keyboard.press('Home');
    await attributeBecomes(english, 'aria-selected', 'true');
    assert.equal(await messages(page, 'English').getByLabel('Welcome message').inputValue(), 'Hi! How can we help you today?');
    await page.keyboard.press('ArrowLeft');
    await attributeBecomes(portuguese, 'aria-selected', 'true');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Web support' }).waitFor();
    assert.equal(await messages(page, 'English').getByLabel('Welcome message').inputValue(), 'Hi! How can we help you today?');
    await page.getByRole('tab', { name: 'Español' }).click();
    assert.equal(await messages(page, 'Español').getByLabel('Welcome message').inputValue(), '¡Bienvenido a la tienda! ¿Cómo te ayudamos?');
    await page.getByRole('tab', { name: 'Português' }).click();
    assert.equal(await messages(page, 'Português').getByLabel('Welcome message').inputValue(), 'Olá! Como podemos ajudar hoje?');
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('marks an opening time of 25:99 and does not save', async () => {
    const { page, saves } = await openDemoCampaign();
    const opens = page.getByLabel('Opens, row 1', { exact: true });
    const stored = await opens.inputValue();
    await opens.fill('25:99');
    await opens.blur();
    await attributeBecomes(opens, 'aria-invalid', 'true');
    assert.match(await describedError(opens), /00:00 to 23:59/);

    // A closing time before the opening time is refused too.
    const closes = page.getByLabel('Closes, row 2', { exact: true });
    await page.getByLabel('Opens, row 2', { exact: true }).fill('18:00');
    await closes.fill('09:00');
    await closes.blur();
    await attributeBecomes(closes, 'aria-invalid', 'true');
    assert.match(await describedError(closes), /later than the opening time/);

    await page.getByRole('button', { name: 'Save changes' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await summary.waitFor();
    const text = await summary.innerText();
    assert.match(text, /Schedule, row 1, opens: enter a time from 00:00 to 23:59/);
    assert.match(text, /Schedule, row 2, closes: must be later than the opening time/);
    assert.doesNotMatch(text, /ranges|\[\d\]/);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Opens, row 1');
    await screenshot(page, 'campaign-editor-schedule-errors');
    assert.equal(saves.length, 0, 'nothing was sent to the API');

    await page.reload();
    await page.getByRole('heading', { name: 'Web support' }).waitFor();
    assert.equal(await page.getByLabel('Opens, row 1', { exact: true }).inputValue(), stored);
    await page.close();
  });

  it('marks the allowed domain and the threshold the API refused, in human words', async () => {
    const { page, saves } = await openDemoCampaign();
    await page.getByRole('tab', { name: 'Allowed domains' }).click();
    const domains = page.getByRole('textbox', { name: 'Allowed domains', exact: true });
    await domains.fill('not a domain');
    await page.getByRole('tab', { name: 'Thresholds' }).click();
    await page.getByLabel('Chat time warning (s)').fill('900');
    await page.getByRole('button', { name: 'Save changes' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await summary.waitFor();
    assert.equal(saves.length, 1, 'the API was asked');
    const text = await summary.innerText();
    assert.match(text, /Allowed domains, line 1: "not a domain" is not a/);
    assert.match(text, /Chat time warning: must be less than the chat time limit/);
    await attributeBecomes(domains, 'aria-invalid', 'true');
    assert.match(await describedError(domains), /^!?\s*Line 1: "not a domain" is not a/);
    await attributeBecomes(page.getByLabel('Chat time warning (s)'), 'aria-invalid', 'true');
    await page.waitForFunction(() => document.activeElement?.id === 'field-allowedDomains');
    await screenshot(page, 'campaign-editor-server-errors');

    const html = await page.content();
    for (const raw of ['allowedDomains[0]', 'thresholds.chatTimeWarnSeconds', 'thresholds.chatTimeLimitSeconds']) {
      assert.ok(!html.includes(raw), `the page shows the raw path ${raw}`);
    }

    // Editing the value drops the API's complaint about it.
    await domains.fill('shop.example.com');
    await attributeBecomes(domains, 'aria-invalid', null);
    await page.close();
  });

  it('opens the language tab of a message that needs attention and focuses it', async () => {
    const { page, saves } = await openDemoCampaign();
    await page.getByRole('tab', { name: 'Português' }).click();
    await messages(page, 'Português').getByLabel('Feedback request').fill('   ');
    await page.getByRole('tab', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /Feedback request \(Português\): must not be empty/);
    const portuguese = page.getByRole('tab', { name: /Português/ });
    await attributeBecomes(portuguese, 'aria-selected', 'true');
    assert.match((await portuguese.textContent()) ?? '', /needs attention/);
    const feedback = messages(page, 'Português').getByLabel('Feedback request');
    await page.waitForFunction(() => document.activeElement?.id === 'field-feedbackMessage-pt');
    await attributeBecomes(feedback, 'aria-invalid', 'true');
    await screenshot(page, 'campaign-editor-language-error');

    // The summary takes people back to the field from elsewhere.
    await page.getByRole('tab', { name: 'English' }).click();
    await summary.getByRole('button', { name: /Feedback request \(Português\)/ }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'field-feedbackMessage-pt');
    assert.equal(saves.length, 0);
    await page.close();
  });

  it('gives every control of the editor and the list an accessible name', async () => {
    const { page } = await openDemoCampaign();
    const unnamed = async () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('main input, main select, main textarea, main button, main a[href]'))
          .filter((element) => !element.closest('[hidden]'))
          .filter((element) => {
            const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
            const labels = 'labels' in element ? (element as HTMLInputElement).labels : null;
            return !labelled && !(labels && labels.length > 0 && Array.from(labels).some((label) => label.innerText.trim() !== '')) && element.innerText?.trim() === '';
          })
          .map((element) => element.outerHTML.slice(0, 120)),
      );
    assert.deepEqual(await unnamed(), []);
    await page.getByRole('link', { name: '← Campaigns' }).click();
    await page.getByRole('table', { name: 'Campaigns' }).waitFor();
    assert.deepEqual(await unnamed(), []);
    await page.close();
  });
});
