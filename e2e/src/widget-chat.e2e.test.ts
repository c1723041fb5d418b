import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type AgentDriver, eventually } from './widget-agent';
import { widgetSession, type WidgetStack, widgetScreenshot, withAvailableAgent } from './widget-harness';

/** What the customer must see, word for word, in each language (the campaign's texts come from the demo data). */
const LANGUAGES = [
  {
    lang: 'en',
    how: { locale: 'en-US' },
    launcher: 'Chat with us',
    welcome: 'Hi! How can we help you today?',
    name: 'Name',
    email: 'Email',
    start: 'Start chat',
    nameRequired: 'Please enter your name.',
    emailInvalid: 'Please enter a valid email, like name@example.com.',
    chatting: 'Chatting with Alex Agent',
    typing: 'Alex Agent is typing…',
    message: 'Write a message',
    send: 'Send',
    read: 'Read',
    ended: 'The chat has ended.',
    feedback: 'How did we do?',
    stars: '4 stars out of 5',
    sendFeedback: 'Send feedback',
    thanks: 'Thank you for your feedback!',
  },
  {
    lang: 'es',
    how: { locale: 'en-US', lang: 'es' as const },
    launcher: 'Chatea con nosotros',
    welcome: '¡Hola! ¿En qué podemos ayudarte hoy?',
    name: 'Nombre',
    email: 'Correo electrónico',
    start: 'Iniciar chat',
    nameRequired: 'Escribe tu nombre.',
    emailInvalid: 'Escribe un correo válido, como nombre@ejemplo.com.',
    chatting: 'Hablando con Alex Agent',
    typing: 'Alex Agent está escribiendo…',
    message: 'Escribe un mensaje',
    send: 'Enviar',
    read: 'Leído',
    ended: 'El chat ha terminado.',
    feedback: '¿Qué tal lo hicimos?',
    stars: '4 estrellas de 5',
    sendFeedback: 'Enviar valoración',
    thanks: '¡Gracias por tu valoración!',
  },
  {
    lang: 'pt',
    how: { locale: 'pt-BR' },
    launcher: 'Fale conosco',
    welcome: 'Olá! Como podemos ajudar hoje?',
    name: 'Nome',
    email: 'E-mail',
    start: 'Iniciar conversa',
    nameRequired: 'Digite seu nome.',
    emailInvalid: 'Digite um e-mail válido, como nome@exemplo.com.',
    chatting: 'Conversando com Alex Agent',
    typing: 'Alex Agent está digitando…',
    message: 'Escreva uma mensagem',
    send: 'Enviar',
    read: 'Lida',
    ended: 'A conversa foi encerrada.',
    feedback: 'Como foi o atendimento?',
    stars: '4 estrelas de 5',
    sendFeedback: 'Enviar avaliação',
    thanks: 'Obrigado pela sua avaliação!',
  },
] as const;

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('parley-widget')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return active?.getAttribute('aria-label') ?? (active?.id ? active.getRootNode() instanceof ShadowRoot && (active.getRootNode() as ShadowRoot).querySelector(`label[for="${active.id}"]`)?.textContent : null) ?? active?.tagName ?? null;
  });

/** A message bubble in the widget's thread (the live region repeats texts for screen readers). */
export const bubble = (page: Page, text: string) => page.locator('parley-widget .bubble').filter({ hasText: text });

