import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { AgentDriver, eventually } from './widget-agent';
import { createCampaign, seriousViolations, startWidgetStack, widgetSession, type WidgetStack, widgetScreenshot } from './widget-harness';

/** axe-core finds no serious or critical violation in the widget's current state. */
async function accessible(page: Page, state: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `accessibility of the ${state} state`);
}

/** A customer's chat started through the API, as another visitor's widget would. */
async function apiCustomer(stack: WidgetStack, name: string): Promise<{ id: string; token: string }> {
  const { startChat } = await ok<{ startChat: { token: string; interaction: { id: string } } }>(
    stack.api.url,
    'mutation($input: StartChatInput!) { startChat(input: $input) { token interaction { id } } }',
    { input: { campaignKey: stack.demo.key, name } },
  );
  return { id: startChat.interaction.id, token: startChat.token };
}

describe('widget: every state, by keyboard and screen reader', () => {
  let stack: WidgetStack;
  let agent: AgentDriver;

  before(async () => {
    stack = await startWidgetStack();
    agent = await AgentDriver.signIn(stack.api.url);
  });
  after(async () => {
    agent?.stop();
    await stack?.stop();
  });

  it('waits in the queue with its place and an estimate updated live, then chats, by keyboard alone', async () => {
    // The only agent is busy with three chats (the campaign's maximum) and one more customer waits first.
    await agent.setState('AVAILABLE');
    const busy = [await apiCustomer(stack, 'Busy one'), await apiCustomer(stack, 'Busy two'), await apiCustomer(stack, 'Busy three')];
    for (const chat of busy) await agent.answer(chat.id);
    const ahead = await apiCustomer(stack, 'Ahead in line');

    const { context, page, violations } = await stack.site.open(stack.browser, stack.demo);
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
    await accessible(page, 'closed');
    // Keyboard only: Tab reaches the launcher, Enter opens, focus lands in the form.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByLabel('Name').waitFor();
    await eventually('focus in the name field', () => page.getByLabel('Name').evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input));
    await page.keyboard.press('Enter');
    await page.getByText('Please enter your name.').waitFor();
    await accessible(page, 'pre-chat with errors');
    await page.keyboard.type('Quinn Queue');
    await page.keyboard.press('Enter');

    await page.getByText('You are number 2 in line').waitFor();
    await page.getByText(/^Estimated wait: about \d+ minutes?$/).waitFor();
    await page.getByText('Waiting for an agent').waitFor();
    await widgetScreenshot(page, 'widget-waiting');
    await accessible(page, 'waiting');

    // The customer ahead leaves: the place updates by itself.
    await ok(stack.api.url, 'mutation($id: ID!) { leaveChat(interactionId: $id) { id } }', { id: ahead.id }, { token: ahead.token });
    await page.getByText('You are next in line').waitFor();
    // Escape closes the panel and gives focus back to the launcher; the chat goes on.
    await page.keyboard.press('Escape');
    await page.getByText('You are next in line').waitFor({ state: 'detached' });
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    assert.equal(await launcher.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button), true);
    await page.keyboard.press('Enter');
    await page.getByText('You are next in line').waitFor();

    // A slot frees up: the chat is answered.
    await agent.close(busy[0]?.id ?? '');
    await page.getByText('Chatting with Alex Agent').waitFor();
    const interactionId = (await widgetSession(page, stack.demo))?.interactionId ?? '';
    await agent.answer(interactionId);
    await agent.send(interactionId, 'Thanks for waiting!');
    await page.locator('parley-widget .bubble').filter({ hasText: 'Thanks for waiting!' }).waitFor();
    await eventually('the typing indicator', async () => {
      await agent.typing(interactionId, true);
      return page.getByText('Alex Agent is typing…').isVisible();
    });
    await accessible(page, 'chatting, with the agent typing');

    // The emoji picker, by keyboard.
    await page.getByRole('button', { name: 'Add an emoji' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Add an emoji' }).waitFor();
    await accessible(page, 'emoji picker');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const box = page.getByRole('textbox', { name: 'Write a message' });
    await eventually('the emoji in the focused message box', async () => (await box.inputValue()).length > 0 && (await box.evaluate((element) => (element.getRootNode() as ShadowRoot).activeElement === element)));
    await page.keyboard.type(' Great');
    await page.keyboard.press('Enter');
    await eventually('the message at the agent', async () => (await agent.messages(interactionId)).some((message) => message.text?.endsWith(' Great')));

    // The customer leaves: confirmation, then the chat's end and the feedback form.
    await page.getByRole('button', { name: 'End chat' }).click();
    await page.getByRole('group', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
    await page.getByText('You left the chat.').waitFor();
    await page.getByRole('group', { name: 'How did we do?' }).waitFor();
    await accessible(page, 'ended, with the feedback form');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Please choose 1 to 5 stars.').waitFor();
    await page.getByRole('radio', { name: '5 stars out of 5' }).check();
    await page.getByLabel('Anything to add?').fill('Quick and kind.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    await accessible(page, 'feedback sent');
    const { interaction } = await ok<{ interaction: { feedback: { rating: number; note: string } } }>(stack.api.url, 'query($id: ID!) { interaction(id: $id) { feedback { rating note } } }', { id: interactionId }, { token: stack.admin });
    assert.deepEqual(interaction.feedback, { rating: 5, note: 'Quick and kind.' });

    // A new chat, as the same visitor: the form again, filled in.
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    assert.equal(await page.getByLabel('Name').inputValue(), 'Quinn Queue');
    assert.deepEqual(await violations(), []);
    for (const chat of busy.slice(1)) await agent.close(chat.id);
    await context.close();
  });

  it('says when nobody can answer, in the campaign’s words, and lets the customer try again', async () => {
    await agent.setState('OFFLINE');
    const { context, page } = await stack.site.open(stack.browser, stack.demo, { lang: 'es' });
    await page.getByRole('button', { name: 'Chatea con nosotros' }).click();
    await page.getByLabel('Nombre').fill('Nadia');
    await page.getByRole('button', { name: 'Iniciar chat' }).click();
    await page.getByText('Todos nuestros agentes están ocupados. Inténtalo de nuevo en unos minutos.').waitFor();
    await widgetScreenshot(page, 'widget-not-available');
    await accessible(page, 'not available');
    await page.getByRole('button', { name: 'Intentar de nuevo' }).click();
    assert.equal(await page.getByLabel('Nombre').inputValue(), 'Nadia');
    await context.close();
  });

  it('out of hours shows the out-of-time message once and takes an offline message, with a clear confirmation', async () => {
    const closed = await createCampaign(stack, { name: 'Night desk', schedule: { timezone: 'UTC', ranges: [], exceptions: [] } });
    const { context, page, violations } = await stack.site.open(stack.browser, closed);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const outOfTime = 'We are closed right now. Leave us a message and we will write back.';
    await page.getByText(outOfTime).waitFor();
    await page.getByText('We are closed now').waitFor();
    assert.equal(await page.getByText(outOfTime).count(), 1);
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Please write your message.').waitFor();
    await page.getByText('Please enter your email.').waitFor();
    await page.getByLabel('Name').fill('Olga Owl');
    await page.getByLabel('Email').fill('olga@example.com');
    await page.getByLabel('Message').fill('Do you ship to Iceland?');
    await widgetScreenshot(page, 'widget-offline-form');
    await accessible(page, 'offline form');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Thanks, Olga Owl! We got your message.').waitFor();
    await page.getByText('We will reply to olga@example.com.').waitFor();
    await widgetScreenshot(page, 'widget-offline-sent');
    await accessible(page, 'offline message sent');
    const { interactions } = await ok<{ interactions: { edges: { node: { state: string; messages: { text: string }[] } }[] } }>(
      stack.api.url,
      'query($c: ID!) { interactions(filter: { campaignId: $c }) { edges { node { state messages { text } } } } }',
      { c: closed.id },
      { token: stack.admin },
    );
    assert.deepEqual(interactions.edges.map((edge) => [edge.node.state, edge.node.messages.map((message) => message.text)]), [['OFFLINE_MESSAGE', ['Do you ship to Iceland?']]]);
    assert.deepEqual(await violations(), []);
    await context.close();
  });
});
