import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import { HOSTILE_TEXTS } from '@parley/api/testing/hostile-text';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { signIn, startCustomerChat, startDemoStack, until, type DemoStack } from './stack';

/** A visitor's name (one line, at most 120 characters) with markup, template syntax and a right-to-left override left open. */
const NAME = '<img src=x onerror=alert(1)> {{7*7}} invoice\u202Efdp.exe';
/** The custom field value: Angular's template escape, a zero-width space and an SVG with a handler. */
const CUSTOM = "{{constructor.constructor('alert(1)')()}}\u200B<svg/onload=alert(1)>";
/** The longest line the API takes in one message (5,000 characters), markup repeated with no space to break at. */
const LONG_LINE = '<b>'.repeat(1667).slice(0, 5000);
/** Markup, template syntax, script links, right-to-left overrides and zero-width characters from the shared set. */
const MESSAGES = [...HOSTILE_TEXTS.slice(0, 13), 'See javascript:alert(1) or https://shop.example.com/a?b=<i>1</i>', LONG_LINE];
const CANNED = '{{7*7}} <img src=x onerror=alert(1)> javascript:alert(1) \u202Eevil';
const FILE_NAME = '"><img src=x onerror=alert(1)>{{7*7}}\u202Efdp.exe.pdf';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Every way the hostile text could have turned into markup, script or a link, found in the page or under `scope`. */
async function injections(page: Page, scope: string) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (!root) return { missing: selector };
    const hostileAttributes = Array.from(document.querySelectorAll('*'))
      .filter((element) => Array.from(element.attributes).some((attribute) => /^on/i.test(attribute.name) || /^javascript:/i.test(attribute.value.trim())))
      .map((element) => element.outerHTML.slice(0, 120));
    return {
      images: Array.from(document.images).filter((image) => image.getAttribute('src') === 'x').length,
      scripts: Array.from(document.scripts).filter((script) => /alert/.test(`${script.src} ${script.textContent}`)).length,
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      hostileAttributes,
      markup: root.querySelectorAll('b, i:not(.dots i)').length,
      links: Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]')).map((link) => link.href).filter((href) => !/^(https?|blob):/.test(href)),
    };
  }, scope);
}

const NOTHING_INJECTED = { images: 0, scripts: 0, frames: 0, hostileAttributes: [], markup: 0, links: [] };

