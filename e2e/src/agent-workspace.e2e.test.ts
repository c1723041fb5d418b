import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from './browser';
import { seriousA11yViolations, signIn, startCustomerChat, startDemoStack, until, type Customer, type DemoStack } from './stack';

const SITE = 'https://shop.example.com';
const PNG = receiptPng(160, 100);
const CANNED = 'Hello! Thanks for reaching out. Let me look into that for you.';

/** A small picture (a blue gradient with a white band), encoded as a PNG here rather than shipped as a file. */
function receiptPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0);
    for (let x = 0; x < width; x += 1) {
      const band = y > height * 0.4 && y < height * 0.6;
      rows.push(band ? 255 : 37 + Math.round((x / width) * 60), band ? 255 : 99 + Math.round((y / height) * 80), band ? 255 : 235);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** Records what the console asks of the browser's notification and audio APIs. */
async function watchAlerts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen = { notifications: [] as string[], beeps: 0 };
    (window as unknown as { __alerts: typeof seen }).__alerts = seen;
    const Native = window.Notification;
    class Recorded extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        seen.notifications.push(`${title} | ${options?.body ?? ''}`);
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Native.permission });
    Recorded.requestPermission = (...args: Parameters<typeof Native.requestPermission>) => Native.requestPermission(...args);
    window.Notification = Recorded as typeof Notification;
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      seen.beeps += 1;
      return createOscillator.call(this);
    };
  });
}

const alerts = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: { notifications: string[]; beeps: number } }).__alerts);

