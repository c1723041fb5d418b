import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { signIn, startDemoStack, type DemoStack } from './stack';

interface Violation {
  directive: string;
  blocked: string;
}

/** A page that records every CSP violation the browser reports, as events and as console errors. */
async function watchedPage(stack: DemoStack): Promise<{ page: Page; violations: () => Promise<Violation[]>; consoleErrors: string[] }> {
  const page = await stack.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  // Init scripts come from the browser's automation channel, which the page's CSP does not govern.
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string }[] = [];
    (window as unknown as { __cspViolations: typeof seen }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI }));
  });
  const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
  return { page, violations, consoleErrors };
}

describe('security headers in the browser', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('the console loads under its CSP with no violation, signed out and signed in', async () => {
    const { page, violations, consoleErrors } = await watchedPage(stack);
    // A deep link: the console's relative script names resolve through <base href="/">.
    await page.goto(`${stack.api.url}/campaigns/00000000-0000-0000-0000-000000000000`);
    await page.waitForURL('**/login');
    await page.getByLabel('Email').waitFor();
    await screenshot(page, 'security-console-login');
    assert.deepEqual(await violations(), []);

    await signIn(page, stack.api.url, 'admin@parley.local', 'parley-admin');
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    assert.deepEqual(await violations(), []);
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  it('an injected script, inline or from another origin, does not run in the console', async () => {
    const { page, violations } = await watchedPage(stack);
    await page.goto(`${stack.api.url}/login`);
    await page.getByLabel('Email').waitFor();

    await page.addScriptTag({ content: 'window.__injected = "ran";' }).catch(() => undefined);
    assert.equal(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected), undefined);

    // PUBLIC_URL says localhost while the page is at 127.0.0.1: another origin to the browser.
    const foreign = `${stack.api.url.replace('127.0.0.1', 'localhost')}/widget.js`;
    await page.addScriptTag({ url: foreign }).catch(() => undefined);
    // Reports arrive as events, a moment after the refusal: wait for both.
    const inline = (reported: Violation[]) => reported.some((violation) => violation.directive === 'script-src-elem' && violation.blocked === 'inline');
    const fromForeign = (reported: Violation[]) => reported.some((violation) => violation.blocked.startsWith(foreign.replace(/\/widget\.js$/, '')));
    let reported = await violations();
    for (const deadline = Date.now() + 10_000; !(inline(reported) && fromForeign(reported)) && Date.now() < deadline; reported = await violations()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(inline(reported), JSON.stringify(reported));
    assert.ok(fromForeign(reported), JSON.stringify(reported));
    assert.equal(await page.evaluate(() => typeof (window as unknown as { Parley?: unknown }).Parley), 'undefined');
    await page.close();
  });

  it('the GraphQL explorer and the demo page run under their own policies with no violation', async () => {
    const { page, violations, consoleErrors } = await watchedPage(stack);
    await page.goto(`${stack.api.url}/graphql`);
    // A query typed and run in the explorer reaches the API: its CSP's connect-src lets it.
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{ __typename }');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await page.locator('.graphiql-response').getByText('"Query"').waitFor();
    await page.getByLabel('Show Documentation Explorer').click();
    await page.getByText('Root Types').waitFor();
    await screenshot(page, 'security-graphiql');
    assert.deepEqual(await violations(), []);

    await page.goto(`${stack.api.url}/demo`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByTestId('welcome').waitFor();
    assert.deepEqual(await violations(), []);
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });
});
