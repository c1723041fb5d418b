import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';
import { untilListening } from '../testing/wait-for';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const UPDATE = 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }';

describe('chat details: typing, read marks, origin, history, recordings', () => {
  const stack = conversationApi();

  it('shows typing to the other side and keeps read marks that never move back', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Yan');
    const socket = wsClient(stack.api.url, agent.token);
    const typing = subscribe<{ typing: { typing: boolean; sender: { kind: string; name: string } } }>(socket, 'subscription($i: ID!) { typing(interactionId: $i) { typing sender { kind name } } }', { i: chat.interaction.id });
    let seen: { typing: boolean; sender: { kind: string; name: string } } | undefined;
    for (let i = 0; i < 20 && !seen; i += 1) {
      await ok(stack.api.url, 'mutation($i: ID!) { setTyping(interactionId: $i, typing: true) }', { i: chat.interaction.id }, { token: chat.token });
      seen = await typing.next(250).then((r) => r.data?.typing, () => undefined);
    }
    assert.deepEqual(seen, { typing: true, sender: { kind: 'CONTACT', name: 'Yan' } });
    await socket.dispose();

    await stack.fx.send(chat.interaction.id, chat.token, 'one');
    await stack.fx.send(chat.interaction.id, chat.token, 'two');
    const MARK = 'mutation($i: ID!, $s: Int!) { markRead(interactionId: $i, seq: $s) { agentReadSeq contactReadSeq } }';
    assert.deepEqual((await ok<{ markRead: unknown }>(stack.api.url, MARK, { i: chat.interaction.id, s: 2 }, { token: agent.token })).markRead, { agentReadSeq: 2, contactReadSeq: 0 });
    assert.deepEqual((await ok<{ markRead: unknown }>(stack.api.url, MARK, { i: chat.interaction.id, s: 1 }, { token: agent.token })).markRead, { agentReadSeq: 2, contactReadSeq: 0 });
    assert.equal((await graphql(stack.api.url, MARK, { i: chat.interaction.id, s: 9 }, { token: agent.token })).errors?.[0]?.extensions?.field, 'seq');
  });

  it('accepts a visitor token only from the campaign’s allowed sites, over HTTP and WebSocket', async () => {
    const campaign = await stack.fx.campaign({ allowedDomains: ['shop.example.com'] });
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'AVAILABLE'));
    const started = await stack.fx.start(campaign.key, 'Zoe', {}, 'https://shop.example.com');
    const token = started.data?.startChat.token as string;
    const id = started.data?.startChat.interaction.id as string;
    const READ = 'query($i: ID!) { interaction(id: $i) { id } }';
    assert.ok((await ok<{ interaction: unknown }>(stack.api.url, READ, { i: id }, { token, origin: 'https://shop.example.com' })).interaction);
    assert.equal((await graphql(stack.api.url, READ, { i: id }, { token, origin: 'https://evil.test' })).errors?.[0]?.extensions?.code, 'DOMAIN_NOT_ALLOWED');
    const foreign = wsClient(stack.api.url, token, 'https://evil.test');
    const refused = subscribe(foreign, 'subscription($i: ID!) { messageAdded(interactionId: $i) { seq } }', { i: id });
    assert.equal(((await refused.ended) as { code?: number }).code, 4403);
    await foreign.dispose();
  });

  it('records the routing explanation for staff, not for visitors', async () => {
    const campaign = await stack.fx.campaign({ distribution: 'LINEAR' as never });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Abe');
    const QUERY = 'query($i: ID!) { interaction(id: $i) { routing { strategy reason candidates { agentId eligible reason } } } }';
    const staff = await ok<{ interaction: { routing: { strategy: string; candidates: { agentId: string; eligible: boolean }[] } } }>(stack.api.url, QUERY, { i: chat.interaction.id }, { token: stack.fx.admin });
    assert.equal(staff.interaction.routing.strategy, 'LINEAR');
    assert.deepEqual(staff.interaction.routing.candidates.map((c) => [c.agentId, c.eligible]), [[agent.id, true]]);
    assert.equal((await ok<{ interaction: { routing: null } }>(stack.api.url, QUERY, { i: chat.interaction.id }, { token: chat.token })).interaction.routing, null);
  });

  it('closes waiting chats at the schedule’s closing time when there is no wait limit, and when the campaign is disabled', async () => {
    const input = validCampaignInput({ thresholds: { ...validCampaignInput().thresholds, waitTimeoutSeconds: 0 } });
    const campaign = await stack.fx.campaign(input);
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const chat = await stack.fx.started(campaign.key, 'Bea', { language: 'PT' });
    assert.equal(chat.interaction.state, 'QUEUED');
    await ok(stack.api.url, UPDATE, { id: campaign.id, input: { ...input, schedule: { timezone: 'UTC', ranges: [], exceptions: [] } } }, { token: stack.fx.admin });
    let ended = await stack.fx.interaction(chat.interaction.id);
    for (let i = 0; i < 30 && ended?.state === 'QUEUED'; i += 1) ended = await sleep(100).then(() => stack.fx.interaction(chat.interaction.id));
    assert.deepEqual([ended?.state, ended?.closeReason, ended?.messages.at(-1)?.text], ['REJECTED', 'OUT_OF_TIME', 'Closed (pt)']);

    const other = await stack.fx.campaign();
    await stack.fx.agent([other.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const waiting = await stack.fx.started(other.key, 'Cid');
    await ok(stack.api.url, UPDATE, { id: other.id, input: validCampaignInput({ enabled: false }) }, { token: stack.fx.admin });
    let disabled = await stack.fx.interaction(waiting.interaction.id);
    for (let i = 0; i < 30 && disabled?.state === 'QUEUED'; i += 1) disabled = await sleep(100).then(() => stack.fx.interaction(waiting.interaction.id));
    assert.deepEqual([disabled?.state, disabled?.closeReason], ['REJECTED', 'CAMPAIGN_DISABLED']);
  });

  it('lists a contact’s earlier chats and pages through recordings with filters', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id], 0);
    await stack.fx.setState(agent, 'AVAILABLE');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const chat = await stack.fx.started(campaign.key, 'Dee', { email: 'dee@example.test' });
      await stack.fx.send(chat.interaction.id, chat.token, `visit number ${i} about invoices`);
      await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { id } }', { i: chat.interaction.id }, { token: chat.token });
      ids.push(chat.interaction.id);
    }
    const current = await stack.fx.started(campaign.key, 'Dee', { email: 'dee@example.test' });
    const history = await ok<{ contactHistory: { id: string }[] }>(stack.api.url, 'query($i: ID!) { contactHistory(interactionId: $i) { id } }', { i: current.interaction.id }, { token: agent.token });
    assert.deepEqual(history.contactHistory.map((h) => h.id), [...ids].reverse());

    const PAGE = 'query($f: InteractionFilter, $n: Int, $a: String) { interactions(filter: $f, first: $n, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }';
    type Page = { interactions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } };
    const first = await ok<Page>(stack.api.url, PAGE, { f: { campaignId: campaign.id, state: 'CLOSED' }, n: 2 }, { token: stack.fx.admin });
    assert.equal(first.interactions.totalCount, 3);
    assert.equal(first.interactions.pageInfo.hasNextPage, true);
    const second = await ok<Page>(stack.api.url, PAGE, { f: { campaignId: campaign.id, state: 'CLOSED' }, n: 2, a: first.interactions.pageInfo.endCursor }, { token: stack.fx.admin });
    assert.deepEqual([...first.interactions.edges, ...second.interactions.edges].map((e) => e.node.id), [...ids].reverse());
    assert.equal(second.interactions.pageInfo.hasNextPage, false);
    const found = await ok<Page>(stack.api.url, PAGE, { f: { text: 'number 1 about' } }, { token: stack.fx.admin });
    assert.deepEqual(found.interactions.edges.map((e) => e.node.id), [ids[1]]);
    const wildcard = await ok<Page>(stack.api.url, PAGE, { f: { text: '%' } }, { token: stack.fx.admin });
    assert.equal(wildcard.interactions.totalCount, 0);
    assert.equal((await graphql(stack.api.url, PAGE, { a: 'garbage' }, { token: stack.fx.admin })).errors?.[0]?.extensions?.field, 'after');
    assert.equal((await graphql(stack.api.url, PAGE, { n: 1000 }, { token: stack.fx.admin })).errors?.[0]?.extensions?.field, 'first');
  });

  it('shows agents the waiting queue of an AGENT_PICKS campaign and tells them when a chat arrives', async () => {
    const campaign = await stack.fx.campaign({ distribution: 'AGENT_PICKS' as never });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const socket = wsClient(stack.api.url, agent.token);
    const events = subscribe<{ myInteractions: { kind: string; interaction: { id: string } } }>(socket, 'subscription { myInteractions { kind interaction { id } } }');
    await untilListening(`AGENT_INTERACTION:${agent.id}`);
    const chat = await stack.fx.started(campaign.key, 'Eli');
    assert.deepEqual((await events.next()).data?.myInteractions, { kind: 'OFFERED', interaction: { id: chat.interaction.id } });
    await socket.dispose();
    const queue = await ok<{ interactions: { edges: { node: { id: string } }[] } }>(
      stack.api.url,
      'query($c: ID!) { interactions(filter: { campaignId: $c, state: QUEUED }) { edges { node { id } } } }',
      { c: campaign.id },
      { token: agent.token },
    );
    assert.deepEqual(queue.interactions.edges.map((e) => e.node.id), [chat.interaction.id]);
    const outsider = await stack.fx.agent([(await stack.fx.campaign()).id]);
    const hidden = await ok<{ interactions: { edges: unknown[] } }>(stack.api.url, 'query($c: ID!) { interactions(filter: { campaignId: $c }) { edges { node { id } } } }', { c: campaign.id }, { token: outsider.token });
    assert.deepEqual(hidden.interactions.edges, []);
  });

  it('keeps staff details out of what a visitor can read, and lets scoped API keys and supervisors act', async () => {
    const campaign = await stack.fx.campaign({ offlineMessageEnabled: true, offlineMessageEmail: 'ops@example.test', showAgentName: true });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Fay');
    const LEAK = 'query($i: ID!) { interaction(id: $i) { agent { name email } campaign { offlineMessageEmail members { agent { email } } cannedResponses { text } } } }';
    const seen = await ok<{ interaction: { agent: { name: string; email: string }; campaign: { offlineMessageEmail: null; members: unknown[]; cannedResponses: unknown[] } } }>(stack.api.url, LEAK, { i: chat.interaction.id }, { token: chat.token });
    assert.match(seen.interaction.agent.name, /^Agent/);
    assert.equal(seen.interaction.agent.email, '');
    assert.deepEqual(seen.interaction.campaign, { offlineMessageEmail: null, members: [], cannedResponses: [] });

    const KEY = 'mutation($s: [ApiScope!]!) { createApiKey(name: "CRM", scopes: $s) { key } }';
    const reader = (await ok<{ createApiKey: { key: string } }>(stack.api.url, KEY, { s: ['INTERACTIONS_READ'] }, { token: stack.fx.admin })).createApiKey.key;
    const other = (await ok<{ createApiKey: { key: string } }>(stack.api.url, KEY, { s: ['CAMPAIGNS_READ'] }, { token: stack.fx.admin })).createApiKey.key;
    const READ = 'query($i: ID!) { interaction(id: $i) { id messages { seq } } }';
    assert.ok((await ok<{ interaction: unknown }>(stack.api.url, READ, { i: chat.interaction.id }, { token: reader })).interaction);
    assert.equal((await ok<{ interaction: null }>(stack.api.url, READ, { i: chat.interaction.id }, { token: other })).interaction, null);
    assert.equal((await graphql(stack.api.url, '{ interactions { totalCount } }', {}, { token: other })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await stack.fx.send(chat.interaction.id, reader, 'keys only read')).errors?.[0]?.extensions?.code, 'FORBIDDEN');

    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const PAUSE = 'mutation($a: ID!) { pauseAgent(agentId: $a, reason: "coaching") { state pauseReason } }';
    assert.equal((await graphql(stack.api.url, PAUSE, { a: agent.id }, { token: agent.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.deepEqual((await ok<{ pauseAgent: unknown }>(stack.api.url, PAUSE, { a: agent.id }, { token: supervisor.token })).pauseAgent, { state: 'PAUSED', pauseReason: 'coaching' });
    const out = await ok<{ logoutAgent: { state: string; active: unknown[] } }>(stack.api.url, 'mutation($a: ID!) { logoutAgent(agentId: $a) { state active { interactionId } } }', { a: agent.id }, { token: supervisor.token });
    assert.deepEqual(out.logoutAgent, { state: 'OFFLINE', active: [] });
    assert.equal((await stack.fx.interaction(chat.interaction.id))?.state, 'QUEUED');
    // Logged out means signed out: the agent's session token no longer works.
    assert.equal((await graphql(stack.api.url, '{ me { id } }', {}, { token: agent.token })).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('closes the open sockets of a session that is signed out or logged out by a supervisor', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const agentSocket = wsClient(stack.api.url, agent.token);
    const agentEvents = subscribe(agentSocket, 'subscription { myInteractions { kind } }');
    const supervisorSocket = wsClient(stack.api.url, supervisor.token);
    const supervisorEvents = subscribe(supervisorSocket, 'subscription($c: ID!) { campaignUpdated(id: $c) { id } }', { c: campaign.id });
    await untilListening(`AGENT_INTERACTION:${agent.id}`);
    await untilListening(`CAMPAIGN_UPDATED:${campaign.id}`);
    await ok(stack.api.url, 'mutation($a: ID!) { logoutAgent(agentId: $a) { state } }', { a: agent.id }, { token: supervisor.token });
    assert.equal(((await agentEvents.ended) as { code?: number }).code, 4403);
    await ok(stack.api.url, 'mutation { logout }', {}, { token: supervisor.token });
    assert.equal(((await supervisorEvents.ended) as { code?: number }).code, 4403);
    await agentSocket.dispose();
    await supervisorSocket.dispose();
  });
});
