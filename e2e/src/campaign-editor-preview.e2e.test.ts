import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialog, Locator, Page } from 'playwright-core';
import { consoleAs, messagesIn, openCampaign, openTab, tallScreenshot } from './admin-steps';
import { seriousA11yViolations, startDemoStack, until, type DemoStack } from './stack';

const STORED_NAME = 'Web support';

/** The widget preview beside the editor, and the unsaved-changes question when leaving it. */
describe('campaign editor: live preview and unsaved changes', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /** The demo campaign in the editor, with every campaign save and every question the browser asks recorded. */
  async function openDemoCampaign(): Promise<{ page: Page; saves: string[]; dialogs: Dialog[] }> {
    const page = await consoleAs(stack.browser, stack.api.url, 'admin@parley.local', 'parley-admin');
    const saves: string[] = [];
    const dialogs: Dialog[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /UpdateCampaign/.test(request.postData() ?? '')) saves.push(request.postData() ?? '');
    });
    page.on('dialog', (dialog) => dialogs.push(dialog));
    await openCampaign(page, STORED_NAME);
    return { page, saves, dialogs };
  }

  const textOf = (locator: Locator) => locator.evaluate((element) => (element as HTMLElement).innerText.trim());
  const follows = (what: string, locator: Locator, expected: string) => until(what, async () => (await locator.count()) > 0 && (await textOf(locator)) === expected);

  it('the preview shows the colour, the welcome, the pre-chat form and the closed state as they are typed, in each language', async () => {
    const { page, saves } = await openDemoCampaign();
    const preview = page.getByTestId('widget-preview');
    const header = page.getByTestId('preview-header');
    const welcome = page.getByTestId('preview-welcome');
    assert.equal(await textOf(welcome), 'Hi! How can we help you today?');
    assert.equal(await header.evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(37, 99, 235)');

    // The colour, as typed: the header, the button and the launcher.
    const colour = page.getByRole('textbox', { name: 'Colour', exact: true });
    await colour.fill('#B91C1C');
    await until('the header in the new colour', async () => (await header.evaluate((element) => getComputedStyle(element).backgroundColor)) === 'rgb(185, 28, 28)');
    const painted = await preview.evaluate((stage) =>
      Array.from(stage.querySelectorAll<HTMLElement>('.action, .launcher')).map((element) => getComputedStyle(element).backgroundColor),
    );
    assert.deepEqual(painted, ['rgb(185, 28, 28)', 'rgb(185, 28, 28)']);
    // Half a colour is not a colour: the preview keeps the last one it could draw.
    await colour.fill('#B91');
    assert.equal(await header.evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(37, 99, 235)');
    await colour.fill('#B91C1C');

    // The welcome message, keystroke by keystroke.
    const english = await messagesIn(page, 'English');
    const englishWelcome = english.getByLabel('Welcome message');
    await englishWelcome.fill('');
    await englishWelcome.pressSequentially('Hello');
    await follows('the welcome as typed so far', welcome, 'Hello');
    await englishWelcome.pressSequentially(' from the red team!');
    await follows('the whole welcome', welcome, 'Hello from the red team!');
    assert.equal(await textOf(header.locator('.title')), STORED_NAME);
    assert.equal(await textOf(page.getByTestId('preview-status')), 'We are online');
    await page.getByLabel('Name', { exact: true }).fill('Red team desk');
    await follows('the name in the header', header.locator('.title'), 'Red team desk');

    // The pre-chat form: name, email (optional) and the campaign's extra field.
    const labels = () => preview.locator('.form .label').allInnerTexts();
    assert.deepEqual(await labels(), ['Name', 'Email (optional)', 'Order number (optional)']);
    await openTab(page, 'Checks');
    await page.getByLabel('Email required', { exact: true }).check();
    await until('email without "optional"', async () => (await labels())[1] === 'Email');
    await openTab(page, 'Extra field');
    await page.getByLabel('Custom field label').fill('Booking reference');
    await page.getByLabel('Required', { exact: true }).check();
    await until('the extra field as typed', async () => (await labels())[2] === 'Booking reference');
    await tallScreenshot(page, 'campaign-preview-open');

    // Another language: the widget's own words and the campaign's message in it.
    const language = page.getByLabel('Preview language');
    await language.selectOption({ label: 'Español' });
    await follows('the Spanish welcome', welcome, '¡Hola! ¿En qué podemos ayudarte hoy?');
    assert.deepEqual(await labels(), ['Nombre', 'Correo electrónico', 'Booking reference']);
    assert.equal(await textOf(preview.locator('.form .action')), 'Iniciar chat');
    assert.equal(await preview.getAttribute('lang'), 'es');
    await openTab(page, 'Basic');
    const spanishWelcome = (await messagesIn(page, 'Español')).getByLabel('Welcome message');
    await spanishWelcome.fill('¡Hola, equipo rojo!');
    await follows('the Spanish welcome as typed', welcome, '¡Hola, equipo rojo!');
    await language.selectOption({ label: 'Português' });
    await follows('the Portuguese welcome', welcome, 'Olá! Como podemos ajudar hoje?');
    assert.deepEqual(await labels(), ['Nome', 'E-mail', 'Booking reference']);

    // Closed: the out-of-hours message and the offline form, also as typed.
    const closed = page.getByRole('checkbox', { name: 'Show as closed (out of hours)' });
    await closed.check();
    const outOfTime = page.getByTestId('preview-out-of-time');
    await follows('the Portuguese out-of-hours message', outOfTime, 'Estamos fechados agora. Deixe uma mensagem e responderemos.');
    assert.equal(await welcome.count(), 0, 'no welcome while closed');
    assert.equal(await textOf(page.getByTestId('preview-status')), 'Estamos fechados agora');
    assert.deepEqual(await labels(), ['Nome', 'E-mail', 'Booking reference', 'Mensagem']);
    await language.selectOption({ label: 'English' });
    await follows('the English out-of-hours message', outOfTime, 'We are closed right now. Leave us a message and we will write back.');
    assert.equal(await textOf(page.getByTestId('preview-status')), 'We are closed now');
    assert.equal(await textOf(preview.locator('.offline-title')), 'Leave us a message');
    await (await messagesIn(page, 'English')).getByLabel('Out of hours').fill('Closed for the holidays.');
    await follows('the out-of-hours message as typed', outOfTime, 'Closed for the holidays.');
    await tallScreenshot(page, 'campaign-preview-closed');
    await openTab(page, 'Checks');
    await page.getByLabel('Let customers leave a message when closed').uncheck();
    await until('no offline form without offline messages', async () => (await preview.locator('.form').count()) === 0);
    await closed.uncheck();
    await follows('open again', welcome, 'Hello from the red team!');

    assert.deepEqual(await seriousA11yViolations(page), []);
    assert.deepEqual(saves, [], 'the preview saved nothing');
    await page.context().close();
  });

  it('asks before leaving unsaved edits: cancel stays with them, confirm leaves them', async () => {
    const { page, dialogs } = await openDemoCampaign();
    const editorUrl = page.url();
    const name = page.getByLabel('Name', { exact: true });

    // No edit, no question.
    await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    assert.equal(dialogs.length, 0);
    await openCampaign(page, STORED_NAME);

    // An edit, then the navigation: asked; cancel stays with the edit.
    await name.fill('Web support (draft)');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await until('the question', () => dialogs.length === 1);
    assert.equal(dialogs[0]!.type(), 'confirm');
    assert.equal(dialogs[0]!.message(), 'You have unsaved changes. Leave this page and lose them?');
    await until('still in the editor', async () => page.url() === editorUrl && (await name.inputValue()) === 'Web support (draft)');
    assert.equal(await page.getByRole('heading', { name: 'Users' }).count(), 0);

    // The editor's own Cancel and the browser's Back ask too.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('link', { name: 'Cancel', exact: true }).click();
    await until('the second question', () => dialogs.length === 2);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.goBack({ waitUntil: 'commit' }).catch(() => undefined);
    await until('the third question', () => dialogs.length === 3);
    await until('still in the editor after Back', async () => page.url() === editorUrl && (await name.inputValue()) === 'Web support (draft)');

    // The browser asks on reload (beforeunload); staying keeps the edit.
    page.once('dialog', (dialog) => void dialog.dismiss());
    void page.reload({ waitUntil: 'commit', timeout: 10_000 }).catch(() => undefined);
    await until('the browser’s question', () => dialogs.length === 4);
    assert.equal(dialogs[3]!.type(), 'beforeunload');
    assert.equal(await name.inputValue(), 'Web support (draft)');

    // A special day is an edit too.
    await name.fill(STORED_NAME);
    await page.getByRole('button', { name: '+ Add a holiday or special day' }).click();
    await page.getByLabel('Date, special day 1').fill('2026-12-24');

    // Confirming leaves, and the edits are gone.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('link', { name: '← Campaigns' }).click();
    await until('the fifth question', () => dialogs.length === 5);
    await page.getByRole('table', { name: 'Campaigns' }).waitFor();
    await page.getByRole('link', { name: STORED_NAME, exact: true }).click();
    await page.getByRole('heading', { name: STORED_NAME, exact: true }).waitFor();
    assert.equal(await page.getByLabel('Date, special day 1').count(), 0, 'the special day was not saved');

    // Reloading after confirming loads what is stored.
    await name.fill('Web support (draft)');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByRole('heading', { name: STORED_NAME, exact: true }).waitFor();
    assert.equal(dialogs.length, 6);
    assert.equal(dialogs[5]!.type(), 'beforeunload');
    assert.equal(await name.inputValue(), STORED_NAME);

    // Saved edits leave without a question.
    await page.getByLabel('Service level target (%)').fill('85');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    assert.equal(dialogs.length, 6);
    await page.context().close();
  });
});
