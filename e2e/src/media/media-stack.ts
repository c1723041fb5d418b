import assert from 'node:assert/strict';
import { createTestDatabase, freePort, startApi, TEST_REDIS_URL, type ApiProcess } from '@parley/api/testing/api-process';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Browser, Page } from 'playwright-core';
import { signIn, until } from '../stack';
import { TestSite, type Campaign } from '../widget-harness';
import { launchMediaChromium, receivedMedia, type ReceivedMedia } from './media-browser';
import { createNetworkNamespace, type NetworkNamespace } from './network-namespace';

/**
 * A whole Parley with calls on, reachable only over a veth pair: the API and
 * its embedded Janus in the host namespace (Janus gathering ICE candidates on
 * the host's veth only), the customer's site on the same address, and
 * Chromium with fake devices inside the namespace. Fails, never skips, when
 * this machine cannot create a namespace (root, iproute2) or has no Janus.
 */
export interface MediaStack {
  readonly namespace: NetworkNamespace;
  readonly api: ApiProcess;
  /** The API's origin as the browser reaches it: http://<host veth address>:<port>. */
  readonly base: string;
  readonly site: TestSite;
  readonly browser: Browser;
  /** An admin session, for campaigns, transcripts and the audit log. */
  readonly admin: string;
  /** The demo campaign (media on, open around the clock). */
  readonly demo: Campaign;
  stop(): Promise<void>;
}

export async function startMediaStack(): Promise<MediaStack> {
  const teardown: (() => Promise<unknown>)[] = [];
  const stop = async (): Promise<void> => {
    // Everything is stopped even when one step fails, the namespace last.
    const failures = [];
    for (const step of teardown.reverse()) failures.push(await step().then(() => undefined, (error: unknown) => error));
    const failure = failures.find(Boolean);
    if (failure) throw failure;
  };
  try {
    const namespace = await createNetworkNamespace();
    teardown.push(() => namespace.remove());
    const db = await createTestDatabase();
    teardown.push(() => db.drop());
    // The API listens on every address; the browser and the embed code use the veth one.
    const port = await freePort();
    const base = `http://${namespace.hostAddress}:${port}`;
    const api = await startApi({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      media: true,
      env: { PARLEY_DEMO: '1', PORT: String(port), HOST: '0.0.0.0', PUBLIC_URL: base, JANUS_ICE_INTERFACES: namespace.hostInterface },
    });
    teardown.push(() => api.stop());
    const site = await TestSite.start(base, namespace.hostAddress);
    teardown.push(() => site.stop());
    const browser = await launchMediaChromium(namespace, { secureOrigins: [base, site.url] });
    teardown.push(() => browser.close());
    const admin = await login(api.url, 'admin@parley.local', 'parley-admin');
    const demo = (await ok<{ campaigns: Campaign[] }>(api.url, '{ campaigns { id key embedCode } }', {}, { token: admin })).campaigns[0];
    assert.ok(demo, 'the demo campaign');
    return { namespace, api, base, site, browser, admin, demo, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A console page of its own, signed in as `email`, on the page signing in leads to. */
export async function consolePage(stack: MediaStack, email: string, password: string, landing: string): Promise<Page> {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[console page error, ${email}]`, error.message));
  await signIn(page, stack.base, email, password);
  await page.waitForURL(`**${landing}`);
  return page;
}

/** An agent signed in to the console and available for chats. */
export async function availableAgent(stack: MediaStack, email = 'agent1@parley.local'): Promise<Page> {
  const page = await consolePage(stack, email, 'parley-agent', '/workspace');
  const state = page.getByLabel('Your state');
  await state.selectOption('AVAILABLE');
  await until('the agent is available', async () => (await state.inputValue()) === 'AVAILABLE' && !(await state.isDisabled()));
  return page;
}

/** Media flows only between the two ends of the veth pair: nothing over loopback or any other interface. */
export function assertOnVethOnly(namespace: NetworkNamespace, media: ReceivedMedia): void {
  assert.ok(media.routes.length > 0, 'a selected candidate pair');
  for (const route of media.routes) assert.deepEqual(route, { local: namespace.innerAddress, remote: namespace.hostAddress });
}

/** Received bytes of the given kinds keep growing: the media is live, not a burst at the start. */
export async function stillReceiving(page: Page, before: ReceivedMedia, kinds: { audio: boolean; video: boolean }): Promise<ReceivedMedia> {
  return until('more bytes received', async () => {
    const now = await receivedMedia(page);
    return (!kinds.audio || now.audioBytes > before.audioBytes) && (!kinds.video || now.videoBytes > before.videoBytes) && now;
  });
}

/** Waits until the page has no open peer connection left: it has left the call or stopped watching. */
export async function noMediaLeft(page: Page, who: string): Promise<void> {
  await until(`${who} to close its peer connections`, async () => (await receivedMedia(page)).connections === 0);
}

/** What a number of bytes reads like in a report. */
export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
