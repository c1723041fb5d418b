import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Download, Page } from 'playwright-core';
import { screenshot } from './browser';
import { seriousA11yViolations, signIn, startCustomerChat, startDemoStack, until, type Customer, type DemoStack } from './stack';

/** One second of a 440 Hz tone, as a WAV file: a voice note the browser can play. */
function toneWav(seconds = 1, rate = 8000): Buffer {
  const samples = seconds * rate;
  const body = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) body.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + body.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(body.length, 40);
  return Buffer.concat([header, body]);
}

async function downloaded(download: Download): Promise<string> {
  const path = await download.path();
  return (await readFile(path)).toString('utf8').replace(/^\uFEFF/, '');
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe-core on ${where}`);
}

/** Recordings: conversations filtered, read in full (files, voice notes, feedback, quality, routing) and exported. */
describe('supervisor recordings journeys', () => {
  let stack: DemoStack;
  let bea: string;
  let admin: string;

  /** A chat of the demo campaign answered by Bea through the API. */
  async function answeredChat(name: string, email: string): Promise<Customer> {
    const customer = await startCustomerChat(stack.api.url, { campaignKey: await demoKey(), name, email });
    await until(`${name}'s chat is answered`, async () => (await customer.state()).state === 'ACTIVE');
    return customer;
  }
  async function demoKey(): Promise<string> {
    return (await ok<{ campaigns: { key: string }[] }>(stack.api.url, '{ campaigns { key } }', {}, { token: bea })).campaigns[0]!.key;
  }
  const agentSays = (interactionId: string, text: string | null, attachmentId?: string) =>
    ok(stack.api.url, 'mutation($i: ID!, $c: ID!, $t: String, $a: ID) { sendMessage(interactionId: $i, clientId: $c, text: $t, attachmentId: $a) { seq } }', { i: interactionId, c: `bea-${Math.random()}`, t: text, a: attachmentId ?? null }, { token: bea });

  before(async () => {
    stack = await startDemoStack();
    bea = await login(stack.api.url, 'agent2@parley.local', 'parley-agent');
    admin = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    await ok(stack.api.url, 'mutation { setAgentState(state: AVAILABLE) { state } }', {}, { token: bea });

    // Lucía's invoice: text, a voice note, the quality review and her feedback.
    const lucia = await answeredChat('Lucía Gómez', 'lucia@example.com');
    await lucia.send('My invoice INV-2207 shows the wrong address.');
    await agentSays(lucia.interactionId, 'Sorry about that! I am sending a corrected one, listen to this:');
    const form = new FormData();
    form.append('interactionId', lucia.interactionId);
    form.append('kind', 'VOICE_NOTE');
    form.append('file', new Blob([new Uint8Array(toneWav())], { type: 'audio/wav' }), 'note.wav');
    const upload = await fetch(`${stack.api.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${bea}` }, body: form });
    assert.ok(upload.ok, await upload.clone().text());
    const { id: attachmentId } = (await upload.json()) as { id: string };
    await agentSays(lucia.interactionId, null, attachmentId);
    const { qualityModels } = await ok<{ qualityModels: { questions: { id: string; text: string }[] }[] }>(stack.api.url, '{ qualityModels { questions { id text } } }', {}, { token: bea });
    const question = (text: string) => qualityModels[0]!.questions.find((candidate) => candidate.text === text)!.id;
    await ok(stack.api.url, 'mutation($i: ID!, $q: [QualityAnswerInput!]) { closeInteraction(id: $i, quality: $q) { state } }', {
      i: lucia.interactionId,
      q: [
        { questionId: question('Greeted the customer by name'), value: 'yes' },
        { questionId: question('Resolution quality'), value: '4' },
        { questionId: question('Notes'), value: 'Sent a corrected invoice.' },
      ],
    }, { token: bea });
    await ok(stack.api.url, 'mutation($i: ID!) { leaveFeedback(interactionId: $i, rating: 4, note: "Quick and kind") { id } }', { i: lucia.interactionId }, { token: lucia.token });

    // Pedro's parcel: another conversation the text filter leaves out.
    const pedro = await answeredChat('Pedro Alves', 'pedro@example.com');
    await pedro.send('Where is my parcel?');
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: pedro.interactionId }, { token: pedro.token });
  });
  after(async () => {
    await stack?.stop();
  });

  it('finds a conversation by its text, reads it in full and exports the list as CSV', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, stack.api.url, 'supervisor@parley.local', 'parley-supervisor');
    await page.waitForURL('**/dashboard');
    await page.getByRole('link', { name: 'Recordings' }).click();
    const rows = page.getByTestId('recording-row');
    await until('both conversations are listed', async () => (await rows.count()) === 2);
    await page.getByRole('status').filter({ hasText: '1–2 of 2' }).waitFor();

    // Filter by a text in the messages.
    await page.getByLabel('Text in the messages').fill('INV-2207');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/text=INV-2207/);
    await until('only the invoice conversation', async () => (await rows.count()) === 1 && /Lucía Gómez/.test(await rows.first().innerText()));
    const row = await rows.first().innerText();
    assert.match(row, /lucia@example\.com/);
    assert.match(row, /Web support/);
    assert.match(row, /Bea Agent/);
    assert.match(row, /Closed/);
    assert.match(row, /Closed by the agent/);
    assert.equal(await rows.first().getByLabel('4 out of 5').count(), 1);
    await screenshot(page, 'recordings-list');
    await noSeriousViolations(page, 'the recordings list');

    // The CSV of the current filter.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.match(csvDownload.suggestedFilename(), /^parley-recordings-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await downloaded(csvDownload);
    const lines = csv.trim().split(/\r?\n/);
    assert.match(lines[0]!, /^id,campaign,state,closeReason,contactName,contactEmail/);
    assert.equal(lines.length, 2, csv);
    assert.match(lines[1]!, /Lucía Gómez/);
    assert.match(lines[1]!, /Quick and kind/);
    assert.doesNotMatch(csv, /Pedro Alves/);

    // The conversation in full.
    await page.getByRole('link', { name: 'Lucía Gómez' }).click();
    await page.getByTestId('recording-contact').filter({ hasText: 'Lucía Gómez' }).waitFor();
    const transcript = page.getByTestId('transcript');
    await transcript.getByText('My invoice INV-2207 shows the wrong address.').waitFor();
    await transcript.getByText('Sorry about that!', { exact: false }).waitFor();
    const voiceNote = transcript.getByTestId('voice-note');
    await voiceNote.waitFor();
    assert.match((await voiceNote.getAttribute('src')) ?? '', /^blob:/);
    const duration = await until('the voice note can play', () => voiceNote.evaluate((audio: HTMLAudioElement) => (audio.readyState >= 1 && audio.duration > 0 ? audio.duration : null)));
    assert.ok(Math.abs(duration - 1) < 0.1, `a voice note of ${duration} s`);
    assert.equal(await page.getByTestId('recording-state').innerText(), 'Closed · Closed by the agent');

    const feedback = page.getByTestId('feedback');
    await feedback.getByText('4 out of 5').waitFor();
    await feedback.getByText('Quick and kind').waitFor();
    const quality = page.getByTestId('quality');
    assert.equal(await quality.getByTestId('quality-score').innerText(), '81%');
    const answers = async () =>
      Promise.all((await quality.getByTestId('quality-answer').all()).map(async (answer) => (await answer.innerText()).replace(/\s+/g, ' ').trim()));
    const asked = ['Greeted the customer by name weight 1 Yes', 'Resolution quality weight 3 4 out of 5', 'Notes Sent a corrected invoice.'];
    assert.deepEqual(await answers(), asked);

    const routing = page.getByTestId('routing');
    await routing.getByText('Round robin with memory').waitFor();
    const candidates = routing.getByTestId('routing-candidate');
    assert.deepEqual(
      (await candidates.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
      ['Alex Agent No Logged out', 'Bea Agent Yes Could take the chat'],
    );
    await screenshot(page, 'recordings-detail');
    await noSeriousViolations(page, 'a recording');

    // The admin rewords and reweighs the model afterwards: the review still reads as it was filled in.
    const { qualityModels } = await ok<{ qualityModels: { id: string; name: string; questions: { id: string; kind: string; text: string; weight: number }[] }[] }>(
      stack.api.url, '{ qualityModels { id name questions { id kind text weight } } }', {}, { token: admin });
    const model = qualityModels[0]!;
    const reworded: Record<string, string> = { 'Greeted the customer by name': 'Used the customer’s name', 'Resolution quality': 'Solved the problem' };
    await ok(stack.api.url, 'mutation($id: ID!, $input: QualityModelInput!) { updateQualityModel(id: $id, input: $input) { id } }', {
      id: model.id,
      input: { name: model.name, questions: model.questions.map(({ id, kind, text, weight }) => ({ id, kind, text: reworded[text] ?? text, weight: weight * 2 })) },
    }, { token: admin });
    await page.reload();
    await quality.getByTestId('quality-answer').first().waitFor();
    await until('the reloaded review', async () => (await answers()).length === 3);
    assert.deepEqual(await answers(), asked);
    assert.equal(await quality.getByTestId('quality-score').innerText(), '81%');

    // The same screen in Spanish.
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Enrutamiento' }).waitFor();
    await routing.getByText('Podía atender el chat').waitFor();
    await screenshot(page, 'recordings-detail-es');
    await page.getByLabel('Idioma').selectOption('en');

    // Back to the same filtered list.
    await page.getByRole('link', { name: '← Recordings' }).click();
    await page.waitForURL(/\/recordings\?text=INV-2207/);
    await until('the filter kept', async () => (await rows.count()) === 1);
    assert.equal(await page.getByLabel('Text in the messages').inputValue(), 'INV-2207');

    // Today's statistics as CSV, from the dashboard.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Web support', exact: true }).click();
    const [statsDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-csv').click()]);
    const stats = (await downloaded(statsDownload)).trim().split(/\r?\n/);
    assert.match(stats[0]!, /^from,to,offered,answered,answeredWithinServiceLevel,abandoned,rejected,serviceLevel/);
    assert.ok(stats.length >= 96, `${stats.length} lines: one per quarter hour of the day`);
    const offered = stats.slice(1).reduce((sum, line) => sum + Number(line.split(',')[2]), 0);
    assert.equal(offered, 2);

    // The dashboard in Portuguese.
    await page.getByLabel('Language').selectOption('pt');
    await page.getByRole('heading', { name: 'Painel', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Hoje por quarto de hora' }).waitFor();
    await page.locator('[data-testid="board-agent"][data-agent="Bea Agent"]').getByTestId('state-time').filter({ hasText: /^há \d+:\d{2}$/ }).waitFor();
    await screenshot(page, 'supervisor-dashboard-pt');
    await noSeriousViolations(page, 'the dashboard in Portuguese');
    await context.close();
  });
});
