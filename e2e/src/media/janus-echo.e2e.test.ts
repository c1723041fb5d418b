import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startJanus, type JanusServer } from './janus-server';
import { startEchoCall, startJanusTestSite, type JanusTestSite } from './janus-test-site';
import { launchMediaChromium, waitForReceivedMedia } from './media-browser';
import { createNetworkNamespace, type NetworkNamespace } from './network-namespace';

/**
 * The media harness carries real WebRTC media: Chromium inside a network namespace calls Janus'
 * EchoTest in the host namespace over the veth pair, with fake devices, and its peer connection
 * receives audio and video back, over the veth addresses and nothing else.
 */
describe('media harness: a Janus EchoTest call from Chromium in a network namespace', () => {
  let namespace: NetworkNamespace;
  let janus: JanusServer;
  let site: JanusTestSite;
  let browser: Browser;
  const teardown: (() => Promise<unknown>)[] = [];

  before(async () => {
    namespace = await createNetworkNamespace();
    teardown.push(() => namespace.remove());
    janus = await startJanus({ address: namespace.hostAddress, iceInterface: namespace.hostInterface, plugins: ['echotest'] });
    teardown.push(() => janus.stop());
    site = await startJanusTestSite(namespace.hostAddress);
    teardown.push(() => site.stop());
    browser = await launchMediaChromium(namespace, { secureOrigins: [site.url] });
    teardown.push(() => browser.close());
  });

  after(async () => {
    // Everything is torn down even when a step fails, the namespace last.
    const failures = [];
    for (const step of teardown.reverse()) failures.push(await step().then(() => undefined, (error: unknown) => error));
    const failure = failures.find(Boolean);
    if (failure) throw failure;
  });

  /** Calls the EchoTest from the page and checks what comes back; a failure carries the end of Janus' log. */
  async function assertEchoed(page: Page, source: 'camera' | 'screen'): Promise<void> {
    await echoed(page, source).catch((error: Error) => {
      error.message += `\nJanus log:\n${janus.log().split('\n').slice(-40).join('\n')}`;
      throw error;
    });
  }

  async function echoed(page: Page, source: 'camera' | 'screen'): Promise<void> {
    await startEchoCall(page, janus.webSocketUrl, source);
    const media = await waitForReceivedMedia(page, { audio: true, video: true });
    assert.ok(media.audioBytes > 0 && media.videoBytes > 0, JSON.stringify(media));
    // Only between the two ends of the veth pair: nothing over loopback or any other interface.
    assert.ok(media.routes.length > 0, 'a selected candidate pair');
    for (const route of media.routes) assert.deepEqual(route, { local: namespace.innerAddress, remote: namespace.hostAddress });
    // What a person would notice: the echoed picture plays.
    const video = await page.getByLabel('Echo').elementHandle();
    await page.waitForFunction((element) => element instanceof HTMLVideoElement && element.videoWidth > 0 && element.currentTime > 0, video, { timeout: 20_000 });
  }

  it('echoes the fake camera and microphone: audio and video bytes received', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await assertEchoed(page, 'camera');
    await page.context().close();
  });

  it('echoes a fake screen shared through getDisplayMedia, which needs no user gesture', async () => {
    const context = await browser.newContext();
    // As the console will: share the screen from code, before anybody touched the page.
    await context.addInitScript(() => {
      const activated = navigator.userActivation.hasBeenActive;
      (window as unknown as { shareAtLoad: Promise<unknown> }).shareAtLoad = navigator.mediaDevices
        .getDisplayMedia({ video: true })
        .then((stream) => ({ activated, surface: stream.getVideoTracks()[0]?.getSettings().displaySurface }), (error: Error) => ({ activated, error: error.name }));
    });
    const page = await context.newPage();
    await page.goto(site.url);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { shareAtLoad: Promise<unknown> }).shareAtLoad), { activated: false, surface: 'monitor' });

    await assertEchoed(page, 'screen');
    await context.close();
  });
});
