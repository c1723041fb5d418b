import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { type AgentDriver, eventually } from './widget-agent';
import { createCampaign, seriousViolations, widgetSession, type WidgetStack, widgetScreenshot, withAvailableAgent } from './widget-harness';

/** Where an element is and how it looks: what hostile page styles would change. */
const looks = (locator: Locator) =>
  locator.evaluate((element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      box: [box.x, box.y, box.width, box.height].map(Math.round),
      style: ['display', 'position', 'background-color', 'color', 'font-size', 'font-family', 'border-radius', 'padding', 'margin', 'border-top-width'].map((name) => style.getPropertyValue(name)),
    };
  });

describe('widget: on a customer’s site', () => {
  let stack: WidgetStack;
  let agent: AgentDriver;

  withAvailableAgent((ready) => ({ stack, agent } = ready));

  it('gives a clear refusal, not a chat, on a site the campaign does not allow', async () => {
    const elsewhere = await createCampaign(stack, { name: 'Shop only', allowedDomains: ['shop.example.com'] });
    // Listening before the page loads: the widget may warn as soon as it starts.
    let warned = false;
    const { context, page } = await stack.site.open(stack.browser, elsewhere, {
      prepare: async (opened) => opened.on('console', (message) => void (warned ||= message.text().includes('DOMAIN_NOT_ALLOWED'))),
    });
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('alert').getByText('This chat is not available on this website.').waitFor();
    await eventually('the console warning', () => warned);
    assert.equal(await page.getByLabel('Name').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Start chat' }).count(), 0);
    await widgetScreenshot(page, 'widget-refused');
    assert.deepEqual(await seriousViolations(page), []);
    await context.close();
  });

  it('looks exactly the same on a page whose global CSS tries to break it', async () => {
    const measure = async (hostileCss: boolean) => {
      const { context, page } = await stack.site.open(stack.browser, stack.demo, { hostileCss });
      await page.getByRole('button', { name: 'Chat with us' }).click();
      await page.getByTestId('welcome').waitFor();
      // Measured at rest: the mouse off the launcher, the panel's opening animation over.
      await page.mouse.move(0, 0);
      await page.evaluate(() => Promise.all((document.querySelector('parley-widget')?.shadowRoot?.getAnimations() ?? []).map((animation) => animation.finished)));
      const result = {
        host: await looks(page.locator('parley-widget')),
        launcher: await looks(page.getByRole('button', { name: 'Chat with us' })),
        panel: await looks(page.getByRole('dialog')),
        welcome: await looks(page.getByTestId('welcome')),
        name: await looks(page.getByLabel('Name')),
        start: await looks(page.getByRole('button', { name: 'Start chat' })),
        pixels: await page.getByRole('dialog').screenshot({ animations: 'disabled' }),
      };
      if (hostileCss) {
        // The hostile sheet did apply to the page itself.
        assert.equal(await page.locator('body').evaluate((element) => getComputedStyle(element).fontSize), '2px');
        await widgetScreenshot(page, 'widget-hostile-page');
      }
      await context.close();
      return result;
    };
    const clean = await measure(false);
    const hostile = await measure(true);
    const { pixels: cleanPixels, host: cleanHost, ...cleanRest } = clean;
    const { pixels: hostilePixels, host: hostileHost, ...hostileRest } = hostile;
    assert.deepEqual(hostileRest, cleanRest);
    assert.deepEqual(hostileHost.style, cleanHost.style);
    assert.ok(hostilePixels.equals(cleanPixels), 'the panel renders pixel for pixel the same');
  });

  it('keeps text readable on a light campaign colour', async () => {
    const light = await createCampaign(stack, { name: 'Sunny shop', colour: '#FDE047' });
    const { context, page } = await stack.site.open(stack.browser, light);
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.click();
    await page.getByTestId('welcome').waitFor();
    assert.equal(await launcher.evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(253, 224, 71)');
    assert.equal(await launcher.evaluate((element) => getComputedStyle(element).color), 'rgb(17, 24, 39)');
    assert.equal(await page.getByRole('heading', { name: 'Sunny shop' }).evaluate((element) => getComputedStyle(element).color), 'rgb(17, 24, 39)');
    assert.deepEqual(await seriousViolations(page), []);
    await widgetScreenshot(page, 'widget-light-colour');
    await context.close();
  });

  it('is driven by the page through window.Parley: open, close, language and events', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo);
    await page.waitForFunction(() => 'Parley' in window);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const parley = (window as unknown as { Parley: { on(event: string, listener: (detail: unknown) => void): () => void } }).Parley;
      for (const event of ['open', 'close', 'chatStarted', 'message', 'chatEnded']) parley.on(event, (detail) => seen.push(`${event}${detail && typeof detail === 'object' && 'sender' in detail ? `:${String(detail.sender)}` : ''}`));
      // A listener that throws must not break the widget.
      parley.on('open', () => {
        throw new Error('a broken listener');
      });
    });
    const call = (script: string) => page.evaluate(script);
    const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    await call('Parley.open()');
    await page.getByTestId('welcome').waitFor();
    await call("Parley.setLanguage('pt')");
    await page.getByText('Olá! Como podemos ajudar hoje?').waitFor();
    await page.getByRole('button', { name: 'Fale conosco' }).waitFor();
    await call("Parley.setLanguage('en')");
    await page.getByText('Hi! How can we help you today?').waitFor();
    await page.getByLabel('Name').fill('Ada API');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByText('Chatting with Alex Agent').waitFor();
    const interactionId = (await widgetSession(page, stack.demo))?.interactionId ?? '';
    await agent.answer(interactionId);
    await agent.close(interactionId);
    await page.getByText('The chat has ended.').waitFor();
    await call('Parley.close()');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // The closing text and the end of the chat come on separate streams: either may be heard first.
    const events = await seen();
    assert.deepEqual([...events.slice(0, 3), ...events.slice(3, 5).sort(), ...events.slice(5)], ['open', 'chatStarted', 'message:AGENT', 'chatEnded', 'message:SYSTEM', 'close']);
    await context.close();
  });

  it('shows the launcher before anything else has loaded', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { context, page } = await stack.site.open(stack.browser, stack.demo, {
      prepare: (page) =>
        page.route('**/graphql', async (route) => {
          await held;
          await route.continue();
        }),
    });
    // The campaign's settings are still on their way, and the launcher is there.
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('dialog').getByRole('status').waitFor();
    release();
    await page.getByTestId('welcome').waitFor();
    await context.close();
  });

  it('calls for attention in another tab: a short beep and a count in the title', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo, {
      prepare: (page) =>
        page.addInitScript(() => {
          // Count the beep's oscillators; let the test say when the tab is hidden.
          const state = { oscillators: 0, hidden: false };
          (window as unknown as { sound: typeof state }).sound = state;
          const create = AudioContext.prototype.createOscillator;
          AudioContext.prototype.createOscillator = function (this: AudioContext) {
            state.oscillators += 1;
            return create.call(this);
          };
          Object.defineProperty(document, 'hidden', { get: () => state.hidden });
        }),
    });
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        (window as unknown as { sound: { hidden: boolean } }).sound.hidden = value;
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByLabel('Name').fill('Tabitha');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByText('Chatting with Alex Agent').waitFor();
    const interactionId = (await widgetSession(page, stack.demo))?.interactionId ?? '';
    await agent.answer(interactionId);
    await page.locator('parley-widget .bubble').filter({ hasText: 'Hello, I am here to help.' }).waitFor();

    await setHidden(true);
    await agent.send(interactionId, 'Are you still there?');
    await page.waitForFunction(() => document.title === '(1) Northwind Outfitters');
    await agent.send(interactionId, 'Your order has shipped.');
    await page.waitForFunction(() => document.title === '(2) Northwind Outfitters');
    assert.ok((await page.evaluate(() => (window as unknown as { sound: { oscillators: number } }).sound.oscillators)) >= 2, 'a beep per message');
    await setHidden(false);
    await page.waitForFunction(() => document.title === 'Northwind Outfitters');
    // Read once seen: the agent's read mark covers them.
    await eventually('the read mark', async () => (await agent.contactReadSeq(interactionId)) >= Math.max(...(await agent.messages(interactionId)).map((message) => message.seq)));
    await agent.close(interactionId);
    await context.close();
  });

  it('fills a phone screen, with the message box in view', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo, { viewport: { width: 390, height: 844 } });
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByLabel('Name').fill('Mo Bile');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByText('Chatting with Alex Agent').waitFor();
    const interactionId = (await widgetSession(page, stack.demo))?.interactionId ?? '';
    await agent.answer(interactionId);
    await agent.send(interactionId, 'Hi from the agent, on your phone');
    await page.getByText('Hi from the agent, on your phone', { exact: true }).waitFor();
    assert.deepEqual((await looks(page.getByRole('dialog'))).box, [0, 0, 390, 844]);
    const box = await page.getByRole('textbox', { name: 'Write a message' }).boundingBox();
    assert.ok(box && box.y + box.height <= 844, `the message box is on screen: ${JSON.stringify(box)}`);
    assert.equal(await page.getByRole('button', { name: 'Chat with us' }).isVisible(), false, 'the launcher hides behind the full-screen panel');
    await widgetScreenshot(page, 'widget-mobile');
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('button', { name: 'Minimize chat' }).click();
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
    await agent.close(interactionId);
    await context.close();
  });
});
