import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, freePort, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '@parley/api/testing/api-process';
import { login, ok } from '@parley/api/testing/graphql-client';
import { JanusSocket } from '@parley/api/testing/janus-socket';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from '../browser';
import { signIn, until } from '../stack';
import { TestSite, widgetScreenshot, widgetSession, type Campaign } from '../widget-harness';
import { launchMediaChromium, receivedMedia, waitForReceivedMedia, type ReceivedMedia } from './media-browser';
import { createNetworkNamespace, type NetworkNamespace } from './network-namespace';

/**
 * Calls and screen monitoring as people use them, with real media: Chromium (fake camera, microphone
 * and screen) inside a network namespace, the API with its embedded Janus in the host namespace
 * offering media on the veth only. Customer, agent and supervisor each have their own browser context.
 */
describe('calls and screen monitoring through Janus, with fake devices', () => {
  let namespace: NetworkNamespace;
  let db: TestDatabase;
  let api: ApiProcess;
  let site: TestSite;
  let browser: Browser;
  let base: string;
  let admin: string;
  let demo: Campaign;
  let agentPage: Page;
  const teardown: (() => Promise<unknown>)[] = [];

  before(async () => {
    namespace = await createNetworkNamespace();
    teardown.push(() => namespace.remove());
    db = await createTestDatabase();
    teardown.push(() => db.drop());
    const port = await freePort();
    base = `http://${namespace.hostAddress}:${port}`;
    api = await startApi({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      media: true,
      env: { PARLEY_DEMO: '1', PORT: String(port), HOST: '0.0.0.0', PUBLIC_URL: base, JANUS_ICE_INTERFACES: namespace.hostInterface },
    });
    teardown.push(() => api.stop());
    site = await TestSite.start(base, namespace.hostAddress);
    teardown.push(() => site.stop());
    browser = await launchMediaChromium(namespace, { secureOrigins: [base, site.url] });
    teardown.push(() => browser.close());
    admin = await login(api.url, 'admin@parley.local', 'parley-admin');
    demo = (await ok<{ campaigns: Campaign[] }>(api.url, '{ campaigns { id key embedCode } }', {}, { token: admin })).campaigns[0]!;

    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    agentPage = await context.newPage();
    await signIn(agentPage, base, 'agent1@parley.local', 'parley-agent');
    await agentPage.waitForURL('**/workspace');
    const state = agentPage.getByLabel('Your state');
    await state.selectOption('AVAILABLE');
    await until('the agent is available', async () => (await state.inputValue()) === 'AVAILABLE' && !(await state.isDisabled()));
  });

  after(async () => {
    const failures = [];
    for (const step of teardown.reverse()) failures.push(await step().then(() => undefined, (error: unknown) => error));
    const failure = failures.find(Boolean);
    if (failure) throw failure;
  });

  /** Media flows only between the two ends of the veth pair. */
  function onVethOnly(media: ReceivedMedia): void {
    assert.ok(media.routes.length > 0, 'a selected candidate pair');
    const veth = [namespace.hostAddress, namespace.innerAddress];
    for (const route of media.routes) assert.ok(veth.includes(route.local) && veth.includes(route.remote) && route.local !== route.remote, JSON.stringify(route));
  }

  /** Received bytes keep growing: the call is live, not a burst at the start. */
  async function stillReceiving(page: Page, before: ReceivedMedia): Promise<void> {
    await until('more audio and video bytes', async () => {
      const now = await receivedMedia(page);
      return now.audioBytes > before.audioBytes && now.videoBytes > before.videoBytes;
    });
  }

  async function customerChat(name: string): Promise<{ page: Page; interactionId: string }> {
    const { page } = await site.open(browser, demo);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByText('Chatting with Alex Agent').waitFor();
    const interactionId = (await widgetSession(page, demo))?.interactionId;
    assert.ok(interactionId);
    await agentPage.getByTestId('inbox-chat').filter({ hasText: name }).click();
    await agentPage.getByTestId('contact-name').filter({ hasText: name }).waitFor();
    return { page, interactionId };
  }

  const transcript = async (interactionId: string) =>
    (await ok<{ interaction: { messages: { text: string | null; sender: { kind: string } }[] } }>(api.url, 'query($i: ID!) { interaction(id: $i) { messages { text sender { kind } } } }', { i: interactionId }, { token: admin }))
      .interaction.messages.filter((message) => message.sender.kind === 'SYSTEM')
      .map((message) => message.text ?? '');

  it('a customer video-calls the agent: both see and hear each other, mute, hang up, and the transcript keeps it', async () => {
    const customer = await customerChat('Ana Calls');
    await customer.page.getByRole('button', { name: 'Start a video call' }).click();
    await agentPage.getByText('Video call from Ana Calls', { exact: true }).last().waitFor();
    await agentPage.getByRole('button', { name: 'Accept call' }).click();

    // Both sides receive the other's audio and video, over the veth only.
    const atCustomer = await waitForReceivedMedia(customer.page, { audio: true, video: true }, 30_000);
    const atAgent = await waitForReceivedMedia(agentPage, { audio: true, video: true }, 30_000);
    onVethOnly(atCustomer);
    onVethOnly(atAgent);
    await stillReceiving(customer.page, atCustomer);
    await stillReceiving(agentPage, atAgent);
    const customersVideo = await agentPage.getByLabel("Customer's video").elementHandle();
    await agentPage.waitForFunction((video) => video instanceof HTMLVideoElement && video.videoWidth > 0, customersVideo);
    await widgetScreenshot(customer.page, 'media-widget-in-call');
    await screenshot(agentPage, 'media-console-in-call');

    // A person nobody invited gets no way in: no token, no room.
    const call = (await ok<{ interaction: { call: { id: string } } }>(api.url, 'query($i: ID!) { interaction(id: $i) { call { id } } }', { i: customer.interactionId }, { token: admin })).interaction.call;
    const agentToken = await login(api.url, 'agent1@parley.local', 'parley-agent');
    const join = (await ok<{ joinCall: { url: string; room: string } }>(api.url, 'mutation($c: ID!) { joinCall(callId: $c) { url room } }', { c: call.id }, { token: agentToken })).joinCall;
    const socket = await JanusSocket.open(`${api.url.replace(/^http/, 'ws')}${join.url}`);
    const { session, handle } = await socket.attachVideoRoom();
    const refused = await socket.videoRoom(session, handle, { request: 'join', ptype: 'publisher', room: join.room, display: 'Eavesdropper' });
    assert.equal((refused.error as { code?: number } | undefined)?.code ?? (refused.error_code as number | undefined), 433, JSON.stringify(refused));
    await socket.close();

    // Mute is a toggle the customer sees.
    await customer.page.getByRole('button', { name: 'Mute microphone' }).click();
    await customer.page.getByRole('button', { name: 'Unmute microphone' }).waitFor();

    await agentPage.getByRole('button', { name: 'Hang up' }).click();
    await customer.page.getByRole('button', { name: 'Start a video call' }).waitFor();
    await customer.page.getByText(/^Video call ended \(\d+:\d\d\)$/).last().waitFor();
    await agentPage.getByText(/^Video call ended \(\d+:\d\d\)$/).last().waitFor();
    const lines = await transcript(customer.interactionId);
    assert.ok(lines.includes('Video call started'), lines.join(' | '));
    assert.ok(lines.some((line) => /^Video call ended \(\d+:\d\d\)$/.test(line)), lines.join(' | '));

    // The agent calls back by voice; the customer declines.
    await agentPage.getByRole('button', { name: 'Start a voice call' }).click();
    await customer.page.getByText('Voice call from Alex Agent', { exact: true }).last().waitFor();
    await customer.page.getByRole('button', { name: 'Decline call' }).click();
    await customer.page.getByText('Call declined', { exact: true }).last().waitFor();
    await until('the declined call in the transcript', async () => (await transcript(customer.interactionId)).includes('Call declined'));
  });

  it('a supervisor watches the agent’s screen live, the agent is told, and the audit log keeps it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, base, 'supervisor@parley.local', 'parley-supervisor');
    await page.waitForURL('**/dashboard');
    await page.getByRole('button', { name: 'Screen monitoring of Alex Agent' }).click();
    await page.getByRole('heading', { name: 'Screen of Alex Agent' }).waitFor();
    await agentPage.getByRole('status').filter({ hasText: 'Your screen is being monitored by Sam Supervisor' }).waitFor();

    const watched = await waitForReceivedMedia(page, { audio: false, video: true }, 30_000);
    onVethOnly(watched);
    const screen = await page.getByLabel('Screen of Alex Agent', { exact: true }).and(page.locator('video')).elementHandle();
    await page.waitForFunction((video) => video instanceof HTMLVideoElement && video.videoWidth > 0, screen);
    await screenshot(page, 'media-supervisor-screen');
    await screenshot(agentPage, 'media-agent-monitored');

    await page.getByRole('button', { name: 'Stop monitoring' }).click();
    await agentPage.getByText('Your screen is being monitored by Sam Supervisor').waitFor({ state: 'detached' });
    const actions = await until('the monitoring in the audit log', async () => {
      const log = (await ok<{ auditLog: { action: string }[] }>(api.url, '{ auditLog(first: 50) { action } }', {}, { token: admin })).auditLog.map((entry) => entry.action);
      return log.includes('SCREEN_MONITORING_ENDED') ? log : undefined;
    });
    assert.ok(actions.includes('SCREEN_MONITORING_STARTED'));
    await context.close();
  });
});
