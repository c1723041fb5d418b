import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { conversationApi, type StartedChat } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';

const SHOP = 'https://shop.example.com';
const ALLOWED_DOMAINS = ['shop.example.com', 'https://*.example.org:8443', 'http://localhost:4000'];
// Bare entries mean https:443 and http:80; explicit entries exactly their scheme, host and port.
const ALLOWED = [SHOP, 'https://shop.example.com:443', 'http://shop.example.com', 'https://help.example.org:8443', 'http://localhost:4000'];
const REFUSED = [
  'http://shop.example.com:8081',
  'https://shop.example.com:8443',
  'wss://shop.example.com',
  'https://help.example.org',
  'http://help.example.org:8443',
  'http://localhost:4001',
  'https://localhost:4000',
  'http://localhost',
];
const WIDGET = 'query($key: String!) { widgetConfig(campaignKey: $key) { name } }';
const READ = 'query($i: ID!) { interaction(id: $i) { id } }';
const MESSAGES = 'subscription($i: ID!) { messageAdded(interactionId: $i, afterSeq: 0) { seq text } }';

describe('visitor origins: scheme, host and port', () => {
  const stack = conversationApi();
  let key: string;
  let chat: StartedChat;

  before(async () => {
    const campaign = await stack.fx.campaign({ allowedDomains: ALLOWED_DOMAINS, automaticAgentMessage: null });
    key = campaign.key;
    await stack.fx.agent([campaign.id]).then((agent) => stack.fx.setState(agent, 'AVAILABLE'));
    const started = await stack.fx.start(key, 'Origin', {}, SHOP);
    chat = started.data?.startChat as StartedChat;
    assert.ok(chat?.token, JSON.stringify(started.errors));
    await ok(stack.api.url, 'mutation($i: ID!) { sendMessage(interactionId: $i, clientId: "hello", text: "hello") { seq } }', { i: chat.interaction.id }, { token: chat.token, origin: SHOP });
  });

  it('shows the widget and starts chats only on a listed scheme, host and port', async () => {
    for (const origin of ALLOWED) {
      const result = await graphql<{ widgetConfig: { name: string } }>(stack.api.url, WIDGET, { key }, { origin });
      assert.equal(result.data?.widgetConfig.name, 'Support', `${origin}: ${JSON.stringify(result.errors)}`);
    }
    for (const origin of REFUSED) {
      const result = await graphql(stack.api.url, WIDGET, { key }, { origin });
      assert.equal(result.errors?.[0]?.extensions?.code, 'DOMAIN_NOT_ALLOWED', origin);
    }
    const elsewhere = await stack.fx.start(key, 'Elsewhere', {}, 'http://shop.example.com:8081');
    assert.equal(elsewhere.errors?.[0]?.extensions?.code, 'DOMAIN_NOT_ALLOWED');
  });

  it('takes a visitor token over HTTP only from a listed scheme, host and port', async () => {
    for (const origin of ALLOWED) {
      const result = await graphql<{ interaction: { id: string } }>(stack.api.url, READ, { i: chat.interaction.id }, { token: chat.token, origin });
      assert.equal(result.data?.interaction.id, chat.interaction.id, `${origin}: ${JSON.stringify(result.errors)}`);
    }
    for (const origin of [...REFUSED, undefined]) {
      const result = await graphql(stack.api.url, READ, { i: chat.interaction.id }, { token: chat.token, origin });
      assert.equal(result.errors?.[0]?.extensions?.code, 'DOMAIN_NOT_ALLOWED', String(origin));
    }
  });

  it('takes a visitor token over WebSocket only from a listed scheme, host and port', async () => {
    for (const origin of ['http://localhost:4000', SHOP]) {
      const client = wsClient(stack.api.url, chat.token, origin);
      const messages = subscribe<{ messageAdded: { seq: number; text: string } }>(client, MESSAGES, { i: chat.interaction.id });
      const first = await messages.next();
      assert.equal(typeof first.data?.messageAdded.seq, 'number', `${origin}: ${JSON.stringify(first.errors)}`);
      messages.close();
      await client.dispose();
    }
    for (const origin of ['http://shop.example.com:8081', 'https://help.example.org', 'http://localhost:4001']) {
      const client = wsClient(stack.api.url, chat.token, origin);
      const refused = subscribe(client, MESSAGES, { i: chat.interaction.id });
      // An accepted socket would deliver the stored message: fail fast on it rather than wait for a close that never comes.
      const outcome = await Promise.race([refused.ended, refused.next(5000)]).catch((error: unknown) => error);
      assert.equal((outcome as { code?: number }).code, 4403, `${origin}: ${JSON.stringify(outcome)}`);
      await client.dispose();
    }
  });
});
