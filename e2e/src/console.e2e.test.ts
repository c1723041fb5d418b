import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshot } from './browser';
import { signIn, startDemoStack, type DemoStack } from './stack';

describe('console journeys', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('an admin signs in, creates a campaign and sees it listed', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${stack.api.url}/campaigns`);
    await page.waitForURL('**/login');
    await page.getByLabel('Email').fill('admin@parley.local');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await screenshot(page, 'console-login-error');

    await page.getByLabel('Password').fill('parley-admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Admins land on the dashboard; the campaigns are one click away.
    await page.waitForURL('**/dashboard');
    await page.getByRole('link', { name: 'Campaigns', exact: true }).click();
    await page.waitForURL('**/campaigns');
    await page.getByRole('link', { name: 'Web support' }).waitFor();
    await screenshot(page, 'console-campaigns');

    await page.getByRole('link', { name: '+ New campaign' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Billing questions');
    await page.locator('input[name="colour"]').fill('#7C3AED');
    await screenshot(page, 'console-campaign-new');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL(/\/campaigns$/);
    const row = page.getByRole('row').filter({ hasText: 'Billing questions' });
    await row.waitFor();
    assert.match(await row.innerText(), /Enabled/);

    // Reopen it: the editor shows the stored settings and the embed code.
    await page.getByRole('link', { name: 'Billing questions' }).click();
    const embed = page.getByTestId('embed-code');
    await embed.waitFor();
    assert.match(await embed.innerText(), /data-campaign="[A-Za-z0-9_-]{22}"/);
    assert.equal(await page.locator('input[name="colour"]').inputValue(), '#7C3AED');
    await screenshot(page, 'console-campaign-edit');
    await page.close();
  });

  it('shows the refused setting by its label, never by an internal path', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, stack.api.url, 'admin@parley.local', 'parley-admin');
    await page.waitForURL('**/dashboard');
    await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
    await page.waitForURL('**/campaigns');
    await page.getByRole('link', { name: 'Web support', exact: true }).click();
    await page.getByLabel(/^Timezone/).fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Timezone/);
    assert.doesNotMatch(text, /schedule\.timezone/);
    await page.close();
  });

  it('an agent sees their campaigns but cannot change them', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, stack.api.url, 'agent1@parley.local', 'parley-agent');
    // Agents land in their workspace; the campaigns are one click away.
    await page.waitForURL('**/workspace');
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'Web support', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: '+ New campaign' }).count(), 0);
    await page.getByRole('link', { name: 'Web support', exact: true }).click();
    await page.getByTestId('embed-code').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0);
    assert.equal(await page.getByLabel('Name', { exact: true }).isDisabled(), true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.close();
  });
});