describe('widget: a customer chats with an agent', () => {
  let stack: WidgetStack;
  let agent: AgentDriver;

  withAvailableAgent((ready) => ({ stack, agent } = ready));

  for (const text of LANGUAGES) {
    it(`in ${text.lang}: pre-chat form, chat with typing and read marks both ways, feedback`, async () => {
      const { context, page, violations } = await stack.site.open(stack.browser, stack.demo, text.how);
      const launcher = page.getByRole('button', { name: text.launcher });
      await launcher.waitFor();
      assert.equal(await launcher.evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(37, 99, 235)');
      if (text.lang === 'en') await widgetScreenshot(page, 'widget-closed');

      // Opening moves focus into the panel; the pre-chat form checks its fields inline, in the customer's language.
      await launcher.click();
      await page.getByText(text.welcome).waitFor();
      assert.equal(await focusedLabel(page), text.name);
      await page.getByRole('button', { name: text.start }).click();
      await page.getByText(text.nameRequired).waitFor();
      assert.equal(await page.getByLabel(text.name).getAttribute('aria-invalid'), 'true');
      await page.getByLabel(text.name).fill(`Ana ${text.lang}`);
      await page.getByLabel(text.email).fill('ana@');
      await page.getByRole('button', { name: text.start }).click();
      await page.getByText(text.emailInvalid).waitFor();
      assert.equal(await page.getByText(text.nameRequired).count(), 0);
      await page.getByLabel(text.email).fill(`ana.${text.lang}@example.com`);
      await page.getByLabel('Order number').fill('A-1001');
      if (text.lang === 'en') await widgetScreenshot(page, 'widget-prechat');
      await page.getByRole('button', { name: text.start }).click();

      // The agent has it at once (available, free): the campaign's automatic message, then the agent's name.
      await page.getByText(text.chatting).waitFor();
      const interactionId = (await widgetSession(page, stack.demo))?.interactionId;
      assert.ok(interactionId);
      await agent.answer(interactionId);
      await bubble(page, 'Hello, I am here to help.').waitFor();
      assert.equal(await focusedLabel(page), text.message);

      // Typing, both ways.
      const customerTyping = agent.watchTyping(interactionId);
      // Typing signals are not stored: sent until the widget's live subscription shows them, as a typing agent would.
      await eventually('the typing indicator', async () => {
        await agent.typing(interactionId, true);
        return page.getByText(text.typing).isVisible();
      });
      if (text.lang === 'en') await widgetScreenshot(page, 'widget-typing');
      await agent.send(interactionId, `Which size, Ana? (${text.lang})`);
      await bubble(page, `Which size, Ana? (${text.lang})`).waitFor();
      await page.getByText(text.typing).waitFor({ state: 'detached' });
      // Announced to screen readers.
      await eventually('the announcement', async () => (await page.locator('parley-widget [aria-live=polite]').innerText()).includes(`Which size, Ana? (${text.lang})`));

      const box = page.getByRole('textbox', { name: text.message });
      await box.pressSequentially('Medium, ');
      await eventually('the typing signal', async () => {
        for (;;) {
          const event = await customerTyping.next(10_000);
          if (event.data?.typing.sender.kind === 'CONTACT' && event.data.typing.typing) return true;
        }
      });
      await box.pressSequentially('please https://example.com/size-guide');
      await page.getByRole('button', { name: text.send }).click();
      const sent = page.locator('parley-widget .own').filter({ hasText: 'Medium, please' });
      await sent.waitFor();
      // Links made safe: http(s) only, opened apart from the page.
      const link = sent.getByRole('link', { name: 'https://example.com/size-guide' });
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await link.getAttribute('target'), '_blank');
      await sent.locator('[data-delivery=sent]').waitFor();

      // The agent sees it once; their read mark reaches the widget; the widget marks what the customer saw.
      const received = await eventually('the customer message at the agent', async () => (await agent.messages(interactionId)).filter((message) => message.text?.startsWith('Medium, please')));
      assert.equal(received.length, 1);
      await agent.markRead(interactionId, received[0]?.seq ?? 0);
      await sent.locator('[data-delivery=read]').waitFor();
      assert.ok(await sent.getByText(text.read).count());
      await eventually('the customer read mark', async () => (await agent.contactReadSeq(interactionId)) >= (received[0]?.seq ?? 0) - 1);
      if (text.lang === 'en') await widgetScreenshot(page, 'widget-chatting');

      // The agent closes: the campaign's feedback message and the rating form, then thanks.
      await agent.close(interactionId);
      await page.getByText(text.ended).waitFor();
      await page.getByRole('group', { name: text.feedback }).waitFor();
      assert.equal(await page.locator('parley-widget .system').filter({ hasText: text.feedback }).count(), 0, 'the feedback message is shown once');
      if (text.lang === 'en') await widgetScreenshot(page, 'widget-feedback');
      await page.getByRole('radio', { name: text.stars }).check();
      await page.getByRole('button', { name: text.sendFeedback }).click();
      await page.getByText(text.thanks).waitFor();
      assert.deepEqual(await violations(), []);
      await context.close();
    });
  }
});
