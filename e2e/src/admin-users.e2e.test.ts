import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { consoleAs, layoutProblems, tallScreenshot } from './admin-steps';
import { seriousA11yViolations, signIn, startDemoStack, until, type DemoStack } from './stack';

const NEW_PASSWORD = 'Harbour-Lantern-73';

/** Admins look after staff accounts; the people concerned notice at once. */
describe('users: edit, reset a password, and every administration screen', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  async function usersScreen(admin: Page): Promise<void> {
    await admin.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await admin.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'agent2@parley.local' }).waitFor();
  }

  const row = (admin: Page, email: string) => admin.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: email });

  /** Signs in on the login page and answers where the console went, or the error it showed. */
  async function tryToSignIn(page: Page, password: string): Promise<string> {
    await signIn(page, stack.api.url, 'agent2@parley.local', password);
    return until('the console’s answer', async () => {
      if (!page.url().endsWith('/login')) return new URL(page.url()).pathname;
      const alert = page.getByRole('alert');
      return (await alert.count()) > 0 ? (await alert.innerText()).trim() : undefined;
    });
  }

  it('an admin renames an agent and makes her a supervisor: her open console signs out and she comes back as a supervisor', async () => {
    const bea = await consoleAs(stack.browser, stack.api.url, 'agent2@parley.local', 'parley-agent');
    await bea.waitForURL('**/workspace');
    const admin = await consoleAs(stack.browser, stack.api.url, 'admin@parley.local', 'parley-admin');
    await usersScreen(admin);

    await admin.getByRole('button', { name: 'Edit Bea Agent' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit Bea Agent' });
    assert.equal(await dialog.getByLabel('Name').inputValue(), 'Bea Agent');
    assert.equal(await dialog.getByLabel('Email').inputValue(), 'agent2@parley.local');
    await dialog.getByLabel('Name').fill('  ');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await until('the empty name at its field', async () => (await dialog.getByLabel('Name').getAttribute('aria-invalid')) === 'true');
    assert.equal(await admin.locator('#user-name-error').innerText(), 'Write the person’s name.');
    await dialog.getByLabel('Name').fill('Beatriz Alves');
    await dialog.getByLabel('Role').selectOption({ label: 'Supervisor' });
    await dialog.getByText('Watches the figures and agents, manages campaigns, members, canned responses and quality models.').waitFor();
    await dialog.getByText('A new role signs them out of open sessions.').waitFor();
    assert.deepEqual(await seriousA11yViolations(admin), [], 'axe on the edit dialog');
    assert.deepEqual(await layoutProblems(admin), [], 'the edit dialog lays out cleanly');
    await tallScreenshot(admin, 'admin-users-edit');
    await dialog.getByRole('button', { name: 'Save changes' }).click();

    await admin.getByRole('status').filter({ hasText: 'Beatriz Alves saved.' }).waitFor();
    await until('the dialog closed', async () => (await dialog.count()) === 0);
    const beatriz = row(admin, 'agent2@parley.local');
    await beatriz.getByText('Beatriz Alves', { exact: true }).waitFor();
    await beatriz.getByText('Supervisor', { exact: true }).waitFor();
    await admin.reload();
    await row(admin, 'agent2@parley.local').getByText('Beatriz Alves', { exact: true }).waitFor();
    assert.equal(await row(admin, 'agent2@parley.local').getByText('Supervisor', { exact: true }).count(), 1);
    // The filter by role agrees.
    await admin.getByLabel('Show').selectOption({ label: 'Supervisor' });
    await until('only supervisors listed', async () => (await admin.getByRole('table', { name: 'Users' }).getByRole('row').count()) === 3);
    await row(admin, 'agent2@parley.local').waitFor();

    // Her agent console was signed out; she signs in again and lands where supervisors do.
    await bea.waitForURL('**/login');
    assert.equal(await tryToSignIn(bea, 'parley-agent'), '/dashboard');
    await bea.getByRole('banner').getByText('Beatriz Alves', { exact: true }).waitFor();
    await bea.getByRole('banner').getByText('Supervisor', { exact: true }).waitFor();
    await bea.context().close();
    await admin.context().close();
  });

  it('an admin resets a password: the open console signs out, the old password fails and the new one works', async () => {
    const bea = await consoleAs(stack.browser, stack.api.url, 'agent2@parley.local', 'parley-agent');
    await bea.waitForURL('**/dashboard');
    const admin = await consoleAs(stack.browser, stack.api.url, 'admin@parley.local', 'parley-admin');
    await usersScreen(admin);

    await admin.getByRole('button', { name: 'Reset password of Beatriz Alves' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Reset the password of Beatriz Alves' });
    await dialog.getByText('Their open sessions end at once; tell them the new password.').waitFor();
    const password = dialog.getByLabel('New password');
    await password.fill('agent2@parley.local');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await until('the refused password at its field', async () => (await password.getAttribute('aria-invalid')) === 'true');
    await password.fill(NEW_PASSWORD);
    await until('the problem gone once the password changes', async () => (await password.getAttribute('aria-invalid')) === null);
    assert.deepEqual(await layoutProblems(admin), [], 'the password dialog lays out cleanly');
    await tallScreenshot(admin, 'admin-users-reset-password');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await admin.getByRole('status').filter({ hasText: 'The password of Beatriz Alves was changed.' }).waitFor();

    await bea.waitForURL('**/login');
    assert.equal(await tryToSignIn(bea, 'parley-agent'), 'Wrong email or password');
    assert.equal(await tryToSignIn(bea, NEW_PASSWORD), '/dashboard');
    await bea.context().close();

    // The changes log tells who did it.
    await admin.getByRole('navigation').getByRole('link', { name: 'Changes', exact: true }).click();
    const log = admin.getByTestId('changes-log');
    await log.getByRole('row').filter({ hasText: 'Password reset' }).filter({ hasText: 'Beatriz Alves' }).waitFor();
    const changed = log.getByRole('row').filter({ hasText: 'User changed' }).filter({ hasText: 'Beatriz Alves' });
    await changed.waitFor();
    assert.match(await changed.innerText(), /Ada Admin/);
    assert.match(await changed.innerText(), /Name[\s\S]*Role/);
    await admin.context().close();
  });

  it('every administration screen lays out cleanly and passes axe', async () => {
    // Something in each list: an API key too.
    const token = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    await ok(stack.api.url, 'mutation { createApiKey(name: "Nightly export to the data warehouse", scopes: [STATS_READ, INTERACTIONS_READ]) { key } }', {}, { token });
    for (const width of [1280, 1024]) {
      const admin = await consoleAs(stack.browser, stack.api.url, 'admin@parley.local', 'parley-admin', { width, height: 800 });
      for (const [link, heading] of [
        ['Campaigns', 'Campaigns'],
        ['Quality models', 'Quality models'],
        ['Pause reasons', 'Pause reasons'],
        ['Users', 'Users'],
        ['API keys', 'API keys'],
        ['Audit log', 'Audit log'],
        ['Changes', 'Changes'],
      ] as const) {
        await admin.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
        await admin.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
        // Loaded: the lists are past their "Loading…" line.
        await until(`${link} loaded`, async () => (await admin.getByText('Loading…').count()) === 0);
        assert.deepEqual(await layoutProblems(admin), [], `${link} at ${width}px`);
        if (width === 1280) {
          assert.deepEqual(await seriousA11yViolations(admin), [], `axe on ${link}`);
          await tallScreenshot(admin, `admin-screen-${link.toLowerCase().replace(/\s+/g, '-')}`);
        } else {
          await tallScreenshot(admin, `admin-screen-${link.toLowerCase().replace(/\s+/g, '-')}-${width}`);
        }
      }
      await admin.context().close();
    }
  });
});