/** The page is no wider than the window, and `scope` does not scroll sideways: long lines wrap. */
async function widths(page: Page, scope: string) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)!;
    const beyond = (element: Element) => element.getBoundingClientRect().right > window.innerWidth + 2;
    // The innermost elements reaching past the window: what widened the page, if it is wider.
    const widest = Array.from(document.body.querySelectorAll('*'))
      .filter((element) => beyond(element) && !Array.from(element.children).some(beyond))
      .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}: ${(element.textContent ?? '').slice(0, 30)}`);
    const page = document.scrollingElement!.scrollWidth <= window.innerWidth + 2;
    return { page, scope: root.scrollWidth <= root.clientWidth + 2, widest: page ? [] : widest };
  }, scope);
}

/** The elements under `scope` that hold user text and do not isolate it from the text around them (unicode-bidi). */
async function unisolated(page: Page, scope: string, selectors: string[]): Promise<string[]> {
  return page.evaluate(
    ({ scope: root, selectors: wanted }) =>
      wanted.flatMap((selector) => {
        const found = Array.from(document.querySelectorAll(`${root} ${selector}`));
        if (found.length === 0) return [`${selector}: none found`];
        return found
          .filter((element) => !['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(element).unicodeBidi))
          .map((element) => `${selector}: ${getComputedStyle(element).unicodeBidi} (${element.textContent?.slice(0, 40)})`);
      }),
    { scope, selectors },
  );
}

/**
 * Where `pattern` matches in the text under `locator` (outside the user's text), its first
 * character is drawn left of its last: an override left open in a name beside it did not reverse it.
 */
async function readsLeftToRight(locator: Locator, pattern: RegExp): Promise<boolean> {
  return locator.evaluate(
    (element, source) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const match = new RegExp(source).exec(node.data);
        if (!match) continue;
        const box = (offset: number) => {
          const range = document.createRange();
          range.setStart(node!, offset);
          range.setEnd(node!, offset + 1);
          return range.getBoundingClientRect();
        };
        return box(match.index).left < box(match.index + match[0].length - 1).left;
      }
      throw new Error(`no text matching ${source} in ${element.outerHTML.slice(0, 200)}`);
    },
    pattern.source,
  );
}

/** Every message shows its text exactly as sent. */
async function texts(list: Locator): Promise<string[]> {
  return list.evaluateAll((paragraphs) => paragraphs.map((paragraph) => paragraph.textContent ?? ''));
}

/** Hostile text from a customer stays text, inert and readable, in the agent's workspace, the spy panel and the recording. */
describe('console hostile text journeys', () => {
  let stack: DemoStack;
  let admin: string;
  let campaign: { id: string; key: string };

  before(async () => {
    stack = await startDemoStack();
    admin = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    const { campaigns } = await ok<{ campaigns: { id: string; key: string }[] }>(stack.api.url, '{ campaigns { id key } }', {}, { token: admin });
    campaign = campaigns[0]!;
    await ok(stack.api.url, 'mutation($c: ID!, $t: String!) { createCannedResponse(campaignId: $c, shortcut: "hostile", text: $t) { id } }', { c: campaign.id, t: CANNED }, { token: admin });
  });
  after(async () => {
    await stack?.stop();
  });

  it('keeps hostile names, fields, messages, canned responses and file names as text for the agent and the supervisor', async () => {
    const dialogs: string[] = [];
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    context.on('page', (opened) => opened.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    }));
    const page = await context.newPage();
    await signIn(page, stack.api.url, 'agent1@parley.local', 'parley-agent');
    await page.waitForURL('**/workspace');
    const state = page.getByLabel('Your state');
    await state.selectOption('AVAILABLE');
    await until('the agent is available', async () => (await state.inputValue()) === 'AVAILABLE' && !(await state.isDisabled()));

    // The customer starts a chat with a hostile name and custom field, and writes hostile messages and a file.
    const customer = await startCustomerChat(stack.api.url, { campaignKey: campaign.key, name: NAME, email: 'mallory@example.com', customFieldValue: CUSTOM });
    await until('the chat is answered', async () => (await customer.state()).state === 'ACTIVE');
    for (const text of MESSAGES) await customer.send(text);
    const form = new FormData();
    form.append('interactionId', customer.interactionId);
    form.append('kind', 'FILE');
    form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), FILE_NAME);
    const upload = await fetch(`${stack.api.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${customer.token}` }, body: form });
    assert.ok(upload.ok, await upload.clone().text());
    const { id: attachmentId } = (await upload.json()) as { id: string };
    await ok(stack.api.url, 'mutation($i: ID!, $a: ID) { sendMessage(interactionId: $i, clientId: "customer-file", attachmentId: $a) { seq } }', { i: customer.interactionId, a: attachmentId }, { token: customer.token });

    // The inbox and the header show the name and the field as they were typed.
    const chatLink = page.getByTestId('inbox-chat');
    await chatLink.waitFor();
    assert.equal(await chatLink.locator('.name').textContent(), NAME);
    await chatLink.click();
    const contactName = page.getByTestId('contact-name');
    await contactName.waitFor();
    assert.equal(await contactName.textContent(), NAME);
    assert.equal(await page.getByTestId('custom-field-value').textContent(), CUSTOM);

    // Every message, exactly as sent; the file by its name.
    const messageTexts = page.locator('[data-testid="message"] p.text');
    const customerTexts = page.locator('[data-testid="message"]:not(.mine) p.text');
    await until('every message on screen', async () => (await customerTexts.count()) === MESSAGES.length);
    assert.deepEqual(await texts(customerTexts), MESSAGES);
    assert.ok(MESSAGES.includes('{{7*7}} ${7*7} #{7*7} <%= 7*7 %>') && !(await texts(messageTexts)).some((text) => text.includes('49')), '{{7*7}} is not evaluated');
    const fileLink = page.getByTestId('file-link');
    await fileLink.waitFor();
    // The stored name loses only what file systems refuse ("<>*), and keeps its UTF-8 (the override) intact.
    const fileName = (await customer.messages()).find((message) => message.attachment)!.attachment!.name;
    assert.ok(fileName.includes('img src=x onerror=alert(1){{77}}\u202Efdp.exe'), fileName);
    assert.ok(((await fileLink.textContent()) ?? '').includes(fileName));
    assert.equal(await fileLink.getAttribute('download'), fileName);
    // The https link in a message is a link; the javascript: ones are not.
    const httpLink = page.locator('[data-testid="message"] a[href^="https://shop.example.com/a"]');
    await httpLink.waitFor();
    assert.equal(await httpLink.getAttribute('rel'), 'noopener noreferrer');

    // The agent answers with the hostile canned response, through the composer's suggestions.
    const reply = page.getByRole('combobox', { name: 'Reply' });
    await reply.click();
    await reply.pressSequentially('/hostile');
    await page.getByRole('listbox', { name: 'Canned responses' }).getByRole('option').first().waitFor();
    await reply.press('Enter');
    assert.equal(await reply.inputValue(), CANNED);
    await reply.press('Enter');
    await until('the customer receives the canned answer', async () => (await customer.messages()).find((message) => message.sender.kind === 'AGENT' && message.text === CANNED));
    await until('the canned answer on screen', async () => (await texts(messageTexts)).at(-1) === CANNED);

    // The override in the name does not reverse the words beside it.
    await customer.typing(true);
    const typing = page.locator('p.typing');
    await typing.getByText('is typing…').waitFor();
    assert.ok(await readsLeftToRight(typing, /is typing/), 'the typing line reads left to right');
    assert.deepEqual(await unisolated(page, 'parley-root', ['[data-testid="inbox-chat"] .name', '[data-testid="contact-name"]', '[data-testid="custom-field-value"]', '[data-testid="message"] p.text', '[data-testid="message"] .sender']), []);

    assert.deepEqual(await injections(page, '.messages[role="log"]'), NOTHING_INJECTED);
    assert.deepEqual(await injections(page, 'parley-root'), NOTHING_INJECTED);
    assert.deepEqual(await widths(page, '.messages[role="log"]'), { page: true, scope: true, widest: [] });
    assert.deepEqual([...dialogs], [], 'no dialog opened for the agent');
    await screenshot(page, 'console-hostile-agent');

    // The supervisor spies on the chat: the live transcript holds the same text, inert.
    const supervisorContext = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    supervisorContext.on('page', (opened) => opened.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    }));
    const supervisor = await supervisorContext.newPage();
    await signIn(supervisor, stack.api.url, 'supervisor@parley.local', 'parley-supervisor');
    await supervisor.waitForURL('**/dashboard');
    await supervisor.getByRole('button', { name: 'Web support', exact: true }).click();
    const chip = supervisor.locator('[data-testid="board-agent"][data-agent="Alex Agent"] [data-testid="board-chat"]');
    await chip.waitFor();
    assert.equal(await chip.getAttribute('data-contact'), NAME);
    await chip.getByRole('button', { name: /^Spy on the chat with/ }).click();
    const spy = supervisor.getByTestId('spy-panel');
    await spy.waitFor();
    const spyTexts = spy.locator('[data-testid="spy-message"] p');
    await until('the whole conversation in the spy panel', async () => (await texts(spyTexts)).at(-1) === CANNED);
    assert.deepEqual(await texts(spy.locator('[data-testid="spy-message"]:not(.agent) p')), MESSAGES);
    await spy.getByTestId('file-link').waitFor();
    assert.ok(await readsLeftToRight(spy.getByTestId('spy-message').first().locator('.sender'), /\d\d:\d\d/), 'the time beside the name reads left to right');
    assert.deepEqual(await unisolated(supervisor, '[data-testid="spy-panel"]', ['[data-testid="spy-message"] p', '[data-testid="spy-message"] .sender bdi']), []);
    assert.deepEqual(await injections(supervisor, '[data-testid="spy-transcript"]'), NOTHING_INJECTED);
    assert.deepEqual(await injections(supervisor, 'parley-root'), NOTHING_INJECTED);
    assert.deepEqual(await widths(supervisor, '[data-testid="spy-transcript"]'), { page: true, scope: true, widest: [] });
    await screenshot(supervisor, 'console-hostile-spy');
    await spy.getByRole('button', { name: 'Stop spying' }).click();
    await spy.waitFor({ state: 'detached' });

    // The customer leaves; the recording reads the same.
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: customer.interactionId }, { token: customer.token });
    await supervisor.getByRole('link', { name: 'Recordings' }).click();
    const rows = supervisor.getByTestId('recording-row');
    await until('the conversation is listed', async () => (await rows.count()) === 1);
    assert.ok(((await rows.first().textContent()) ?? '').includes(NAME));
    assert.deepEqual(await injections(supervisor, 'parley-root'), NOTHING_INJECTED);
    await rows.first().getByRole('link').first().click();
    const heading = supervisor.getByTestId('recording-contact');
    await heading.waitFor();
    assert.equal(await heading.textContent(), NAME);
    const transcriptTexts = supervisor.locator('[data-testid="transcript-message"] p');
    await until('the transcript', async () => (await texts(transcriptTexts)).at(-1) === CANNED);
    assert.deepEqual(await texts(supervisor.locator('[data-testid="transcript-message"].contact p')), MESSAGES);
    await supervisor.getByTestId('transcript').getByTestId('file-link').waitFor();
    assert.ok((await texts(supervisor.locator('dd'))).includes(CUSTOM), 'the custom field value as typed');
    assert.ok(await readsLeftToRight(supervisor.getByTestId('transcript-message').first().locator('.sender'), /\d\d:\d\d/), 'the time beside the name reads left to right');
    assert.deepEqual(await unisolated(supervisor, 'parley-root', ['[data-testid="recording-contact"]', '[data-testid="transcript-message"] p', '[data-testid="transcript-message"] .sender bdi']), []);
    assert.deepEqual(await injections(supervisor, '[data-testid="transcript"]'), NOTHING_INJECTED);
    assert.deepEqual(await injections(supervisor, 'parley-root'), NOTHING_INJECTED);
    assert.deepEqual(await widths(supervisor, '[data-testid="transcript"]'), { page: true, scope: true, widest: [] });
    await screenshot(supervisor, 'console-hostile-recording');

    assert.deepEqual([...dialogs], [], 'no dialog opened');
    await supervisorContext.close();
    await context.close();
  });
});
