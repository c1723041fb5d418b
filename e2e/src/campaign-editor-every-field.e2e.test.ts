import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { consoleAs, layoutProblems, messagesIn, openTab, shownOption, tallScreenshot } from './admin-steps';
import { startDemoStack, until, type DemoStack } from './stack';

const MESSAGES = {
  English: {
    'Welcome message': 'Welcome to Atlas Travel! How can we help?',
    'Out of hours': 'Atlas Travel is closed now; we open at 08:30.',
    'No agent available': 'Every Atlas agent is busy right now.',
    'Feedback request': 'How was your chat with Atlas?',
  },
  Español: {
    'Welcome message': '¡Bienvenido a Atlas Travel! ¿Cómo te ayudamos?',
    'Out of hours': 'Atlas Travel está cerrado; abrimos a las 08:30.',
    'No agent available': 'Todos los agentes de Atlas están ocupados.',
    'Feedback request': '¿Qué tal tu chat con Atlas?',
  },
  Português: {
    'Welcome message': 'Bem-vindo à Atlas Travel! Como ajudamos?',
    'Out of hours': 'A Atlas Travel está fechada; abrimos às 08:30.',
    'No agent available': 'Todos os agentes da Atlas estão ocupados.',
    'Feedback request': 'Como foi a sua conversa com a Atlas?',
  },
} as const;

const OTHER = { 'Chats per agent': '4', 'Automatic agent message': 'Hi, this is the Atlas team.', 'Offer expires after (seconds)': '45' } as const;

const THRESHOLDS = {
  'Service level (s)': '25',
  'Short abandon (s)': '8',
  'Chat time warning (s)': '420',
  'Chat time limit (s)': '900',
  'Agent idle warning (s)': '240',
  'ACD alert': '7',
  'Queue capacity': '35',
  'Wait timeout (s)': '180',
  'Auto-finish (s)': '90',
} as const;

/** Each check flipped from what a new campaign starts with. */
const CHECKS = { "Show the agent's name": false, 'Email required': true, 'Ask for feedback': false, 'Audio and video calls': true, 'Let customers leave a message when closed': true } as const;

const DOMAINS = ['atlas.example', '*.atlas-shop.example', 'https://help.atlas.example:8443'];

/** The opening hours as the editor should show them after the edits below, row by row. */
const HOURS = [
  ['Monday', '08:30', '17:00'],
  ['Tuesday', '07:45', '18:00'],
  ['Wednesday', '09:00', '18:00'],
  ['Thursday', '09:00', '18:00'],
  ['Saturday', '10:00', '14:00'],
] as const;

const CAMPAIGN_QUERY = `query($id: ID!) { campaign(id: $id) {
  name enabled distribution availability serviceLevelTarget maxInteractionsPerAgent offerTimeoutSeconds qualityModelId automaticAgentMessage colour
  showAgentName feedbackEnabled emailRequired mediaEnabled offlineMessageEnabled offlineMessageEmail allowedDomains
  schedule { timezone ranges { weekday start end } exceptions { date closed ranges { weekday start end } } }
  welcomeMessage { en es pt } outOfTimeMessage { en es pt } notAvailableMessage { en es pt } feedbackMessage { en es pt }
  thresholds { serviceLevelSeconds abandonSeconds chatTimeWarnSeconds chatTimeLimitSeconds agentIdleWarnSeconds acd maxChats waitTimeoutSeconds autoFinishSeconds }
  customField { label visible required }
  members { agent { email } penalty } cannedResponses { shortcut text }
} qualityModels { id name } }`;

