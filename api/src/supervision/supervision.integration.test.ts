import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';
import { untilListening, waitFor } from '../testing/wait-for';

const SEND = 'mutation($to: ID!, $t: String!, $c: ID!) { sendStaffMessage(toUserId: $to, text: $t, clientId: $c) { id text from { id } to { id } } }';
const LOG = '{ spySessions { supervisor { id } agent { id } interaction { id } startedAt endedAt } }';

describe('supervision', () => {
  const stack = conversationApi();

  it('lets a supervisor and an agent message each other, live and once, but not agents among themselves', async () => {
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const [agent, other] = [await stack.fx.agent([]), await stack.fx.agent([])];
    const socket = wsClient(stack.api.url, agent.token);
    const inbox = subscribe<{ staffMessageAdded: { text: string; from: { id: string } } }>(socket, 'subscription { staffMessageAdded { text from { id } } }');
    await untilListening(`STAFF_MESSAGE:${agent.id}`);
    const first = await ok<{ sendStaffMessage: { id: string } }>(stack.api.url, SEND, { to: agent.id, t: 'Please wrap up chat 3', c: 'c1' }, { token: supervisor.token });
    assert.deepEqual((await inbox.next()).data?.staffMessageAdded, { text: 'Please wrap up chat 3', from: { id: supervisor.id } });
    const again = await ok<{ sendStaffMessage: { id: string } }>(stack.api.url, SEND, { to: agent.id, t: 'Please wrap up chat 3', c: 'c1' }, { token: supervisor.token });
    assert.equal(again.sendStaffMessage.id, first.sendStaffMessage.id);
    await ok(stack.api.url, SEND, { to: supervisor.id, t: 'On it', c: 'r1' }, { token: agent.token });
    const CONVERSATION = 'query($w: ID!) { staffMessages(withUserId: $w) { text } }';
    assert.deepEqual((await ok<{ staffMessages: { text: string }[] }>(stack.api.url, CONVERSATION, { w: supervisor.id }, { token: agent.token })).staffMessages.map((m) => m.text), ['Please wrap up chat 3', 'On it']);
    assert.equal((await graphql(stack.api.url, SEND, { to: other.id, t: 'psst', c: 'x' }, { token: agent.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const colleagues = (await ok<{ staffColleagues: { id: string }[] }>(stack.api.url, '{ staffColleagues { id } }', {}, { token: agent.token })).staffColleagues.map((u) => u.id);
    assert.ok(colleagues.includes(supervisor.id) && !colleagues.includes(other.id) && !colleagues.includes(agent.id));
    const INBOX = '{ staffConversations { with { id } unread lastMessage { text } } }';
    assert.deepEqual((await ok<{ staffConversations: unknown[] }>(stack.api.url, INBOX, {}, { token: agent.token })).staffConversations, [{ with: { id: supervisor.id }, unread: 1, lastMessage: { text: 'On it' } }]);
    assert.deepEqual((await ok<{ staffConversations: unknown[] }>(stack.api.url, INBOX, {}, { token: supervisor.token })).staffConversations, [{ with: { id: agent.id }, unread: 1, lastMessage: { text: 'On it' } }]);
    const READ = 'mutation($w: ID!) { markStaffMessagesRead(withUserId: $w) }';
    assert.equal((await ok<{ markStaffMessagesRead: number }>(stack.api.url, READ, { w: supervisor.id }, { token: agent.token })).markStaffMessagesRead, 1);
    assert.equal((await ok<{ staffConversations: { unread: number }[] }>(stack.api.url, INBOX, {}, { token: agent.token })).staffConversations[0]?.unread, 0);
    assert.deepEqual((await ok<{ staffMessages: unknown[] }>(stack.api.url, CONVERSATION, { w: supervisor.id }, { token: other.token })).staffMessages, []);
    await socket.dispose();
  });

  it('records every spy session for the audit log, and shows the customer nothing of it', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Sam');
    await stack.fx.send(chat.interaction.id, chat.token, 'my order is late');
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const CUSTOMER_VIEW = 'query($i: ID!) { interaction(id: $i) { state agentReadSeq messages { seq text sender { kind } } } }';
    const before = await ok(stack.api.url, CUSTOMER_VIEW, { i: chat.interaction.id }, { token: chat.token });

    const socket = wsClient(stack.api.url, supervisor.token);
    const spy = subscribe<{ messageAdded: { text: string } }>(socket, 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }', { i: chat.interaction.id });
    assert.equal((await spy.next()).data?.messageAdded.text, 'my order is late');
    const open = await waitFor('the spy session', async () => (await ok<{ spySessions: { supervisor: { id: string }; agent: { id: string }; interaction: { id: string }; endedAt: string | null }[] }>(stack.api.url, LOG, {}, { token: stack.fx.admin })).spySessions[0]);
    assert.deepEqual([open.supervisor.id, open.agent.id, open.interaction.id, open.endedAt], [supervisor.id, agent.id, chat.interaction.id, null]);
    assert.deepEqual(await ok(stack.api.url, CUSTOMER_VIEW, { i: chat.interaction.id }, { token: chat.token }), before);

    spy.close();
    await waitFor('the end of the spy session', async () => (await ok<{ spySessions: { endedAt: string | null }[] }>(stack.api.url, LOG, {}, { token: stack.fx.admin })).spySessions[0]?.endedAt ?? undefined);
    assert.equal((await graphql(stack.api.url, LOG, {}, { token: supervisor.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    // The agent following their own chat is not spying.
    const own = wsClient(stack.api.url, agent.token);
    const mine = subscribe<{ messageAdded: { text: string } }>(own, 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }', { i: chat.interaction.id });
    await mine.next();
    assert.equal((await ok<{ spySessions: unknown[] }>(stack.api.url, LOG, {}, { token: stack.fx.admin })).spySessions.length, 1);
    await own.dispose();
    await socket.dispose();
  });

  it('refuses staff messages and spy logs to anonymous callers and customers', async () => {
    const campaign = await stack.fx.campaign();
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const customer = await stack.fx.started(campaign.key, 'Curious');
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const operations: [string, Record<string, unknown>][] = [
      ['{ staffConversations { unread } }', {}],
      ['{ staffColleagues { id } }', {}],
      ['query($w: ID!) { staffMessages(withUserId: $w) { text } }', { w: supervisor.id }],
      ['mutation($w: ID!) { markStaffMessagesRead(withUserId: $w) }', { w: supervisor.id }],
      [SEND, { to: supervisor.id, t: 'hello boss', c: 'v1' }],
      [LOG, {}],
    ];
    for (const [query, variables] of operations) {
      assert.equal((await graphql(stack.api.url, query, variables)).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', query);
      assert.equal((await graphql(stack.api.url, query, variables, { token: customer.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN', query);
    }
    const socket = wsClient(stack.api.url, customer.token);
    const inbox = subscribe(socket, 'subscription { staffMessageAdded { text } }');
    assert.equal((await inbox.next()).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    await socket.dispose();
  });
});