describe('agent workspace journeys', () => {
  let stack: DemoStack;
  let campaignKey: string;

  before(async () => {
    stack = await startDemoStack();
    const admin = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    const { campaigns } = await ok<{ campaigns: { key: string }[] }>(stack.api.url, '{ campaigns { key } }', {}, { token: admin });
    campaignKey = campaigns[0]!.key;
  });
  after(async () => {
    await stack?.stop();
  });

  it('an agent answers a chat from the ring to the quality form, through a 20 s network cut', async () => {
    // An earlier chat of the same customer (same email), answered by agent2 through the API.
    const agent2 = await login(stack.api.url, 'agent2@parley.local', 'parley-agent');
    await ok(stack.api.url, 'mutation { setAgentState(state: AVAILABLE) { state } }', {}, { token: agent2 });
    const earlier = await startCustomerChat(stack.api.url, { campaignKey, name: 'Marta Ruiz', email: 'marta@example.com', customFieldValue: 'A-0999' }, SITE);
    await until('the earlier chat is answered', async () => (await earlier.state()).state === 'ACTIVE');
    await earlier.send('My order never arrived');
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: earlier.interactionId }, { token: earlier.token, origin: SITE });
    await ok(stack.api.url, 'mutation { setAgentState(state: OFFLINE) { state } }', {}, { token: agent2 });

    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    await context.grantPermissions(['notifications', 'microphone'], { origin: stack.api.url });
    await watchAlerts(context);
    const page = await context.newPage();
    await signIn(page, stack.api.url, 'agent1@parley.local', 'parley-agent');
    await page.waitForURL('**/workspace');
    const state = page.getByLabel('Your state');
    await state.selectOption('AVAILABLE');
    await until('the agent is available', async () => (await state.inputValue()) === 'AVAILABLE' && !(await state.isDisabled()));
    await page.getByText('You are available').waitFor();
    await screenshot(page, 'agent-workspace-available');

    // The customer starts a chat: it rings with a beep and a notification.
    const customer = await startCustomerChat(stack.api.url, { campaignKey, name: 'Marta Ruiz', email: 'marta@example.com', customFieldValue: 'A-1042' }, SITE);
    const chatLink = page.getByTestId('inbox-chat').filter({ hasText: 'Marta Ruiz' });
    await chatLink.waitFor();
    const rang = await until('the notification and the beep', async () => {
      const seen = await alerts(page);
      return seen.notifications.length > 0 && seen.beeps > 0 ? seen : undefined;
    });
    assert.match(rang.notifications[0]!, /New chat with Marta Ruiz \| Web support/);
    await customer.send('Hello, where is my parcel? See https://shop.example.com/orders/A-1042');

    // The conversation: header, hold time, earlier conversation.
    await chatLink.click();
    await page.getByTestId('contact-name').filter({ hasText: 'Marta Ruiz' }).waitFor();
    assert.equal(await page.getByTestId('campaign-name').innerText(), 'Web support');
    assert.equal(await page.getByTestId('contact-email').innerText(), 'marta@example.com');
    assert.equal(await page.getByTestId('custom-field-label').innerText(), 'Order number');
    assert.equal(await page.getByTestId('custom-field-value').innerText(), 'A-1042');
    assert.equal(await page.getByTestId('origin').innerText(), SITE);
    assert.match(await page.getByTestId('hold-time').innerText(), /Waited \d+:\d\d in the queue/);
    const link = page.getByRole('link', { name: 'https://shop.example.com/orders/A-1042', exact: true });
    await link.waitFor();
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    await page.getByTestId('history-button').filter({ hasText: '1' }).waitFor();
    await page.getByTestId('history-button').click();
    await page.getByTestId('history-entry').first().click();
    await page.getByTestId('history-transcript').getByText('My order never arrived').waitFor();
    await screenshot(page, 'agent-workspace-history');
    await page.getByRole('button', { name: 'Hide earlier conversations' }).click();

    // The state and the open chat survive a reload.
    await page.reload();
    await page.getByTestId('contact-name').filter({ hasText: 'Marta Ruiz' }).waitFor();
    await until('the state after the reload', async () => (await page.getByLabel('Your state').inputValue()) === 'AVAILABLE');
    assert.equal(await page.getByTestId('inbox-chat').count(), 1);

    // The customer types; the agent answers with /hello and an emoji.
    await customer.typing(true);
    await page.getByText('Marta Ruiz is typing…').waitFor();
    const reply = page.getByRole('combobox', { name: 'Reply' });
    await reply.click();
    await reply.pressSequentially('/hel');
    const suggestions = page.getByRole('listbox', { name: 'Canned responses' });
    await suggestions.getByRole('option', { name: /\/hello/ }).waitFor();
    await screenshot(page, 'agent-workspace-canned');
    await reply.press('Enter');
    assert.equal(await reply.inputValue(), CANNED);
    await page.getByRole('button', { name: 'Emoji' }).click();
    await page.getByRole('button', { name: '👍' }).click();
    assert.equal(await reply.inputValue(), `${CANNED}👍`);
    await reply.press('Enter');
    const sent = await until('the customer receives the answer', async () => (await customer.messages()).find((message) => message.sender.kind === 'AGENT' && message.text === `${CANNED}👍`));
    await customer.markRead(sent.seq);
    await page.locator(`[data-seq="${sent.seq}"] [data-delivery="read"]`).waitFor();

    // A file, then a voice note recorded from the fake microphone.
    await page.locator('input[type="file"]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    const file = await until('the customer receives the file', async () => (await customer.messages()).find((message) => message.attachment?.name === 'receipt.png')?.attachment);
    assert.deepEqual(await customer.download(file.url), PNG);
    await page.getByRole('img', { name: 'receipt.png' }).waitFor();
    await page.getByRole('button', { name: 'Record a voice note' }).click();
    await page.getByRole('status').filter({ hasText: /Recording 0:0[1-9]/ }).waitFor();
    await page.getByRole('button', { name: 'Stop and send the voice note' }).click();
    const note = await until('the customer receives the voice note', async () => (await customer.messages()).find((message) => message.attachment?.kind === 'VOICE_NOTE')?.attachment);
    assert.match(note.mimeType, /^audio\//);
    const audio = await customer.download(note.url);
    assert.ok(audio.length > 200, `a voice note of ${audio.length} bytes`);
    await page.getByTestId('voice-note').waitFor();
    await screenshot(page, 'agent-workspace-conversation');

    // The network is cut for 20 s: the customer writes meanwhile, the agent too; nothing is lost or doubled.
    const before = (await customer.messages()).length;
    await context.setOffline(true);
    const cutAt = Date.now();
    await page.getByTestId('reconnecting').waitFor();
    const whileAway = ['Are you still there?', 'I found the tracking number: 1Z999', 'Thanks!'];
    for (const text of whileAway) await customer.send(text);
    await reply.fill('Checking the carrier now.');
    await reply.press('Enter');
    await page.getByText('Not sent').waitFor();
    await screenshot(page, 'agent-workspace-reconnecting');
    // The scenario's 20 s cut (a duration the journey is defined by, not a wait for the console).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 20_000 - (Date.now() - cutAt))));
    await context.setOffline(false);
    await page.getByTestId('reconnecting').waitFor({ state: 'detached' });
    for (const text of whileAway) await page.getByTestId('message').filter({ hasText: text }).waitFor();
    await until('the agent message sent once', async () => (await customer.messages()).filter((message) => message.text === 'Checking the carrier now.').length === 1);
    const shown = await page.getByTestId('message').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
    const stored = await customer.messages();
    assert.equal(stored.length, before + whileAway.length + 1);
    const visible = stored.filter((message) => message.sender.kind !== 'SYSTEM').map((message) => message.seq);
    assert.deepEqual(shown, visible, 'every message shown once, in seq order');
    for (const text of whileAway) assert.equal(await page.getByTestId('message').filter({ hasText: text }).count(), 1);
    assert.equal(await page.getByTestId('outgoing').count(), 0);

    // axe-core on the workspace with an open conversation.
    assert.deepEqual(await seriousA11yViolations(page), []);

    // Close with the quality form: the empty required question is pointed out first.
    await page.keyboard.press('Alt+c');
    const dialog = page.getByRole('dialog', { name: 'Close the chat with Marta Ruiz' });
    await dialog.waitFor();
    await dialog.getByRole('group', { name: /Resolution quality/ }).getByLabel('4').check();
    await dialog.getByRole('button', { name: 'Close chat' }).click();
    const greeted = dialog.getByRole('group', { name: /Greeted the customer by name/ });
    await greeted.getByRole('alert').filter({ hasText: 'Answer this question to close the chat.' }).waitFor();
    await screenshot(page, 'agent-workspace-quality-error');
    assert.equal((await customer.state()).state, 'ACTIVE');
    await greeted.getByLabel('Yes').check();
    await dialog.getByLabel('Notes').fill('Parcel re-sent.');
    await dialog.getByRole('button', { name: 'Close chat' }).click();
    await page.getByTestId('close-reason').filter({ hasText: 'closed by the agent' }).waitFor();
    await until('the chat leaves the inbox', async () => (await page.getByTestId('inbox-chat').count()) === 0);
    assert.deepEqual(await customer.state(), { state: 'CLOSED', closeReason: 'AGENT_CLOSED', agent: { name: 'Alex Agent' } });
    await screenshot(page, 'agent-workspace-closed');
    await context.close();
  });
});
