import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { AgentDriver, eventually } from './widget-agent';
import { addMember, createCampaign, widgetScreenshot, widgetSession, type Campaign, type WidgetStack, withAvailableAgent } from './widget-harness';

/** A 2×2 PNG, red and blue. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Half a second of a 440 Hz tone, 8 kHz 8-bit mono WAV. */
function wav(): Buffer {
  const samples = Buffer.alloc(4000, 0).map((_, i) => 128 + Math.round(100 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

async function startChat(page: Page, stack: WidgetStack, campaign: Campaign, agent: AgentDriver, name: string, chatting: string): Promise<string> {
  await page.getByRole('button', { name: 'Chat with us' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByText(chatting, { exact: true }).waitFor();
  const interactionId = (await widgetSession(page, campaign))?.interactionId;
  assert.ok(interactionId);
  await agent.answer(interactionId);
  return interactionId;
}

describe('widget: files, voice notes and hostile text', () => {
  let stack: WidgetStack;
  let agent: AgentDriver;

  withAvailableAgent((ready) => ({ stack, agent } = ready));

  it('sends and shows images, files and voice notes, fetched with the token and shown through blob: URLs', async () => {
    const { context, page, violations } = await stack.site.open(stack.browser, stack.demo);
    const interactionId = await startChat(page, stack, stack.demo, agent, 'Fiona Files', 'Chatting with Alex Agent');

    // The customer attaches a picture.
    await page.locator('parley-widget input[type=file]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await eventually('the picture at the agent', async () => (await agent.messages(interactionId)).some((message) => message.attachment?.name === 'photo.png' && message.attachment.mimeType === 'image/png'));
    const own = page.locator('parley-widget .own img[src^="blob:"]');
    await own.waitFor();
    assert.equal(await own.getAttribute('alt'), 'Image: photo.png');

    // The agent answers with a picture, a PDF and a voice note.
    await agent.sendFile(interactionId, PNG, 'label.png', 'image/png');
    const theirs = page.locator('parley-widget .row:not(.own) img[src^="blob:"]');
    await theirs.waitFor();
    await eventually('the picture decoded', () => theirs.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth === 2));
    await agent.sendFile(interactionId, PDF, 'size-guide.pdf', 'application/pdf');
    await agent.sendFile(interactionId, wav(), 'note.wav', 'audio/wav', 'VOICE_NOTE');
    const audio = page.getByLabel('Voice note', { exact: true });
    await audio.waitFor();
    await eventually('the voice note loaded', () => audio.evaluate((element: HTMLAudioElement) => element.src.startsWith('blob:') && element.readyState >= 1 && element.duration > 0.4));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download size-guide.pdf' }).click();
    assert.equal((await download).suggestedFilename(), 'size-guide.pdf');

    // The customer records a voice note (Chromium's fake microphone).
    await page.getByRole('button', { name: 'Record a voice note' }).click();
    await page.getByText(/^Recording 0:0[1-9]$/).waitFor();
    await widgetScreenshot(page, 'widget-recording');
    await page.getByRole('button', { name: 'Send the voice note' }).click();
    const note = await eventually('the voice note at the agent', async () => (await agent.messages(interactionId)).find((message) => message.attachment?.kind === 'VOICE_NOTE' && message.sender.kind === 'CONTACT'));
    assert.match(note.attachment?.mimeType ?? '', /^audio\/(webm|ogg)$/);
    await eventually('both voice notes shown', async () => (await page.locator('parley-widget audio[src^="blob:"]').count()) === 2);
    await widgetScreenshot(page, 'widget-media');
    assert.deepEqual(await violations(), []);
    await agent.close(interactionId);
    await context.close();
  });

  it('hides the attach and voice buttons when the campaign takes no media', async () => {
    const textOnly = await createCampaign(stack, { name: 'Text only', mediaEnabled: false });
    await addMember(stack, textOnly.id, agent.id);
    const { context, page } = await stack.site.open(stack.browser, textOnly);
    const interactionId = await startChat(page, stack, textOnly, agent, 'Tom Text', 'Chatting with Alex Agent');
    await page.getByRole('button', { name: 'Add an emoji' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Attach a file' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Record a voice note' }).count(), 0);
    assert.equal(await page.locator('parley-widget input[type=file]').count(), 0);
    await agent.close(interactionId);
    await context.close();
  });

  it('keeps hostile HTML in names and messages as text', async () => {
    const hostileName = '<img src=x onerror=alert(1)>';
    const { createUser } = await ok<{ createUser: { id: string } }>(
      stack.api.url,
      'mutation($input: UserInput!) { createUser(input: $input) { id } }',
      { input: { name: hostileName, email: 'mallory@parley.local', password: 'mallory is not nice 42', role: 'AGENT' } },
      { token: stack.admin },
    );
    const mallory = await AgentDriver.signIn(stack.api.url, 'mallory@parley.local', 'mallory is not nice 42');
    await mallory.setState('AVAILABLE');
    const welcome = '<script>alert("welcome")</script><b>Welcome</b>';
    const shop = await createCampaign(stack, { name: '<i>Evil</i> shop', welcomeMessage: { en: welcome, es: welcome, pt: welcome } });
    await addMember(stack, shop.id, createUser.id);
    const { context, page } = await stack.site.open(stack.browser, shop);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });

    const interactionId = await startChat(page, stack, shop, mallory, '<b>x</b>', `Chatting with ${hostileName}`);
    await page.getByText(welcome, { exact: true }).waitFor();
    await page.getByRole('heading', { name: '<i>Evil</i> shop' }).waitFor();
    await mallory.send(interactionId, '<img src=x onerror=alert(1)>');
    await mallory.send(interactionId, '<a href="javascript:alert(2)">click me</a> javascript:alert(3) <svg onload=alert(4)>');
    await page.getByText('<img src=x onerror=alert(1)>', { exact: true }).first().waitFor();
    await page.getByText('<a href="javascript:alert(2)">click me</a> javascript:alert(3) <svg onload=alert(4)>', { exact: true }).waitFor();
    await eventually('the typing indicator', async () => {
      await mallory.typing(interactionId, true);
      return page.getByText(`${hostileName} is typing…`, { exact: true }).isVisible();
    });
    await widgetScreenshot(page, 'widget-hostile-text');
    // Nothing became markup: no image, no bold or italic, no link, no script ran.
    const markup = await page.evaluate(() => {
      const root = document.querySelector('parley-widget')?.shadowRoot;
      // (The widget's own <i> elements are empty: the typing dots.)
      return ['img', 'b', 'i', 'a', 'script', 'svg[onload]'].map((selector) => `${selector}:${Array.from(root?.querySelectorAll(selector) ?? []).filter((element) => selector !== 'i' || element.textContent).length}`);
    });
    assert.deepEqual(markup, ['img:0', 'b:0', 'i:0', 'a:0', 'script:0', 'svg[onload]:0']);
    assert.equal(dialogs, 0);
    const { interaction } = await ok<{ interaction: { contact: { name: string } } }>(stack.api.url, 'query($id: ID!) { interaction(id: $id) { contact { name } } }', { id: interactionId }, { token: stack.admin });
    assert.equal(interaction.contact.name, '<b>x</b>');
    await mallory.close(interactionId);
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    assert.equal(await page.getByLabel('Name').inputValue(), '<b>x</b>');
    mallory.stop();
    await context.close();
  });
});
