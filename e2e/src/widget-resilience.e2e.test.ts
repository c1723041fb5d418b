import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { type AgentDriver, eventually } from './widget-agent';
import { widgetSession, type WidgetStack, widgetScreenshot, withAvailableAgent } from './widget-harness';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
/** The message bubble showing exactly `text`. */
const bubble = (page: Page, text: string) => page.locator('parley-widget .bubble').filter({ hasText: exactly(text) });

/** Opens the widget, fills the pre-chat form and waits until the agent has the chat. */
async function startChat(page: Page, stack: WidgetStack, agent: AgentDriver, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Chat with us' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByText('Chatting with Alex Agent').waitFor();
  const interactionId = (await widgetSession(page, stack.demo))?.interactionId;
  assert.ok(interactionId);
  await agent.answer(interactionId);
  return interactionId;
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Write a message' }).fill(text);
  await page.keyboard.press('Enter');
}

/** How many times the agent has `text` from the customer. */
const atAgent = async (agent: AgentDriver, interactionId: string, text: string) => (await agent.messages(interactionId)).filter((message) => message.text === text).length;

describe('widget: the conversation survives reloads, navigation and lost connections', () => {
  let stack: WidgetStack;
  let agent: AgentDriver;

  withAvailableAgent((ready) => ({ stack, agent } = ready));

  it('keeps the conversation across a reload and a navigation to another page of the site', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo);
    const interactionId = await startChat(page, stack, agent, 'Rita Reload');
    await agent.send(interactionId, 'Before the reload');
    await bubble(page, 'Before the reload').waitFor();
    await send(page, 'Mine before the reload');
    await bubble(page, 'Mine before the reload').locator('..').locator('[data-delivery=sent]').waitFor();

    await page.reload();
    // The panel is still open on the same chat: no pre-chat form, the history once, and it goes on.
    await bubble(page, 'Before the reload').waitFor();
    await page.getByText('Chatting with Alex Agent').waitFor();
    assert.equal(await page.getByLabel('Name').count(), 0);
    assert.equal(await bubble(page, 'Mine before the reload').count(), 1);
    await send(page, 'After the reload');
    await eventually('the message after the reload', async () => (await atAgent(agent, interactionId, 'After the reload')) === 1);
    await agent.send(interactionId, 'Seen after the reload');
    await bubble(page, 'Seen after the reload').waitFor();

    await page.goto(stack.site.pageUrl(stack.demo, { path: '/shop/boots' }));
    await bubble(page, 'Seen after the reload').waitFor();
    assert.equal(await bubble(page, 'Before the reload').count(), 1);
    await send(page, 'From the boots page');
    await eventually('the message from the other page', async () => (await atAgent(agent, interactionId, 'From the boots page')) === 1);
    assert.equal((await widgetSession(page, stack.demo))?.interactionId, interactionId);
    await agent.close(interactionId);
    await page.getByText('The chat has ended.').waitFor();

    // Reloaded, an ended chat shows its end and offers a new one, for the same visitor.
    await page.reload();
    await page.getByText('The chat has ended.').waitFor();
    await bubble(page, 'From the boots page').waitFor();
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByText('Chatting with Alex Agent').waitFor();
    const next = (await widgetSession(page, stack.demo))?.interactionId ?? '';
    assert.notEqual(next, interactionId);
    const contacts = await Promise.all(
      [interactionId, next].map(async (id) => (await ok<{ interaction: { contact: { id: string } } }>(stack.api.url, 'query($id: ID!) { interaction(id: $id) { contact { id } } }', { id }, { token: stack.admin })).interaction.contact.id),
    );
    assert.equal(contacts[0], contacts[1], 'the same visitor');
    await agent.answer(next);
    await agent.close(next);
    await context.close();
  });

  it('loses nothing and doubles nothing over a minute offline', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo);
    const interactionId = await startChat(page, stack, agent, 'Otto Offline');
    await agent.send(interactionId, 'Are you there?');
    await bubble(page, 'Are you there?').waitFor();

    const since = Date.now();
    await context.setOffline(true);
    await page.getByText('You are offline. Messages will be sent when you are back.').waitFor();
    await send(page, 'Typed offline, one');
    await send(page, 'Typed offline, two');
    const queued = page.locator('parley-widget [data-delivery=queued]');
    await eventually('both messages queued', async () => (await queued.count()) === 2);
    await agent.send(interactionId, 'Sent while you were offline');
    await widgetScreenshot(page, 'widget-offline-queued');
    // The outbox is in localStorage too, so a reload or a closed tab would not lose it.
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(`parley:${key}:outbox`) ?? '[]').map((entry: { text: string }) => entry.text), stack.demo.key);
    assert.deepEqual(stored, ['Typed offline, one', 'Typed offline, two']);
    // A minute offline (the campaign's auto-finish is two minutes): nothing left the browser in that time, and it stays queued.
    await eventually('a minute offline', async () => Date.now() - since >= 60_000 && (await queued.count()) === 2, 90_000);
    assert.equal(await atAgent(agent, interactionId, 'Typed offline, one'), 0);

    await context.setOffline(false);
    await bubble(page, 'Sent while you were offline').waitFor();
    await eventually('both messages delivered', async () => (await page.locator('parley-widget .own [data-delivery=sent]').count()) === 2);
    await eventually('the agent has both, once each', async () => (await atAgent(agent, interactionId, 'Typed offline, one')) === 1 && (await atAgent(agent, interactionId, 'Typed offline, two')) === 1);
    const order = (await agent.messages(interactionId)).map((message) => message.text);
    assert.ok(order.indexOf('Typed offline, one') < order.indexOf('Typed offline, two'), 'delivered in the order written');
    assert.equal(await bubble(page, 'Sent while you were offline').count(), 1);
    assert.equal(await bubble(page, 'Typed offline, one').count(), 1);
    assert.equal(await bubble(page, 'Are you there?').count(), 1);
    assert.equal(await page.getByText('You are offline').count(), 0);
    assert.equal(await page.evaluate((key) => localStorage.getItem(`parley:${key}:outbox`), stack.demo.key), null);
    await agent.close(interactionId);
    await context.close();
  });

  it('fills a gap in seq, and resumes after the last message seen when the socket drops', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo);
    // Between the page and the API: frames can be lost on the way, and the connection cut.
    let lose: string | undefined;
    const sockets: import('playwright-core').WebSocketRoute[] = [];
    const subscriptions: { query: string; variables: Record<string, unknown> }[] = [];
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      sockets.push(socket);
      const server = socket.connectToServer();
      socket.onMessage((frame) => {
        const message = JSON.parse(String(frame)) as { type: string; payload?: { query: string; variables: Record<string, unknown> } };
        if (message.type === 'subscribe' && message.payload) subscriptions.push(message.payload);
        server.send(frame);
      });
      server.onMessage((frame) => {
        if (lose && String(frame).includes(lose)) lose = undefined;
        else socket.send(frame);
      });
    });
    const interactionId = await startChat(page, stack, agent, 'Gus Gap');
    await agent.send(interactionId, 'Before the gap');
    await bubble(page, 'Before the gap').waitFor();

    lose = 'Lost on the way';
    await agent.send(interactionId, 'Lost on the way');
    await eventually('the frame lost', () => lose === undefined);
    await agent.send(interactionId, 'After the gap');
    // The widget saw seq jump and read the missing message over HTTP: both, once, in order.
    await bubble(page, 'Lost on the way').waitFor();
    await bubble(page, 'After the gap').waitFor();
    const texts = await page.locator('parley-widget .row:not(.own) .bubble').allInnerTexts();
    assert.deepEqual(texts.slice(-3), ['Before the gap', 'Lost on the way', 'After the gap']);

    // The connection is cut: the widget reconnects by itself and resumes after the last seq it has.
    const lastSeq = Math.max(...(await agent.messages(interactionId)).map((message) => message.seq));
    const before = subscriptions.length;
    await sockets[sockets.length - 1]?.close({ code: 4000, reason: 'cut' });
    await agent.send(interactionId, 'While you reconnected');
    await bubble(page, 'While you reconnected').waitFor();
    const resumed = subscriptions.slice(before).find((subscription) => subscription.query.includes('messageAdded'));
    assert.equal(resumed?.variables.afterSeq, lastSeq);
    assert.equal(await bubble(page, 'While you reconnected').count(), 1);
    assert.equal(await bubble(page, 'After the gap').count(), 1);
    await agent.close(interactionId);
    await context.close();
  });

  it('sends what the customer writes over the socket it already holds, not as HTTP requests', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo);
    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/graphql') && /sendMessage/.test(request.postData() ?? '')) posted.push(request.postData() ?? '');
    });
    const framed: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => /sendMessage/.test(String(payload)) && framed.push(String(payload))));
    const interactionId = await startChat(page, stack, agent, 'Sol Socket');
    // The agent's message came over the socket: it is up.
    await agent.send(interactionId, 'The socket is up');
    await bubble(page, 'The socket is up').waitFor();

    await send(page, 'Carried by the socket');
    await bubble(page, 'Carried by the socket').locator('..').locator('[data-delivery=sent]').waitFor();
    assert.equal(await atAgent(agent, interactionId, 'Carried by the socket'), 1);
    assert.deepEqual(posted, [], 'no HTTP request carried the message');
    assert.equal(framed.length, 1);
    assert.match(framed[0] ?? '', /Carried by the socket/);
    await agent.close(interactionId);
    await context.close();
  });

  it('sends over HTTP, in order and once each, when the socket cannot be used', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo, {
      // Every socket to the API is closed as soon as it opens, as by a proxy that does not pass WebSockets.
      prepare: (page) => page.routeWebSocket(/\/graphql$/, (socket) => socket.close({ code: 1011, reason: 'blocked' })),
    });
    const posted: string[] = [];
    page.on('request', (request) => {
      const body = request.postData() ?? '';
      if (request.method() === 'POST' && request.url().endsWith('/graphql') && /sendMessage/.test(body)) posted.push((JSON.parse(body) as { variables: { text: string } }).variables.text);
    });
    const interactionId = await startChat(page, stack, agent, 'Hal Http');
    const texts = ['Over HTTP, one', 'Over HTTP, two', 'Over HTTP, three'];
    for (const text of texts) await send(page, text);
    await eventually('all three sent', async () => (await page.locator('parley-widget .own [data-delivery=sent]').count()) === 3);
    const received = (await agent.messages(interactionId)).map((message) => message.text).filter((text) => text?.startsWith('Over HTTP'));
    assert.deepEqual(received, texts, 'each once, in the order written');
    assert.deepEqual(posted, texts, 'one HTTP request each');
    await agent.close(interactionId);
    await context.close();
  });

  it('sends a message once when the socket drops between the API storing it and its answer', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo);
    // Between the page and the API: the answer to the first message sent is lost, and the connection cut.
    let sendId: string | undefined;
    let cut = false;
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((frame) => {
        const message = JSON.parse(String(frame)) as { id?: string; type: string; payload?: { query: string } };
        if (message.type === 'subscribe' && message.payload?.query.includes('sendMessage')) sendId ??= message.id;
        server.send(frame);
      });
      server.onMessage((frame) => {
        const message = JSON.parse(String(frame)) as { id?: string; type: string };
        if (cut || message.id !== sendId || message.type !== 'next') return socket.send(frame);
        cut = true;
        socket.close({ code: 4000, reason: 'cut' });
      });
    });
    const interactionId = await startChat(page, stack, agent, 'Lou Lost');
    await agent.send(interactionId, 'The socket is up');
    await bubble(page, 'The socket is up').waitFor();

    await send(page, 'Stored, answer lost');
    await eventually('the answer lost', () => cut);
    await send(page, 'After the cut');
    await eventually('both sent', async () => (await page.locator('parley-widget .own [data-delivery=sent]').count()) === 2);
    const received = (await agent.messages(interactionId)).map((message) => message.text).filter((text) => text === 'Stored, answer lost' || text === 'After the cut');
    assert.deepEqual(received, ['Stored, answer lost', 'After the cut'], 'each once, in the order written');
    assert.equal(await bubble(page, 'Stored, answer lost').count(), 1);
    await agent.close(interactionId);
    await context.close();
  });

  it('delivers messages written offline once, from storage, when the tab was closed before the network came back', async () => {
    const { context, page } = await stack.site.open(stack.browser, stack.demo);
    const interactionId = await startChat(page, stack, agent, 'Tess Tabs');
    await context.setOffline(true);
    await page.getByText('You are offline').waitFor();
    await send(page, 'Written before closing the tab');
    await page.locator('parley-widget [data-delivery=queued]').waitFor();
    await page.close();
    await agent.send(interactionId, 'Reply while the tab was closed');

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(stack.site.pageUrl(stack.demo));
    // A new tab starts with the panel closed, the agent's unseen reply counted on the launcher.
    await again.getByRole('button', { name: 'Chat with us, 1 new message' }).click();
    await bubble(again, 'Reply while the tab was closed').waitFor();
    await eventually('the stored message delivered', async () => (await atAgent(agent, interactionId, 'Written before closing the tab')) === 1);
    await again.locator('parley-widget .own [data-delivery=sent]').waitFor();
    assert.equal(await bubble(again, 'Written before closing the tab').count(), 1);
    await agent.close(interactionId);
    await context.close();
  });
});
