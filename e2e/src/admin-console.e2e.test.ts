import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ok } from '@parley/api/testing/graphql-client';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser';
import { seriousA11yViolations, signIn, startCustomerChat, startDemoStack, until, type DemoStack } from './stack';

/** The names of the files in a zip, from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'the download is a zip');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    names.push(zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extra + comment;
  }
  return names;
}

describe('administration journeys', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  async function pageAs(browser: Browser, email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, stack.api.url, email, password);
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    return page;
  }

  async function noSeriousViolations(page: Page, where: string): Promise<void> {
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${where}`);
  }

  it('an admin creates an agent, gives them a new campaign, the agent receives its chats, and deactivation signs them out', async () => {
    const admin = await pageAs(stack.browser, 'admin@parley.local', 'parley-admin');

    // Users: the password policy is shown at the field.
    await admin.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await admin.getByRole('heading', { name: 'Users' }).waitFor();
    await admin.getByRole('row').filter({ hasText: 'agent1@parley.local' }).waitFor();
    await admin.getByRole('button', { name: '+ New user' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Name').fill('Dana Ortiz');
    await dialog.getByLabel('Email').fill('dana@parley.local');
    await dialog.getByLabel('Role').selectOption('AGENT');
    await dialog.getByLabel('Password').fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await until('the password problem at its field', async () => (await dialog.getByLabel('Password').getAttribute('aria-invalid')) === 'true');
    assert.match(await dialog.locator('#user-password-error').innerText(), /at least 10 characters/);
    await dialog.getByLabel('Password').fill('password123');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await until('the API refusal at the password field', async () => /common/.test((await dialog.locator('#user-password-error').textContent()) ?? ''));
    await screenshot(admin, 'admin-users-password-policy');
    await dialog.getByLabel('Password').fill('Orchid-Lantern-42');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await admin.getByRole('row').filter({ hasText: 'dana@parley.local' }).waitFor();
    await noSeriousViolations(admin, 'the users screen');
    await screenshot(admin, 'admin-users');

    // A new campaign through the editor: the preview follows what is typed.
    await admin.getByRole('navigation').getByRole('link', { name: 'Campaigns', exact: true }).click();
    await admin.waitForURL('**/campaigns');
    await admin.getByRole('link', { name: '+ New campaign' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Dana desk');
    await admin.locator('input[name="colour"]').fill('#7C3AED');
    const header = admin.getByTestId('preview-header');
    await until('the preview in the new colour', async () => (await header.evaluate((e) => getComputedStyle(e).backgroundColor)) === 'rgb(124, 58, 237)');
    assert.equal(await header.evaluate((e) => getComputedStyle(e).color), 'rgb(255, 255, 255)');
    await admin.getByRole('tabpanel', { name: 'English' }).getByLabel('Welcome message').fill('Welcome to Dana’s desk!');
    await until('the preview welcome', async () => (await admin.getByTestId('preview-welcome').innerText()) === 'Welcome to Dana’s desk!');
    // A light colour warns about white text, and the preview switches to dark text.
    await admin.locator('input[name="colour"]').fill('#FDE047');
    await admin.getByTestId('contrast-warning').waitFor();
    assert.equal(await header.evaluate((e) => getComputedStyle(e).color), 'rgb(17, 24, 39)');
    await admin.locator('input[name="colour"]').fill('#7C3AED');
    await admin.getByLabel('Preview language').selectOption('es');
    await until('the Spanish preview', async () => (await admin.getByTestId('preview-welcome').innerText()) === '¡Hola! ¿En qué podemos ayudarte?');
    // Open around the clock, so its chats are taken whatever the time the journey runs.
    for (let row = 1; row <= 5; row++) {
      await admin.getByLabel(`Opens, row ${row}`, { exact: true }).fill('00:00');
      await admin.getByLabel(`Closes, row ${row}`, { exact: true }).fill('24:00');
    }
    await admin.getByRole('button', { name: '+ Add opening hours' }).click();
    await admin.getByRole('button', { name: '+ Add opening hours' }).click();
    assert.deepEqual(
      await Promise.all([6, 7].map((row) => admin.getByLabel(`Day, row ${row}`, { exact: true }).evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim()))),
      ['Saturday', 'Sunday'],
    );
    assert.equal(await admin.getByLabel('Closes, row 7', { exact: true }).inputValue(), '24:00');
    await screenshot(admin, 'admin-campaign-new-basic');
    await admin.getByRole('button', { name: 'Create campaign' }).click();

    // The embed code right after creation.
    const created = admin.getByTestId('created-campaign');
    await created.waitFor();
    const embed = await admin.getByTestId('created-embed-code').innerText();
    const key = /data-campaign="([A-Za-z0-9_-]+)"/.exec(embed)?.[1];
    assert.ok(key, `the embed code names the campaign: ${embed}`);
    await screenshot(admin, 'admin-campaign-created');
    await created.getByRole('link', { name: 'Add members and canned responses' }).click();
    await admin.getByRole('heading', { name: 'Dana desk' }).waitFor();

    // Members.
    await admin.getByRole('tab', { name: 'Members' }).click();
    await admin.getByLabel('Agent', { exact: true }).selectOption({ label: 'Dana Ortiz · dana@parley.local' });
    await admin.getByLabel('Penalty', { exact: true }).fill('0');
    await admin.getByRole('button', { name: '+ Add' }).click();
    await admin.getByRole('row').filter({ hasText: 'dana@parley.local' }).waitFor();
    await noSeriousViolations(admin, 'the members tab');
    await screenshot(admin, 'admin-campaign-members');

    // Canned responses, shortcuts unique per campaign.
    await admin.getByRole('tab', { name: 'Canned responses' }).click();
    const cannedForm = admin.getByRole('form', { name: 'New canned response' });
    await cannedForm.getByLabel('Shortcut').fill('/thanks');
    await cannedForm.getByLabel('Text').fill('Thank you for contacting Dana’s desk!');
    await cannedForm.getByRole('button', { name: '+ Add response' }).click();
    await admin.getByText('/thanks', { exact: true }).waitFor();
    await cannedForm.getByLabel('Shortcut').fill('thanks');
    await cannedForm.getByLabel('Text').fill('Again');
    await cannedForm.getByRole('button', { name: '+ Add response' }).click();
    await until('the duplicate shortcut at its field', async () => (await cannedForm.getByLabel('Shortcut').getAttribute('aria-invalid')) === 'true');
    await screenshot(admin, 'admin-campaign-canned');
    for (const tab of ['Other fields', 'Thresholds', 'Checks', 'Extra field', 'Allowed domains', 'Basic']) {
      await admin.getByRole('tab', { name: tab, exact: true }).click();
      await screenshot(admin, `admin-campaign-tab-${tab.toLowerCase().replace(/\s+/g, '-')}`);
    }
    await noSeriousViolations(admin, 'the campaign editor');

    // The WordPress plugin arrives as a zip with the plugin's files.
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'WordPress plugin' }).click()]);
    const entries = zipEntries(readFileSync((await download.path())!));
    assert.ok(entries.some((name) => name.endsWith('.php')), `plugin files: ${entries.join(', ')}`);

    // The new member receives the campaign's chats.
    const dana = await pageAs(stack.browser, 'dana@parley.local', 'Orchid-Lantern-42');
    await dana.waitForURL('**/workspace');
    const state = dana.getByLabel('Your state');
    await state.selectOption('AVAILABLE');
    await until('Dana is available', async () => (await state.inputValue()) === 'AVAILABLE' && !(await state.isDisabled()));
    const customer = await startCustomerChat(stack.api.url, { campaignKey: key, name: 'Rita Sousa' });
    await until('the chat assigned to Dana', async () => (await customer.state()).agent?.name === 'Dana Ortiz');
    await dana.getByTestId('inbox-chat').filter({ hasText: 'Rita Sousa' }).waitFor();

    // Deactivating Dana signs her open console out.
    await admin.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await admin.getByRole('button', { name: 'Deactivate Dana Ortiz' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Deactivate Dana Ortiz?' });
    await screenshot(admin, 'admin-users-deactivate');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await admin.getByRole('row').filter({ hasText: 'dana@parley.local' }).filter({ hasText: 'Deactivated' }).waitFor();
    await dana.waitForURL('**/login');
    await dana.context().close();
    await admin.context().close();
  });

  it('an admin creates an API key (the secret shown once), lists and revokes it', async () => {
    const admin = await pageAs(stack.browser, 'admin@parley.local', 'parley-admin');
    await admin.getByRole('link', { name: 'API keys' }).click();
    await admin.getByRole('button', { name: '+ New API key' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New API key' });
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await until('the missing name at its field', async () => (await dialog.getByLabel('Name').getAttribute('aria-invalid')) === 'true');
    await dialog.getByLabel('Name').fill('Power BI');
    await dialog.getByRole('checkbox', { name: /Statistics/ }).check();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const secret = admin.getByTestId('api-key-secret');
    await secret.waitFor();
    const key = await secret.innerText();
    assert.ok(key.length >= 20, 'a key is shown');
    await admin.getByText('Copy the key now.').waitFor();
    await noSeriousViolations(admin, 'the new key');
    await screenshot(admin, 'admin-api-key-created');
    // The key works, for its scope.
    const { campaigns } = await ok<{ campaigns: { id: string }[] }>(stack.api.url, '{ campaigns { id } }', {}, { token: (await ok<{ login: { token: string } }>(stack.api.url, 'mutation { login(email: "admin@parley.local", password: "parley-admin") { token } }')).login.token });
    await ok(stack.api.url, 'query($c: ID!) { campaignStats(campaignId: $c) { waiting } }', { c: campaigns[0]!.id }, { token: key });
    await admin.getByRole('button', { name: 'I have stored it' }).click();
    const row = admin.getByRole('row').filter({ hasText: 'Power BI' });
    await row.waitFor();
    await until('the secret gone from the page, for good', async () => !(await admin.content()).includes(key));
    await screenshot(admin, 'admin-api-keys');
    await row.getByRole('button', { name: 'Revoke Power BI' }).click();
    await admin.getByRole('dialog', { name: 'Revoke Power BI?' }).getByRole('button', { name: 'Revoke' }).click();
    await admin.getByRole('status').filter({ hasText: 'Power BI was revoked.' }).waitFor();
    await until('the revoked key gone from the list', async () => (await admin.getByRole('row').filter({ hasText: 'Power BI' }).count()) === 0);
    await admin.context().close();
  });

  it('an admin builds a quality model with checks at each field, and the changes log lists the changes', async () => {
    const admin = await pageAs(stack.browser, 'admin@parley.local', 'parley-admin');
    await admin.getByRole('link', { name: 'Quality models' }).click();
    await admin.getByRole('button', { name: '+ New quality model' }).click();
    await admin.getByLabel('Model name').fill('Web chat quality');
    await admin.getByRole('button', { name: 'Save model' }).click();
    await until('the empty question at its field', async () => (await admin.getByRole('textbox', { name: 'Question 1', exact: true }).getAttribute('aria-invalid')) === 'true');
    await admin.getByRole('textbox', { name: 'Question 1', exact: true }).fill('Was the customer greeted by name?');
    await admin.getByLabel('Answer, question 1').selectOption('YES_NO');
    await admin.getByLabel('Weight, question 1').fill('2');
    await admin.getByRole('button', { name: '+ Add a question' }).click();
    await admin.getByRole('textbox', { name: 'Question 2', exact: true }).fill('Overall tone');
    await admin.getByLabel('Weight, question 2').fill('150');
    await admin.getByRole('button', { name: 'Save model' }).click();
    await until('the weight problem at its field', async () => (await admin.getByLabel('Weight, question 2').getAttribute('aria-invalid')) === 'true');
    await screenshot(admin, 'admin-quality-model-editor');
    await admin.getByLabel('Weight, question 2').fill('1');
    await admin.getByRole('button', { name: 'Save model' }).click();
    await admin.getByRole('heading', { name: 'Web chat quality' }).waitFor();
    await noSeriousViolations(admin, 'the quality models');
    await screenshot(admin, 'admin-quality-models');

    await admin.getByRole('link', { name: 'Changes' }).click();
    const log = admin.getByTestId('changes-log');
    await log.getByText('Quality model created').first().waitFor();
    await log.getByText('User created').first().waitFor();
    await log.getByText('API key revoked').first().waitFor();
    await noSeriousViolations(admin, 'the changes log');
    await screenshot(admin, 'admin-changes');
    await admin.context().close();
  });

  it('shows supervisors what they may change, and agents no administration', async () => {
    const supervisor = await pageAs(stack.browser, 'supervisor@parley.local', 'parley-supervisor');
    const nav = supervisor.getByRole('navigation');
    await nav.getByRole('link', { name: 'Quality models' }).waitFor();
    for (const hidden of ['Users', 'API keys', 'Changes']) assert.equal(await nav.getByRole('link', { name: hidden, exact: true }).count(), 0, hidden);
    await supervisor.goto(`${stack.api.url}/settings/users`);
    await until('supervisors are turned away from users', () => !supervisor.url().includes('/settings/users'));
    await supervisor.context().close();

    const agent = await pageAs(stack.browser, 'agent1@parley.local', 'parley-agent');
    await agent.waitForURL('**/workspace');
    for (const hidden of ['Users', 'API keys', 'Changes', 'Quality models']) assert.equal(await agent.getByRole('navigation').getByRole('link', { name: hidden, exact: true }).count(), 0, hidden);
    await agent.goto(`${stack.api.url}/quality-models`);
    await until('agents are turned away from quality models', () => !agent.url().includes('/quality-models'));
    await agent.context().close();
  });
});
