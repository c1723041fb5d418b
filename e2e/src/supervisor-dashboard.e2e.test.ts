import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { createCampaignLikeDemo, seriousA11yViolations, signIn, startCustomerChat, startDemoStack, until, type DemoStack } from './stack';

/** "for 1:02" or "1:02:03" → seconds. */
function seconds(text: string): number {
  const parts = /(\d+(?::\d{2}){1,2})/.exec(text)?.[1]?.split(':').map(Number) ?? [];
  assert.ok(parts.length >= 2, `a duration in ${text}`);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** A timer's text changing proves it ticks on screen (between pushes or not). */
async function ticks(locator: Locator): Promise<void> {
  const first = await locator.innerText();
  await until(`${first} to tick`, async () => (await locator.innerText()) !== first);
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe-core on ${where}`);
}

/** A supervisor watches a campaign live and acts on an agent, while the agent works in another browser. */
describe('supervisor dashboard journeys', () => {
  let stack: DemoStack;
  let admin: string;
  let campaign: { id: string; key: string };

  before(async () => {
    stack = await startDemoStack();
    admin = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    const { users } = await ok<{ users: { id: string; email: string }[] }>(stack.api.url, '{ users(role: AGENT) { id email } }', {}, { token: admin });
    const alex = users.find((user) => user.email === 'agent1@parley.local')!;
    campaign = await createCampaignLikeDemo(
      stack.api.url,
      admin,
      { name: 'Night shift', colour: '#7C3AED', serviceLevelTarget: 0.9, thresholds: { chatTimeWarnSeconds: 3, chatTimeLimitSeconds: 6, agentIdleWarnSeconds: 5, waitTimeoutSeconds: 900, serviceLevelSeconds: 20 } },
      [alex.id],
    );
  });
  after(async () => {
    await stack?.stop();
  });

  it('watches the queue and a chat live, spies on it, chats with the agent, pauses and logs them out', async () => {
    // The agent works in their own browser.
    const agentContext = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const agentPage = await agentContext.newPage();
    await signIn(agentPage, stack.api.url, 'agent1@parley.local', 'parley-agent');
    await agentPage.waitForURL('**/workspace');
    const agentState = agentPage.getByLabel('Your state');
    await agentState.selectOption('AVAILABLE');
    await until('the agent is available', async () => (await agentState.inputValue()) === 'AVAILABLE' && !(await agentState.isDisabled()));

    // The supervisor lands on the dashboard and picks the campaign.
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    // The chart library runs under the console's strict Content-Security-Policy: nothing may be refused.
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective}`));
      // Every colour a chat timer on the board takes, however briefly, in order.
      const statuses: string[] = [];
      (window as unknown as { __timerStatuses: string[] }).__timerStatuses = statuses;
      new MutationObserver(() => {
        for (const timer of Array.from(document.querySelectorAll('[data-testid="board-chat"] [role="timer"]'))) {
          const status = timer.getAttribute('data-status');
          if (status && statuses.at(-1) !== status) statuses.push(status);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    });
    await signIn(page, stack.api.url, 'supervisor@parley.local', 'parley-supervisor');
    await page.waitForURL('**/dashboard');
    await page.getByRole('link', { name: 'Campaigns' }).waitFor();
    await page.getByRole('button', { name: 'Night shift', exact: true }).click();
    await until('the campaign is picked', async () => (await page.getByRole('button', { name: 'Night shift', exact: true }).getAttribute('aria-pressed')) === 'true');
    const alexRow = page.locator('[data-testid="board-agent"][data-agent="Alex Agent"]');
    await alexRow.and(page.locator('[data-state="AVAILABLE"]')).waitFor();

    // Available with no chat past agentIdleWarnSeconds (5 s): the idle warning.
    const idle = alexRow.getByTestId('idle');
    await ticks(idle);
    await alexRow.locator('[data-testid="idle"][data-warning="true"]').waitFor({ timeout: 15_000 });
    assert.match(await idle.innerText(), /Idle too long/);
    // Time in state, beside the state, ticking too.
    const stateTime = alexRow.getByTestId('state-time');
    await ticks(stateTime);
    assert.match(await stateTime.innerText(), /^for \d+:\d{2}$/);
    const availableFor = seconds(await stateTime.innerText());

    // The agent pauses; a customer arrives and waits.
    await agentState.selectOption({ label: 'Paused: Break' });
    await alexRow.and(page.locator('[data-state="PAUSED"]')).waitFor();
    assert.equal(await alexRow.getByTestId('pause-reason').innerText(), 'Break');
    // A new state counts from its own start.
    await until('the time in state restarts with the pause', async () => seconds(await stateTime.innerText()) < availableFor);
    await ticks(stateTime);
    const customer = await startCustomerChat(stack.api.url, { campaignKey: campaign.key, name: 'Marta Ruiz', email: 'marta@example.com' });
    const waitingRow = page.locator('[data-testid="waiting-row"][data-name="Marta Ruiz"]');
    await waitingRow.waitFor();
    assert.match(await waitingRow.innerText(), /marta@example\.com/);
    await ticks(waitingRow.getByTestId('waiting-time'));
    assert.equal(await page.locator('[data-testid="campaign-card"][data-campaign="Night shift"]').getByTestId('card-waiting').innerText(), '1');
    await screenshot(page, 'supervisor-dashboard-waiting');

    // The agent comes back: the chat is assigned and leaves the waiting table.
    await agentState.selectOption('AVAILABLE');
    await waitingRow.waitFor({ state: 'detached' });
    const chatChip = alexRow.locator('[data-testid="board-chat"][data-contact="Marta Ruiz"]');
    const timer = chatChip.getByRole('timer');
    await timer.waitFor();
    await ticks(timer);
    await timer.and(page.locator('[data-status="OVER_LIMIT"]')).waitFor();
    assert.match((await timer.getAttribute('aria-label')) ?? '', /over the limit/);
    const statuses = await page.evaluate(() => (window as unknown as { __timerStatuses: string[] }).__timerStatuses);
    assert.deepEqual(statuses.slice(statuses.indexOf('WARNING')), ['WARNING', 'OVER_LIMIT'], `the timer went ${statuses.join(' → ')}`);
    assert.ok(['NORMAL', 'WARNING'].includes(statuses[0]!), `the timer went ${statuses.join(' → ')}`);
    await page.getByRole('img', { name: /Today so far: 1 chats offered, 1 answered/ }).waitFor();
    await page.locator('parley-day-chart canvas').first().waitFor();
    await screenshot(page, 'supervisor-dashboard');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'supervisor-dashboard-1440');
    await page.setViewportSize({ width: 1280, height: 720 });
    await noSeriousViolations(page, 'the dashboard');

    // Screen monitoring needs media, which is not configured.
    const screen = alexRow.getByRole('button', { name: 'Screen monitoring of Alex Agent' });
    assert.equal(await screen.getAttribute('aria-disabled'), 'true');
    const tipId = await screen.getAttribute('aria-describedby');
    assert.equal(await page.locator(`[id="${tipId}"]`).innerText(), 'Needs media (Janus) configured');

    // Info: profile, state and today's chats.
    await alexRow.getByRole('button', { name: 'Info about Alex Agent' }).click();
    const info = page.getByRole('dialog', { name: 'Alex Agent' });
    await info.getByTestId('info-taken').filter({ hasText: '1' }).waitFor();
    assert.match(await info.getByTestId('info-state').innerText(), /Available/);
    await screenshot(page, 'supervisor-agent-info');
    await info.getByRole('button', { name: 'Close Alex Agent' }).click();

    // Spy: a read-only live transcript; nobody in the chat is told.
    await customer.send('Hello, is my refund on its way?');
    const before = await customer.messages();
    const stateBefore = await customer.state();
    await chatChip.getByRole('button', { name: 'Spy on the chat with Marta Ruiz' }).click();
    const spy = page.getByRole('dialog', { name: 'Spying on the chat with Marta Ruiz' });
    await spy.getByRole('note').filter({ hasText: 'Only you can see this; the customer is not told.' }).waitFor();
    const transcript = spy.getByRole('log', { name: 'Live transcript' });
    await transcript.getByText('Hello, is my refund on its way?').waitFor();
    await customer.send('Still there?');
    await transcript.getByText('Still there?').waitFor();
    await agentPage.getByTestId('inbox-chat').filter({ hasText: 'Marta Ruiz' }).click();
    const reply = agentPage.getByRole('combobox', { name: 'Reply' });
    await reply.fill('Checking it now.');
    await reply.press('Enter');
    await transcript.getByText('Checking it now.').waitFor();
    await screenshot(page, 'supervisor-spy');
    await noSeriousViolations(page, 'the spy panel');
    await spy.getByRole('button', { name: 'Stop spying' }).click();
    await spy.waitFor({ state: 'detached' });
    // The customer's side is unchanged: only the two messages written since, nothing from or about the supervisor.
    const afterSpy = await customer.messages();
    assert.deepEqual(afterSpy.slice(0, before.length), before);
    assert.deepEqual(afterSpy.slice(before.length).map((message) => [message.sender.kind, message.text]), [['CONTACT', 'Still there?'], ['AGENT', 'Checking it now.']]);
    assert.ok(afterSpy.every((message) => message.sender.kind !== 'SUPERVISOR' && !/Sam Supervisor|spy/i.test(`${message.sender.name} ${message.text}`)));
    assert.deepEqual(await customer.state(), stateBefore);
    assert.deepEqual(stateBefore, { state: 'ACTIVE', closeReason: null, agent: { name: 'Alex Agent' } });

    // Supervisor ↔ agent chat.
    await alexRow.getByRole('button', { name: 'Chat with Alex Agent' }).click();
    const chat = page.getByRole('dialog', { name: 'Chat with Alex Agent' });
    const toAgent = chat.getByRole('textbox', { name: 'Message to Alex Agent' });
    await toAgent.fill('Please wrap up with Marta when you can.');
    await toAgent.press('Enter');
    await chat.getByTestId('staff-message').filter({ hasText: 'Please wrap up with Marta when you can.' }).waitFor();
    const messagesButton = agentPage.getByRole('button', { name: 'Messages from supervisors, 1 unread' });
    await messagesButton.waitFor();
    await screenshot(agentPage, 'agent-staff-unread');
    await messagesButton.click();
    const agentPanel = agentPage.getByRole('dialog', { name: 'Messages from supervisors' });
    await agentPanel.getByTestId('staff-message').filter({ hasText: 'Please wrap up with Marta when you can.' }).waitFor();
    await agentPage.getByRole('button', { name: 'Messages from supervisors', exact: true }).waitFor();
    const toSupervisor = agentPanel.getByRole('textbox', { name: 'Message to Sam Supervisor' });
    await toSupervisor.fill('Will do, two minutes.');
    await toSupervisor.press('Enter');
    await chat.getByTestId('staff-message').filter({ hasText: 'Will do, two minutes.' }).waitFor();
    await screenshot(agentPage, 'agent-staff-messages');
    await screenshot(page, 'supervisor-staff-chat');
    await noSeriousViolations(agentPage, "the agent's messages panel");
    await noSeriousViolations(page, 'the supervisor chat panel');
    await chat.getByRole('button', { name: 'Close Chat with Alex Agent' }).click();

    // Pause with a reason from the list.
    await alexRow.getByRole('button', { name: 'Pause Alex Agent' }).click();
    const pause = page.getByRole('dialog', { name: 'Pause Alex Agent' });
    await pause.getByLabel('Reason').selectOption('Lunch');
    await screenshot(page, 'supervisor-pause');
    await pause.getByRole('button', { name: 'Pause', exact: true }).click();
    await pause.waitFor({ state: 'detached' });
    await alexRow.and(page.locator('[data-state="PAUSED"]')).waitFor();
    await alexRow.getByTestId('pause-reason').filter({ hasText: 'Lunch' }).waitFor();

    // Log out, confirmed: the chat goes back to the queue and the agent's session ends.
    await alexRow.getByRole('button', { name: 'Log out Alex Agent' }).click();
    const logout = page.getByRole('dialog', { name: 'Log Alex Agent out?' });
    await logout.getByText('Their sessions end at once and their 1 open chat(s) go back to the head of the queue.').waitFor();
    await screenshot(page, 'supervisor-logout');
    await logout.getByRole('button', { name: 'Log out', exact: true }).click();
    await alexRow.and(page.locator('[data-state="OFFLINE"]')).waitFor();
    await waitingRow.waitFor();
    assert.equal(await alexRow.locator('[data-testid="board-chat"]').count(), 0);
    assert.equal((await customer.state()).state, 'QUEUED');
    await agentPage.waitForURL('**/login');
    await screenshot(page, 'supervisor-after-logout');
    assert.deepEqual(refused, []);

    await agentContext.close();
    await context.close();

    // The admin's audit log lists the spy session.
    const adminContext = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, stack.api.url, 'admin@parley.local', 'parley-admin');
    await adminPage.waitForURL('**/dashboard');
    await adminPage.getByRole('link', { name: 'Audit log' }).click();
    const row = adminPage.getByTestId('audit-row').filter({ hasText: 'Marta Ruiz' });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Sam Supervisor/);
    assert.match(text, /Alex Agent/);
    assert.doesNotMatch(text, /Watching now/);
    await screenshot(adminPage, 'admin-audit-log');
    await noSeriousViolations(adminPage, 'the audit log');
    await adminContext.close();
  });

  it('keeps the audit log for admins only, and leads from a card to its campaign', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, stack.api.url, 'supervisor@parley.local', 'parley-supervisor');
    await page.waitForURL('**/dashboard');
    assert.equal(await page.getByRole('link', { name: 'Audit log' }).count(), 0);
    await page.goto(`${stack.api.url}/audit-log`);
    await page.waitForURL('**/dashboard');
    // A campaign's card leads to its settings.
    await page.getByRole('link', { name: 'Night shift settings' }).click();
    await page.getByRole('heading', { name: 'Night shift', level: 1 }).waitFor();
    await context.close();
  });
});
