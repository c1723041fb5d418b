import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '@parley/api/testing/api-process';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from './browser';

describe('console journeys', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let browser: Browser;

  before(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { PARLEY_DEMO: '1' } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
    await db?.drop();
  });

  it('an admin signs in, creates a campaign and sees it listed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${api.url}/campaigns`);
    await page.waitForURL('**/login');
    await page.getByLabel('Email').fill('admin@parley.local');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await screenshot(page, 'console-login-error');

    await page.getByLabel('Password').fill('parley-admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
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

  it('shows the field the server refused when a setting is invalid', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${api.url}/login`);
    await page.getByLabel('Email').fill('admin@parley.local');
    await page.getByLabel('Password').fill('parley-admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Web support' }).click();
    await page.getByLabel(/^Timezone/).fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    assert.match(await alert.innerText(), /schedule\.timezone/);
    await page.close();
  });

  it('an agent sees their campaigns but cannot change them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${api.url}/login`);
    await page.getByLabel('Email').fill('agent1@parley.local');
    await page.getByLabel('Password').fill('parley-agent');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Web support' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '+ New campaign' }).count(), 0);
    await page.getByRole('link', { name: 'Web support' }).click();
    await page.getByTestId('embed-code').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0);
    assert.equal(await page.getByLabel('Name', { exact: true }).isDisabled(), true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.close();
  });
});
