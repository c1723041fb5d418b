import assert from 'node:assert/strict';
import { queryDatabase } from './api-process';
import { ConversationFixture } from './conversation-fixtures';
import { graphql, ok } from './graphql-client';
import { HOSTILE_TEXTS } from './hostile-text';

/**
 * Hostile text in every place a person types it (campaign texts, canned
 * responses, the visitor's name, custom field and messages) is stored as the
 * text it is and read back exactly, over the API and in PostgreSQL. The only
 * changes are the documented ones: surrounding whitespace is trimmed, and a
 * visitor's name is one line (control characters and runs of whitespace
 * become one space).
 */

const trimmed = (text: string) => text.trim();
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
const line = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** The hostile texts that fit in `max` characters and are not blank. */
const fitting = (max: number) => HOSTILE_TEXTS.filter((text) => text.trim() !== '' && text.trim().length <= max);

const CAMPAIGN_QUERY = `query($id: ID!) { campaign(id: $id) {
  name automaticAgentMessage customField { label }
  welcomeMessage { en es pt } outOfTimeMessage { en es pt } notAvailableMessage { en es pt } feedbackMessage { en es pt }
  cannedResponses { shortcut text }
} }`;

const CHAT_QUERY = `query($id: ID!) { interaction(id: $id) { contact { name customFieldValue } messages { text sender { kind } } } }`;

export async function hostileRoundTrip(url: string, adminToken: string, databaseUrl: string): Promise<void> {
  const fx = new ConversationFixture(url, adminToken);
  const texts = fitting(2000);
  const localized = (offset: number) => ({ en: texts[offset % texts.length] as string, es: texts[(offset + 1) % texts.length] as string, pt: line('<b>é👍</b>', 2000) });
  const input = {
    name: ` ${fitting(120)[3]} ${HOSTILE_TEXTS[4]} `.slice(0, 120),
    automaticAgentMessage: `javascript:alert(1) \u202Eevil\u202C ${HOSTILE_TEXTS[0]}`,
    customField: { label: '<img src=x onerror=alert(1)>\u200B', visible: true, required: false },
    welcomeMessage: localized(0),
    outOfTimeMessage: localized(7),
    notAvailableMessage: localized(14),
    feedbackMessage: localized(21),
    maxInteractionsPerAgent: 50,
  };
  const campaign = await fx.campaign(input);
  const agent = await fx.agent([campaign.id]);
  await fx.setState(agent, 'AVAILABLE');

  const cannedTexts = [...texts, line('{{7*7}}\u202E', 5000)];
  for (const [i, text] of cannedTexts.entries()) {
    await ok(url, 'mutation($c: ID!, $s: String!, $t: String!) { createCannedResponse(campaignId: $c, shortcut: $s, text: $t) { id } }', { c: campaign.id, s: `hostile-${i}`, t: text }, { token: adminToken });
  }

  const { campaign: stored } = await ok<{ campaign: Record<string, unknown> & { cannedResponses: { shortcut: string; text: string }[] } }>(url, CAMPAIGN_QUERY, { id: campaign.id }, { token: adminToken });
  const localizedBack = (text: { en: string; es: string; pt: string }) => ({ en: trimmed(text.en), es: trimmed(text.es), pt: trimmed(text.pt) });
  assert.deepEqual(
    { ...stored, cannedResponses: undefined },
    {
      name: trimmed(input.name),
      automaticAgentMessage: trimmed(input.automaticAgentMessage),
      customField: { label: trimmed(input.customField.label) },
      welcomeMessage: localizedBack(input.welcomeMessage),
      outOfTimeMessage: localizedBack(input.outOfTimeMessage),
      notAvailableMessage: localizedBack(input.notAvailableMessage),
      feedbackMessage: localizedBack(input.feedbackMessage),
      cannedResponses: undefined,
    },
  );
  const canned = new Map(stored.cannedResponses.map((response) => [response.shortcut, response.text]));
  cannedTexts.forEach((text, i) => assert.equal(canned.get(`hostile-${i}`), trimmed(text), `canned response ${i}`));

  const widget = await graphql<{ widgetConfig: { name: string; welcomeMessage: string; customField: { label: string } } }>(url, 'query($k: String!) { widgetConfig(campaignKey: $k, language: ES) { name welcomeMessage customField { label } } }', { k: campaign.key });
  assert.deepEqual(widget.data?.widgetConfig, { name: trimmed(input.name), welcomeMessage: trimmed(input.welcomeMessage.es), customField: { label: trimmed(input.customField.label) } });

  const names = [...fitting(120).filter((name) => oneLine(name) !== ''), 'tab\there\nnewline\r\nand\u0085more', '\u202Eevil\u202C\u200B name \uFEFF'];
  const messages = [...fitting(5000), line('<script>alert(1)</script>\u202E\u200B', 5000)];
  const storedTexts: string[] = [];
  const chat = async (name: string, i: number) => {
    const customFieldValue = ` ${HOSTILE_TEXTS[(i * 5) % HOSTILE_TEXTS.length]}${HOSTILE_TEXTS[i % HOSTILE_TEXTS.length]} `.slice(0, 200);
    const started = await fx.started(campaign.key, name, { customFieldValue });
    assert.equal(started.interaction.state, 'ACTIVE', `chat ${i}`);
    const text = messages[i % messages.length] as string;
    const sent = await fx.send(started.interaction.id, started.token, text);
    assert.equal(sent.data?.sendMessage.text, trimmed(text), `message of chat ${i}: ${JSON.stringify(sent.errors)}`);
    const reply = trimmed(messages[(i + 3) % messages.length] as string);
    await ok(url, 'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { seq } }', { i: started.interaction.id, c: `reply-${i}`, t: reply }, { token: agent.token });
    storedTexts.push(trimmed(text), reply);

    const expectedContact = { name: oneLine(name), customFieldValue: trimmed(customFieldValue) || null };
    for (const token of [agent.token, started.token]) {
      const { interaction } = await ok<{ interaction: { contact: unknown; messages: { text: string | null; sender: { kind: string } }[] } }>(url, CHAT_QUERY, { id: started.interaction.id }, { token });
      assert.deepEqual(interaction.contact, expectedContact, `contact of chat ${i}`);
      const texts = (kind: string) => interaction.messages.filter((message) => message.sender.kind === kind).map((message) => message.text);
      assert.deepEqual(texts('CONTACT'), [trimmed(text)], `the visitor's message in chat ${i}`);
      assert.deepEqual(texts('AGENT'), [trimmed(input.automaticAgentMessage), reply], `the agent's messages in chat ${i}`);
    }
  };
  // A few chats at a time: the agent serves up to 50.
  for (let i = 0; i < names.length; i += 4) await Promise.all(names.slice(i, i + 4).map((name, j) => chat(name, i + j)));
  await storedAsText(databaseUrl, 'SELECT text FROM messages WHERE text = ANY($1::text[])', storedTexts);
  await storedAsText(databaseUrl, 'SELECT name AS text FROM contacts WHERE name = ANY($1::text[])', names.map(oneLine));
}

/** PostgreSQL holds each text itself, byte for byte, not an escaped or re-encoded form of it. */
async function storedAsText(databaseUrl: string, sql: string, texts: readonly string[]): Promise<void> {
  const rows = await queryDatabase<{ text: string }>(databaseUrl, sql, [texts]);
  const found = new Set(rows.map((row) => Buffer.from(row.text, 'utf8').toString('hex')));
  for (const text of texts) assert.ok(found.has(Buffer.from(text, 'utf8').toString('hex')), `not stored as sent: ${JSON.stringify(text.slice(0, 60))}`);
}