/** An admin fills in every setting of a new campaign through the editor, and finds each one again. */
describe('campaign editor: every field, saved and shown again', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /** Fills in the Basic tab: general settings, schedule with two special days, and the messages in three languages. */
  async function fillBasic(page: Page): Promise<void> {
    await page.getByLabel('Name', { exact: true }).fill('Atlas Travel');
    await page.getByLabel('Enabled: takes new chats').uncheck();
    await page.getByLabel('Routing strategy').selectOption({ label: 'Weighted random (by penalty)' });
    await page.getByLabel('Availability rule').selectOption({ label: 'One chat at a time' });
    await page.getByLabel('Service level target (%)').fill('92');
    await page.getByRole('textbox', { name: 'Colour', exact: true }).fill('#0F766E');

    await page.getByLabel('Timezone').fill('America/Sao_Paulo');
    // Weekdays 09:00-18:00 to start with: change two rows, drop Friday, add Saturday morning.
    await page.getByLabel('Opens, row 1', { exact: true }).fill('08:30');
    await page.getByLabel('Closes, row 1', { exact: true }).fill('17:00');
    await page.getByLabel('Opens, row 2', { exact: true }).fill('7:45');
    await page.getByLabel('Opens, row 2', { exact: true }).blur();
    assert.equal(await page.getByLabel('Opens, row 2', { exact: true }).inputValue(), '07:45', 'the time is tidied when the field is left');
    await page.getByRole('button', { name: 'Remove row 5' }).click();
    await page.getByRole('button', { name: '+ Add opening hours' }).click();
    await page.getByLabel('Day, row 5', { exact: true }).selectOption({ label: 'Saturday' });
    await page.getByLabel('Opens, row 5', { exact: true }).fill('10:00');
    await page.getByLabel('Closes, row 5', { exact: true }).fill('14:00');

    await page.getByRole('button', { name: '+ Add a holiday or special day' }).click();
    await page.getByLabel('Date, special day 1').fill('2026-12-25');
    await page.getByRole('button', { name: '+ Add a holiday or special day' }).click();
    await page.getByLabel('Date, special day 2').fill('2026-12-31');
    await page.getByLabel('Closed all day, special day 2').uncheck();
    await page.getByLabel('Opening hours, special day 2').fill('10:00-14:00, 16:00-18:00');

    for (const [language, texts] of Object.entries(MESSAGES)) {
      const panel = await messagesIn(page, language);
      for (const [label, text] of Object.entries(texts)) await panel.getByLabel(label).fill(text);
    }
  }

  async function fillOtherTabs(page: Page): Promise<void> {
    await openTab(page, 'Other fields');
    for (const [label, value] of Object.entries(OTHER)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel('Quality model').selectOption({ label: 'Standard service review' });

    await openTab(page, 'Thresholds');
    for (const [label, value] of Object.entries(THRESHOLDS)) await page.getByLabel(label, { exact: true }).fill(value);

    await openTab(page, 'Checks');
    for (const [label, checked] of Object.entries(CHECKS)) await page.getByLabel(label, { exact: true }).setChecked(checked);
    await page.getByLabel('Send offline messages to').fill('help@atlas.example');

    await openTab(page, 'Extra field');
    await page.getByLabel('Custom field label').fill('Customer number');
    await page.getByLabel('Shown', { exact: true }).check();
    await page.getByLabel('Required', { exact: true }).check();

    await openTab(page, 'Allowed domains');
    await page.getByRole('textbox', { name: 'Allowed domains', exact: true }).fill(DOMAINS.join('\n'));
  }

  /** Every value the editor shows, read the way a person reads the screen, tab by tab. */
  async function assertShown(page: Page): Promise<void> {
    await openTab(page, 'Basic');
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Atlas Travel');
    assert.equal(await page.getByLabel('Enabled: takes new chats').isChecked(), false);
    await page.getByText('Disabled', { exact: true }).waitFor();
    assert.equal(await shownOption(page.getByLabel('Routing strategy')), 'Weighted random (by penalty)');
    assert.equal(await shownOption(page.getByLabel('Availability rule')), 'One chat at a time');
    assert.equal(await page.getByLabel('Service level target (%)').inputValue(), '92');
    assert.equal(await page.getByRole('textbox', { name: 'Colour', exact: true }).inputValue(), '#0F766E');
    assert.equal(await page.getByLabel('Timezone').inputValue(), 'America/Sao_Paulo');
    assert.equal(await page.getByRole('group', { name: /^Opening hours, row \d+$/ }).count(), HOURS.length);
    for (const [i, [day, opens, closes]] of HOURS.entries()) {
      assert.deepEqual(
        [await shownOption(page.getByLabel(`Day, row ${i + 1}`, { exact: true })), await page.getByLabel(`Opens, row ${i + 1}`, { exact: true }).inputValue(), await page.getByLabel(`Closes, row ${i + 1}`, { exact: true }).inputValue()],
        [day, opens, closes],
        `opening hours, row ${i + 1}`,
      );
    }
    assert.equal(await page.getByLabel('Date, special day 1').inputValue(), '2026-12-25');
    assert.equal(await page.getByLabel('Closed all day, special day 1').isChecked(), true);
    assert.equal(await page.getByLabel('Opening hours, special day 1').isDisabled(), true);
    assert.equal(await page.getByLabel('Date, special day 2').inputValue(), '2026-12-31');
    assert.equal(await page.getByLabel('Closed all day, special day 2').isChecked(), false);
    assert.equal(await page.getByLabel('Opening hours, special day 2').inputValue(), '10:00-14:00, 16:00-18:00');
    assert.equal(await page.getByLabel('Date, special day 3').count(), 0);
    for (const [language, texts] of Object.entries(MESSAGES)) {
      const panel = await messagesIn(page, language);
      for (const [label, text] of Object.entries(texts)) assert.equal(await panel.getByLabel(label).inputValue(), text, `${label} (${language})`);
    }

    await openTab(page, 'Other fields');
    for (const [label, value] of Object.entries(OTHER)) assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value, label);
    assert.equal(await shownOption(page.getByLabel('Quality model')), 'Standard service review');

    await openTab(page, 'Thresholds');
    for (const [label, value] of Object.entries(THRESHOLDS)) assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value, label);

    await openTab(page, 'Checks');
    for (const [label, checked] of Object.entries(CHECKS)) assert.equal(await page.getByLabel(label, { exact: true }).isChecked(), checked, label);
    assert.equal(await page.getByLabel('Send offline messages to').inputValue(), 'help@atlas.example');

    await openTab(page, 'Extra field');
    assert.equal(await page.getByLabel('Custom field label').inputValue(), 'Customer number');
    assert.equal(await page.getByLabel('Shown', { exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel('Required', { exact: true }).isChecked(), true);

    await openTab(page, 'Allowed domains');
    assert.equal(await page.getByRole('textbox', { name: 'Allowed domains', exact: true }).inputValue(), DOMAINS.join('\n'));

    await openTab(page, 'Canned responses');
    const responses = page.getByRole('tabpanel', { name: 'Canned responses' }).getByRole('listitem');
    await until('the canned responses', async () => (await responses.count()) === 2 && (await responses.first().innerText()).includes('/'));
    assert.match(await responses.nth(0).innerText(), /\/refund\s+Refunds reach your card in 5 to 7 days\./);
    assert.match(await responses.nth(1).innerText(), /\/welcome\s+Welcome aboard Atlas! What trip are you planning\?/);

    await openTab(page, 'Members');
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('row').filter({ hasText: 'agent2@parley.local' }).waitFor();
    assert.equal(await members.getByLabel('Penalty of Bea Agent').inputValue(), '35');
    assert.equal(await members.getByLabel('Penalty of Alex Agent').inputValue(), '0');
    await members.getByRole('row').filter({ hasText: 'Bea Agent' }).getByText('After lower penalties').waitFor();
  }

  it('an admin sets every setting in every tab, saves, reloads and sees each value again; the API stored them', async () => {
    const page = await consoleAs(stack.browser, stack.api.url, 'admin@parley.local', 'parley-admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Campaigns', exact: true }).click();
    await page.getByRole('link', { name: '+ New campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();
    // Canned responses and members come once the campaign exists.
    await openTab(page, 'Members');
    await page.getByRole('tabpanel', { name: 'Members' }).getByText('Create the campaign first; then you can add this here.').waitFor();
    await openTab(page, 'Basic');

    await fillBasic(page);
    await fillOtherTabs(page);
    assert.deepEqual(await layoutProblems(page), [], 'the editor lays out cleanly');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    const created = page.getByTestId('created-campaign');
    await created.waitFor();
    await created.getByRole('link', { name: 'Add members and canned responses' }).click();
    await page.getByRole('heading', { name: 'Atlas Travel', exact: true }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // Canned responses: two added, one corrected.
    await openTab(page, 'Canned responses');
    const cannedForm = page.getByRole('form', { name: 'New canned response' });
    for (const [shortcut, text] of [['/welcome', 'Welcome aboard! What trip are you planning?'], ['refund', 'Refunds reach your card in 5 to 7 days.']]) {
      await cannedForm.getByLabel('Shortcut').fill(shortcut!);
      await cannedForm.getByLabel('Text').fill(text!);
      await cannedForm.getByRole('button', { name: '+ Add response' }).click();
      await page.getByText(`/${shortcut!.replace('/', '')}`, { exact: true }).waitFor();
    }
    await page.getByRole('button', { name: 'Edit /welcome' }).click();
    const editForm = page.getByRole('form', { name: 'Edit /welcome' });
    await editForm.getByLabel('Text').fill('Welcome aboard Atlas! What trip are you planning?');
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Welcome aboard Atlas! What trip are you planning?').waitFor();

    // Members with a penalty: Bea after Alex.
    await openTab(page, 'Members');
    const members = page.getByRole('table', { name: 'Members' });
    for (const [agent, penalty] of [['Bea Agent · agent2@parley.local', '20'], ['Alex Agent · agent1@parley.local', '0']] as const) {
      await page.getByLabel('Agent', { exact: true }).selectOption({ label: agent });
      await page.getByLabel('Penalty', { exact: true }).fill(penalty);
      await page.getByRole('button', { name: '+ Add' }).click();
      await members.getByRole('row').filter({ hasText: agent.split(' · ')[1]! }).waitFor();
    }
    await members.getByLabel('Penalty of Bea Agent').fill('35');
    await members.getByLabel('Penalty of Bea Agent').press('Tab');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    for (const tab of ['Basic', 'Other fields', 'Thresholds', 'Checks', 'Extra field', 'Allowed domains', 'Canned responses', 'Members']) {
      await openTab(page, tab);
      assert.deepEqual(await layoutProblems(page), [], `the ${tab} tab lays out cleanly`);
      await tallScreenshot(page, `campaign-editor-full-${tab.toLowerCase().replace(/\s+/g, '-')}`);
    }

    await page.reload();
    await page.getByRole('heading', { name: 'Atlas Travel', exact: true }).waitFor();
    await assertShown(page);

    // What the API stored.
    const admin = await login(stack.api.url, 'admin@parley.local', 'parley-admin');
    const { campaign, qualityModels } = await ok<{ campaign: Record<string, unknown> & { schedule: { ranges: { weekday: number; start: string; end: string }[] } }; qualityModels: { id: string; name: string }[] }>(
      stack.api.url,
      CAMPAIGN_QUERY,
      { id },
      { token: admin },
    );
    const byWeekday = (a: { weekday: number; start: string }, b: { weekday: number; start: string }) => a.weekday - b.weekday || a.start.localeCompare(b.start);
    const storedMembers = (campaign.members as { agent: { email: string } }[]).sort((a, b) => a.agent.email.localeCompare(b.agent.email));
    const storedResponses = (campaign.cannedResponses as { shortcut: string }[]).sort((a, b) => a.shortcut.localeCompare(b.shortcut));
    assert.deepEqual(
      { ...campaign, schedule: { ...campaign.schedule, ranges: [...campaign.schedule.ranges].sort(byWeekday) }, members: storedMembers, cannedResponses: storedResponses },
      {
        name: 'Atlas Travel',
        enabled: false,
        distribution: 'WRANDOM',
        availability: 'INTERACTION',
        serviceLevelTarget: 0.92,
        maxInteractionsPerAgent: 4,
        offerTimeoutSeconds: 45,
        qualityModelId: qualityModels.find((model) => model.name === 'Standard service review')!.id,
        automaticAgentMessage: 'Hi, this is the Atlas team.',
        colour: '#0F766E',
        showAgentName: false,
        feedbackEnabled: false,
        emailRequired: true,
        mediaEnabled: true,
        offlineMessageEnabled: true,
        offlineMessageEmail: 'help@atlas.example',
        allowedDomains: DOMAINS,
        schedule: {
          timezone: 'America/Sao_Paulo',
          ranges: [
            { weekday: 1, start: '08:30', end: '17:00' },
            { weekday: 2, start: '07:45', end: '18:00' },
            { weekday: 3, start: '09:00', end: '18:00' },
            { weekday: 4, start: '09:00', end: '18:00' },
            { weekday: 6, start: '10:00', end: '14:00' },
          ],
          exceptions: [
            { date: '2026-12-25', closed: true, ranges: [] },
            { date: '2026-12-31', closed: false, ranges: [{ weekday: 4, start: '10:00', end: '14:00' }, { weekday: 4, start: '16:00', end: '18:00' }] },
          ],
        },
        welcomeMessage: { en: MESSAGES.English['Welcome message'], es: MESSAGES.Español['Welcome message'], pt: MESSAGES.Português['Welcome message'] },
        outOfTimeMessage: { en: MESSAGES.English['Out of hours'], es: MESSAGES.Español['Out of hours'], pt: MESSAGES.Português['Out of hours'] },
        notAvailableMessage: { en: MESSAGES.English['No agent available'], es: MESSAGES.Español['No agent available'], pt: MESSAGES.Português['No agent available'] },
        feedbackMessage: { en: MESSAGES.English['Feedback request'], es: MESSAGES.Español['Feedback request'], pt: MESSAGES.Português['Feedback request'] },
        thresholds: { serviceLevelSeconds: 25, abandonSeconds: 8, chatTimeWarnSeconds: 420, chatTimeLimitSeconds: 900, agentIdleWarnSeconds: 240, acd: 7, maxChats: 35, waitTimeoutSeconds: 180, autoFinishSeconds: 90 },
        customField: { label: 'Customer number', visible: true, required: true },
        members: [
          { agent: { email: 'agent1@parley.local' }, penalty: 0 },
          { agent: { email: 'agent2@parley.local' }, penalty: 35 },
        ],
        cannedResponses: [
          { shortcut: 'refund', text: 'Refunds reach your card in 5 to 7 days.' },
          { shortcut: 'welcome', text: 'Welcome aboard Atlas! What trip are you planning?' },
        ],
      },
    );
    await page.context().close();
  });
});
