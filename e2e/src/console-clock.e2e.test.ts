import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import { signIn, startCustomerChat, startDemoStack, until, type DemoStack } from './stack';

const HOURS_BEHIND = 3;

describe('console timers on a browser whose clock is wrong', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it(`counts a chat from its start on the API's clock, with the browser ${HOURS_BEHIND} hours behind`, async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    // The agent's computer clock is hours off: Date.now() and new Date() both say so.
    await context.addInitScript((shift: number) => {
      const RealDate = Date;
      const skewed = () => RealDate.now() - shift;
      class SkewedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(skewed());
          else super(...(args as [string]));
        }
        static override now(): number {
          return skewed();
        }
      }
      (window as unknown as { Date: DateConstructor }).Date = SkewedDate as unknown as DateConstructor;
    }, HOURS_BEHIND * 3600_000);
    const page = await context.newPage();
    assert.ok((await page.evaluate(() => Date.now())) < Date.now() - (HOURS_BEHIND * 3600_000 - 60_000), 'the page clock is behind');
    await signIn(page, stack.api.url, 'agent1@parley.local', 'parley-agent');
    await page.waitForURL('**/workspace');
    const state = page.getByLabel('Your state');
    await state.selectOption('AVAILABLE');
    await until('the agent is available', async () => (await state.inputValue()) === 'AVAILABLE' && !(await state.isDisabled()));

    const admin = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    const { campaigns } = await ok<{ campaigns: { key: string }[] }>(stack.api.url, '{ campaigns { key } }', {}, { token: admin });
    await startCustomerChat(stack.api.url, { campaignKey: campaigns[0]!.key, name: 'Tomás Clock' });
    await page.getByTestId('inbox-chat').filter({ hasText: 'Tomás Clock' }).click();
    await page.getByTestId('contact-name').filter({ hasText: 'Tomás Clock' }).waitFor();

    // The conversation's timer starts near 0:00, not at minus three hours, and goes on counting.
    const timer = page.locator('main').getByRole('timer').first();
    const seconds = async () => {
      const [minutes, secs] = (await timer.innerText()).trim().split(':').map(Number);
      return (minutes ?? NaN) * 60 + (secs ?? NaN);
    };
    await until('a running timer', async () => {
      const value = await seconds();
      return value >= 1 && value < 60;
    });
    assert.ok((await seconds()) < 60, await timer.innerText());
    await context.close();
  });
});
