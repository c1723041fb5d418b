import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { seriousA11yViolations, signIn, startCustomerChat, until } from './stack';
import { createCampaign, startWidgetStack, widgetScreenshot, type Campaign, type WidgetStack } from './widget-harness';

describe('archiving campaigns in the console', () => {
  let stack: WidgetStack;

  before(async () => {
    stack = await startWidgetStack();
  });
  after(async () => {
    await stack?.stop();
  });

  async function adminPage(): Promise<Page> {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, stack.api.url, 'admin@parley.local', 'parley-admin');
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    return page;
  }

  /** The customer's site with the campaign's embed code: what its widget says once opened. */
  async function widgetOn(campaign: Campaign, shot?: string): Promise<'refused' | 'open'> {
    const { context, page } = await stack.site.open(stack.browser, campaign);
    try {
      await page.getByRole('button', { name: 'Chat with us' }).click();
      const refused = page.getByText('Chat is not available right now.');
      const form = page.getByLabel('Name');
      await refused.or(form).first().waitFor();
      if (shot) await widgetScreenshot(page, shot);
      return (await refused.count()) > 0 ? 'refused' : 'open';
    } finally {
      await context.close();
    }
  }

  it('an admin archives a campaign, its widget refuses chats meanwhile, and restoring brings it back', async () => {
    const campaign = await createCampaign(stack, { name: 'Spring sale' });
    const draft = await createCampaign(stack, { name: 'Draft desk' });
    // A chat reached "Spring sale" (nobody answered it): it can be archived, no longer deleted.
    await startCustomerChat(stack.api.url, { campaignKey: campaign.key, name: 'Rosa Reyes' });
    assert.equal(await widgetOn(campaign), 'open');

    const admin = await adminPage();
    await admin.getByRole('navigation').getByRole('link', { name: 'Campaigns', exact: true }).click();
    const row = admin.getByRole('row').filter({ hasText: 'Spring sale' });
    await row.waitFor();
    assert.equal(await admin.getByRole('button', { name: 'Delete Spring sale' }).count(), 0, 'a campaign with chats offers no delete');
    await admin.getByRole('button', { name: 'Delete Draft desk' }).waitFor();

    await admin.getByRole('button', { name: 'Archive Spring sale' }).click();
    const archiveDialog = admin.getByRole('dialog', { name: 'Archive Spring sale?' });
    await archiveDialog.getByText('its recordings and statistics stay').waitFor();
    assert.deepEqual(await seriousA11yViolations(admin), [], 'axe on the archive confirmation');
    await screenshot(admin, 'admin-archive-confirm');
    await archiveDialog.getByRole('button', { name: 'Archive', exact: true }).click();
    await admin.getByRole('status').getByText('Spring sale was archived: it takes no chats.').waitFor();
    await until('the archived campaign off the list', async () => (await row.count()) === 0);

    // Meanwhile the widget answers as for a disabled campaign.
    assert.equal(await widgetOn(campaign, 'widget-archived-campaign'), 'refused');

    // Shown on request, marked, with a restore.
    await admin.getByLabel('Show archived campaigns').check();
    await row.getByText('Archived', { exact: true }).waitFor();
    assert.deepEqual(await seriousA11yViolations(admin), [], 'axe on the list with archived campaigns');
    await screenshot(admin, 'admin-campaigns-archived');
    await admin.getByRole('button', { name: 'Restore Spring sale' }).click();
    const restoreDialog = admin.getByRole('dialog', { name: 'Restore Spring sale?' });
    await restoreDialog.getByText('It is enabled, so its widget takes chats again at once.').waitFor();
    await restoreDialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await admin.getByRole('status').getByText('Spring sale was restored.').waitFor();
    await until('the campaign in use again', async () => (await row.getByText('Enabled', { exact: true }).count()) === 1);
    assert.equal(await widgetOn(campaign), 'open');

    // A campaign no chat reached is deleted for good.
    await admin.getByRole('button', { name: 'Delete Draft desk' }).click();
    const deleteDialog = admin.getByRole('dialog', { name: 'Delete Draft desk?' });
    await deleteDialog.getByRole('button', { name: 'Delete for good' }).click();
    await admin.getByRole('status').getByText('Draft desk was deleted.').waitFor();
    await until('the deleted campaign gone', async () => (await admin.getByRole('row').filter({ hasText: 'Draft desk' }).count()) === 0);
    await screenshot(admin, 'admin-campaigns-after-archive');
    assert.equal(await widgetOn(draft), 'refused');
    await admin.context().close();
  });

  it('an admin archives and restores a quality model no campaign uses; one in use says what to do first', async () => {
    const CREATE = 'mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id } }';
    await ok(stack.api.url, CREATE, { input: { name: 'Holiday form', questions: [{ text: 'Wished happy holidays', kind: 'YES_NO', weight: 1 }] } }, { token: stack.admin });
    const admin = await adminPage();
    await admin.getByRole('navigation').getByRole('link', { name: 'Quality models', exact: true }).click();
    const inUse = admin.getByRole('article', { name: 'Standard service review' });
    await inUse.getByText('To archive it, choose another model in the campaigns that use it.').waitFor();
    assert.equal(await admin.getByRole('button', { name: 'Archive Standard service review' }).count(), 0);

    const holiday = admin.getByRole('article', { name: 'Holiday form' });
    await holiday.getByText('No campaign uses it.').waitFor();
    await admin.getByRole('button', { name: 'Archive Holiday form' }).click();
    await admin.getByRole('dialog', { name: 'Archive Holiday form?' }).getByRole('button', { name: 'Archive', exact: true }).click();
    await admin.getByRole('status').getByText('Holiday form was archived.').waitFor();
    await until('the archived model off the list', async () => (await holiday.count()) === 0);
    await admin.getByLabel('Show archived models').check();
    await holiday.getByText('Archived', { exact: true }).waitFor();
    assert.deepEqual(await seriousA11yViolations(admin), [], 'axe on the quality models with an archived one');
    await screenshot(admin, 'admin-quality-models-archived');
    await admin.getByRole('button', { name: 'Restore Holiday form' }).click();
    await admin.getByRole('dialog', { name: 'Restore Holiday form?' }).getByRole('button', { name: 'Restore', exact: true }).click();
    await admin.getByRole('status').getByText('Holiday form was restored.').waitFor();
    await holiday.getByRole('button', { name: 'Edit Holiday form' }).waitFor();
    await admin.context().close();
  });
});
