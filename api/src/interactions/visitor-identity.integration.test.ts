import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';

const READ = 'query($i: ID!) { interaction(id: $i) { id contact { name email customFieldValue } messages { text } } }';
const LIST = '{ interactions { totalCount edges { node { id contact { name } } } } }';
const HISTORY = 'query($i: ID!) { contactHistory(interactionId: $i) { id campaign { id } } }';

type Read = { interaction: { id: string; contact: { name: string; email: string | null; customFieldValue: string | null }; messages: { text: string }[] } | null };

describe('visitor identity: a token reaches only the chats started with it', () => {
  const stack = conversationApi();

  it('gives a stranger who types a customer’s email or customer number nothing of theirs', async () => {
    const campaign = await stack.fx.campaign({ customField: { label: 'Customer number', visible: true, required: false } });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const victim = await stack.fx.started(campaign.key, 'Victoria', { email: 'victoria@example.test', customFieldValue: 'C-1001' });
    await stack.fx.send(victim.interaction.id, victim.token, 'my card ends in 4242');

    for (const typed of [{ email: 'VICTORIA@example.test' }, { customFieldValue: 'C-1001' }]) {
      const attacker = await stack.fx.started(campaign.key, 'Mallory', typed);
      assert.notEqual(attacker.interaction.id, victim.interaction.id);
      assert.equal((await ok<Read>(stack.api.url, READ, { i: victim.interaction.id }, { token: attacker.token })).interaction, null);
      assert.equal((await stack.fx.send(victim.interaction.id, attacker.token, 'I am Victoria')).errors?.[0]?.extensions?.code, 'NOT_FOUND');
      const own = await ok<{ interactions: { totalCount: number; edges: { node: { id: string; contact: { name: string } } }[] } }>(stack.api.url, LIST, {}, { token: attacker.token });
      assert.deepEqual(own.interactions.edges.map((e) => e.node), [{ id: attacker.interaction.id, contact: { name: 'Mallory' } }]);
      const socket = wsClient(stack.api.url, attacker.token);
      const stream = subscribe(socket, 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }', { i: victim.interaction.id });
      assert.equal((await stream.next()).errors?.[0]?.extensions?.code, 'NOT_FOUND');
      await socket.dispose();
    }

    // Nobody renamed the customer, and her transcript is whole.
    const seen = await ok<Read>(stack.api.url, READ, { i: victim.interaction.id }, { token: stack.fx.admin });
    assert.deepEqual(seen.interaction?.contact, { name: 'Victoria', email: 'victoria@example.test', customFieldValue: 'C-1001' });
    assert.deepEqual(seen.interaction?.messages.map((m) => m.text).filter((t) => t.includes('4242')), ['my card ends in 4242']);
  });

  it('answers an anonymous offline message with only what was typed', async () => {
    const campaign = await stack.fx.campaign({ offlineMessageEnabled: true, offlineMessageEmail: 'ops@example.test', customField: { label: 'Customer number', visible: true, required: false } });
    await stack.fx.started(campaign.key, 'Victoria', { email: 'victoria@example.test', customFieldValue: 'C-1001' });
    const SEND = 'mutation($input: OfflineMessageInput!) { sendOfflineMessage(input: $input) { contact { name email customFieldValue } } }';
    const answer = await ok<{ sendOfflineMessage: { contact: unknown } }>(stack.api.url, SEND, { input: { campaignKey: campaign.key, name: 'Mallory', email: 'victoria@example.test', text: 'who is this?' } });
    assert.deepEqual(answer.sendOfflineMessage.contact, { name: 'Mallory', email: 'victoria@example.test', customFieldValue: null });
  });

  it('resumes the open chat with the same token after a reload, and a new visit’s token cannot reach it', async () => {
    const campaign = await stack.fx.campaign();
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const visit = await stack.fx.started(campaign.key, 'Rosa', { email: 'rosa@example.test' });
    const reloaded = await stack.fx.started(campaign.key, 'Rosa', { email: 'rosa@example.test' }, visit.token);
    assert.equal(reloaded.interaction.id, visit.interaction.id);
    assert.equal((await ok<Read>(stack.api.url, READ, { i: visit.interaction.id }, { token: reloaded.token })).interaction?.id, visit.interaction.id);
    // The same token on another campaign is a stranger there.
    const other = await stack.fx.campaign();
    await stack.fx.agent([other.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const elsewhere = await stack.fx.started(other.key, 'Rosa', {}, visit.token);
    assert.notEqual(elsewhere.interaction.id, visit.interaction.id);
    assert.equal((await ok<Read>(stack.api.url, READ, { i: visit.interaction.id }, { token: elsewhere.token })).interaction, null);
  });

  it('shows an agent the contact’s earlier chats only in campaigns they serve', async () => {
    const [shop, bank] = [await stack.fx.campaign(), await stack.fx.campaign()];
    const shopAgent = await stack.fx.agent([shop.id]);
    const bankAgent = await stack.fx.agent([bank.id]);
    await stack.fx.setState(shopAgent, 'AVAILABLE');
    await stack.fx.setState(bankAgent, 'AVAILABLE');
    const atShop = await stack.fx.started(shop.key, 'Olga', { email: 'olga@example.test' });
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { id } }', { i: atShop.interaction.id }, { token: atShop.token });
    const earlierAtBank = await stack.fx.started(bank.key, 'Olga', { email: 'olga@example.test' });
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { id } }', { i: earlierAtBank.interaction.id }, { token: earlierAtBank.token });
    const atBank = await stack.fx.started(bank.key, 'Olga', { email: 'olga@example.test' });
    assert.equal((await stack.fx.interaction(atBank.interaction.id, bankAgent.token))?.agent?.id, bankAgent.id);

    const seenByAgent = await ok<{ contactHistory: { id: string }[] }>(stack.api.url, HISTORY, { i: atBank.interaction.id }, { token: bankAgent.token });
    assert.deepEqual(seenByAgent.contactHistory.map((h) => h.id), [earlierAtBank.interaction.id]);
    const seenBySupervisor = await ok<{ contactHistory: { id: string }[] }>(stack.api.url, HISTORY, { i: atBank.interaction.id }, { token: stack.fx.admin });
    assert.deepEqual(new Set(seenBySupervisor.contactHistory.map((h) => h.id)), new Set([earlierAtBank.interaction.id, atShop.interaction.id]));
    assert.equal((await graphql(stack.api.url, HISTORY, { i: atBank.interaction.id }, { token: atBank.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('keeps a campaign’s private settings from an INTERACTIONS_READ key reading through an interaction', async () => {
    const campaign = await stack.fx.campaign({ offlineMessageEnabled: true, offlineMessageEmail: 'ops@example.test' });
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const chat = await stack.fx.started(campaign.key, 'Ines');
    const KEY = 'mutation($s: [ApiScope!]!) { createApiKey(name: "Reports", scopes: $s) { key } }';
    const key = async (scopes: string[]) => (await ok<{ createApiKey: { key: string } }>(stack.api.url, KEY, { s: scopes }, { token: stack.fx.admin })).createApiKey.key;
    const PRIVATE = 'query($i: ID!) { interaction(id: $i) { campaign { name offlineMessageEmail members { agent { email } } } } }';
    type Private = { interaction: { campaign: { name: string; offlineMessageEmail: string | null; members: unknown[] } } };
    const interactionsOnly = await ok<Private>(stack.api.url, PRIVATE, { i: chat.interaction.id }, { token: await key(['INTERACTIONS_READ']) });
    assert.deepEqual({ ...interactionsOnly.interaction.campaign, name: '' }, { name: '', offlineMessageEmail: null, members: [] });
    const both = await ok<Private>(stack.api.url, PRIVATE, { i: chat.interaction.id }, { token: await key(['INTERACTIONS_READ', 'CAMPAIGNS_READ']) });
    assert.equal(both.interaction.campaign.offlineMessageEmail, 'ops@example.test');
    assert.equal(both.interaction.campaign.members.length, 1);
  });
});
