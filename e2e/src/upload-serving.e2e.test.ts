import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import { startCustomerChat, startDemoStack, type DemoStack } from './stack';

/** A PNG's signature, then bytes that are no markup: the upload declares it an HTML page. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

/**
 * Files are served from the console's own origin (`/uploads/...`). Opened
 * top-level in a browser, a stored file must never be a page of that origin:
 * it is its sniffed type, in a sandbox (an opaque origin with no script, and
 * no reach into the console's storage).
 */
describe('stored files opened in the browser', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('open as their sniffed type in an opaque origin, never as a page of the console’s origin', async () => {
    const demo = await (await fetch(`${stack.api.url}/demo`)).text();
    const campaignKey = /data-campaign="([A-Za-z0-9_-]+)"/.exec(demo)?.[1] as string;
    // A demo agent takes chats, so the customer's stays open.
    const agent = await login(stack.api.url, 'agent1@parley.local', 'parley-agent');
    await ok(stack.api.url, 'mutation { setAgentState(state: AVAILABLE) { state } }', {}, { token: agent });
    const customer = await startCustomerChat(stack.api.url, { campaignKey, name: 'Paula Polyglot' });
    const form = new FormData();
    form.set('interactionId', customer.interactionId);
    form.set('file', new Blob([new Uint8Array(PNG)], { type: 'text/html' }), 'page.html');
    const stored = await fetch(`${stack.api.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${customer.token}` } });
    assert.equal(stored.status, 201);
    const { url } = (await stored.json()) as { url: string };

    const page = await stack.browser.newPage();
    // The console's origin holds something worth stealing.
    await page.goto(`${stack.api.url}/login`);
    await page.evaluate(() => localStorage.setItem('parley-probe', 'console secret'));
    await page.goto(`${stack.api.url}${new URL(url).pathname}?token=${customer.token}`);
    const seen = await page.evaluate(() => {
      let storage: string;
      try {
        storage = String(localStorage.getItem('parley-probe'));
      } catch (error) {
        storage = (error as Error).name;
      }
      return { origin: window.origin, contentType: document.contentType, storage };
    });
    assert.deepEqual(seen, { origin: 'null', contentType: 'image/png', storage: 'SecurityError' });
    await page.close();
  });
});
