import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { errorCode, graphql, ok, subscribe, wsClient } from '../testing/graphql-client';

describe('conversations', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let fx: ConversationFixture;

  before(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV });
    fx = await ConversationFixture.connect(api.url);
  });
  after(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('refuses a chat on a disabled campaign, from a foreign site, or without required fields', async () => {
    const disabled = await fx.campaign({ enabled: false });
    assert.equal((await fx.start(disabled.key, 'Ann')).errors?.[0]?.extensions?.code, 'CAMPAIGN_DISABLED');
    const guarded = await fx.campaign({ allowedDomains: ['shop.example.com'] });
    assert.equal((await fx.start(guarded.key, 'Ann', {}, 'https://evil.test')).errors?.[0]?.extensions?.code, 'DOMAIN_NOT_ALLOWED');
    const strict = await fx.campaign({ emailRequired: true, customField: { label: 'Order', visible: true, required: true } });
    const noEmail = await fx.start(strict.key, 'Ann', { customFieldValue: 'A-1' });
    assert.deepEqual([noEmail.errors?.[0]?.extensions?.code, noEmail.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'email']);
    const noOrder = await fx.start(strict.key, 'Ann', { email: 'ann@example.test' });
    assert.equal(noOrder.errors?.[0]?.extensions?.field, 'customFieldValue');
    assert.equal((await fx.start(strict.key, 'Ann', { email: 'not an email', customFieldValue: 'A-1' })).errors?.[0]?.extensions?.field, 'email');
    assert.equal((await fx.start(strict.key, '  ', { email: 'ann@example.test', customFieldValue: 'A-1' })).errors?.[0]?.extensions?.field, 'name');
  });

  it('rejects on arrival outside the schedule, when the queue is full, or when nobody is signed in, in the contact language', async () => {
    const closed = await fx.campaign({ schedule: { timezone: 'UTC', ranges: [], exceptions: [] } });
    await fx.agent([closed.id]).then((a) => fx.setState(a, 'AVAILABLE'));
    const late = await fx.started(closed.key, 'Late', { language: 'ES' });
    assert.deepEqual([late.interaction.state, late.interaction.closeReason, late.interaction.outOfHours], ['REJECTED', 'OUT_OF_TIME', true]);
    assert.deepEqual(late.interaction.messages.map((m) => [m.sender.kind, m.text]), [['SYSTEM', 'Closed (es)']]);

    const nobody = await fx.campaign();
    const alone = await fx.started(nobody.key, 'Alone', { language: 'PT' });
    assert.deepEqual([alone.interaction.state, alone.interaction.closeReason], ['REJECTED', 'NOT_AVAILABLE']);
    assert.equal(alone.interaction.messages[0]?.text, 'Busy (pt)');

    const small = await fx.campaign({ thresholds: { ...validCampaignInput().thresholds, maxChats: 1 } });
    const paused = await fx.agent([small.id]);
    await fx.setState(paused, 'PAUSED', 'lunch');
    assert.equal((await fx.started(small.key, 'First')).interaction.state, 'QUEUED');
    const second = await fx.started(small.key, 'Second');
    assert.deepEqual([second.interaction.state, second.interaction.closeReason], ['REJECTED', 'QUEUE_FULL']);
  });

  it('keeps one open chat per contact and campaign, even when starts race', async () => {
    const campaign = await fx.campaign();
    await fx.agent([campaign.id]).then((a) => fx.setState(a, 'PAUSED'));
    const starts = await Promise.all(Array.from({ length: 8 }, () => fx.started(campaign.key, 'Racer', { email: 'racer@example.test' })));
    assert.equal(new Set(starts.map((s) => s.interaction.id)).size, 1);
    assert.equal(new Set(starts.map((s) => s.token)).size, 8);
    // The same person identified by the custom field value on another visit.
    const byField = await fx.campaign({ customField: { label: 'Customer number', visible: true, required: false } });
    await fx.agent([byField.id]).then((a) => fx.setState(a, 'PAUSED'));
    const a = await fx.started(byField.key, 'Dora', { customFieldValue: 'C-77' });
    const b = await fx.started(byField.key, 'Dora again', { customFieldValue: 'C-77' });
    assert.equal(a.interaction.id, b.interaction.id);
  });

  it('routes LINEAR and RRMEMORY in the hand-computed order, within each agent limit', async () => {
    const linear = await fx.campaign({ distribution: 'LINEAR' as never, maxInteractionsPerAgent: 2 });
    const [l1, l2] = [await fx.agent([linear.id]), await fx.agent([linear.id])] as const;
    await fx.setState(l1, 'AVAILABLE');
    await fx.setState(l2, 'AVAILABLE');
    const linearOrder = [];
    for (let i = 0; i < 5; i += 1) linearOrder.push((await fx.started(linear.key, `L${i}`)).interaction.agent?.id ?? 'queued');
    assert.deepEqual(linearOrder, [l1.id, l1.id, l2.id, l2.id, 'queued']);

    const rr = await fx.campaign({ distribution: 'RRMEMORY' as never, maxInteractionsPerAgent: 5 });
    const agents = [await fx.agent([rr.id]), await fx.agent([rr.id]), await fx.agent([rr.id])];
    for (const agent of agents) await fx.setState(agent, 'AVAILABLE');
    const rrOrder = [];
    for (let i = 0; i < 5; i += 1) rrOrder.push((await fx.started(rr.key, `R${i}`)).interaction.agent?.id);
    assert.deepEqual(rrOrder, [agents[0]?.id, agents[1]?.id, agents[2]?.id, agents[0]?.id, agents[1]?.id]);
  });

  it('routes LEASTRECENT to the agent idle longest and FEWEST to the agent with fewest chats today', async () => {
    const LEAVE = 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }';
    const finish = async (chat: { token: string; interaction: { id: string } }) => ok(api.url, LEAVE, { i: chat.interaction.id }, { token: chat.token });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    const least = await fx.campaign({ distribution: 'LEASTRECENT' as never, maxInteractionsPerAgent: 1 });
    const [a, b, c] = [await fx.agent([least.id]), await fx.agent([least.id]), await fx.agent([least.id])];
    for (const agent of [a, b, c]) await fx.setState(agent, 'AVAILABLE');
    const first = await Promise.all([0, 1, 2].map((i) => fx.started(least.key, `Warm ${i}`)));
    const byAgent = (id: string) => first.find((chat) => chat.interaction.agent?.id === id) as (typeof first)[number];
    // Chats end in the order B, C, A: B has been idle longest, then C, then A.
    for (const agent of [b, c, a]) {
      await finish(byAgent(agent.id));
      await sleep(20);
    }
    const order = [];
    for (let i = 0; i < 3; i += 1) order.push((await fx.started(least.key, `Next ${i}`)).interaction.agent?.id);
    assert.deepEqual(order, [b.id, c.id, a.id]);

    const fewest = await fx.campaign({ distribution: 'FEWEST' as never, maxInteractionsPerAgent: 5 });
    const [x, y, z] = [await fx.agent([fewest.id]), await fx.agent([fewest.id]), await fx.agent([fewest.id])];
    // Today so far: x handled 2 chats, y 1, z none.
    await fx.setState(x, 'AVAILABLE');
    for (const i of [1, 2]) await finish(await fx.started(fewest.key, `X${i}`));
    await fx.setState(x, 'PAUSED');
    await fx.setState(y, 'AVAILABLE');
    await finish(await fx.started(fewest.key, 'Y1'));
    await fx.setState(x, 'AVAILABLE');
    await fx.setState(z, 'AVAILABLE');
    const fewestOrder = [];
    for (let i = 0; i < 4; i += 1) fewestOrder.push((await fx.started(fewest.key, `F${i}`)).interaction.agent?.id);
    // z (0) -> tie y/z at 1: member order picks y -> z (1 vs y 2, x 2) -> tie x/y/z at 2: member order picks x.
    assert.deepEqual(fewestOrder, [z.id, y.id, z.id, x.id]);
  });

  it('numbers messages without gaps, returns the first message on a resend, and limits text', async () => {
    const campaign = await fx.campaign({ automaticAgentMessage: null });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Eve');
    assert.equal(chat.interaction.state, 'ACTIVE');
    const id = chat.interaction.id;
    const first = await fx.send(id, chat.token, 'hello', 'same-id');
    const again = await fx.send(id, chat.token, 'hello', 'same-id');
    assert.deepEqual(again.data, first.data);
    const sends = await Promise.all(Array.from({ length: 20 }, (_, i) => fx.send(id, i % 2 ? chat.token : agent.token, `m${i}`)));
    assert.deepEqual(sends.map((s) => s.data?.sendMessage.seq).sort((a, b) => (a ?? 0) - (b ?? 0)), Array.from({ length: 20 }, (_, i) => i + 2));
    const tooLong = await fx.send(id, chat.token, 'x'.repeat(5001));
    assert.deepEqual([tooLong.errors?.[0]?.extensions?.code, tooLong.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'text']);
    assert.equal((await fx.send(id, chat.token, 'x'.repeat(5000))).data?.sendMessage.seq, 22);
    assert.equal((await fx.send(id, chat.token, '   ')).errors?.[0]?.extensions?.field, 'text');
  });

  it('replays then streams messages, and a reconnect with the last seq loses nothing and repeats nothing', async () => {
    const campaign = await fx.campaign({ automaticAgentMessage: 'Hi there' });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Finn');
    const id = chat.interaction.id;
    await fx.send(id, chat.token, 'one');
    const QUERY = 'subscription($i: ID!, $a: Int) { messageAdded(interactionId: $i, afterSeq: $a) { seq text } }';
    const client = wsClient(api.url, chat.token);
    const stream = subscribe<{ messageAdded: { seq: number; text: string } }>(client, QUERY, { i: id, a: 0 });
    assert.deepEqual([(await stream.next()).data?.messageAdded.seq, (await stream.next()).data?.messageAdded.seq], [1, 2]);
    await fx.send(id, agent.token, 'two');
    assert.equal((await stream.next()).data?.messageAdded.text, 'two');
    stream.close();
    await client.dispose();
    await fx.send(id, chat.token, 'while away');
    const again = wsClient(api.url, chat.token);
    const resumed = subscribe<{ messageAdded: { seq: number; text: string } }>(again, QUERY, { i: id, a: 3 });
    assert.deepEqual((await resumed.next()).data?.messageAdded, { seq: 4, text: 'while away' });
    await fx.send(id, agent.token, 'live again');
    assert.deepEqual((await resumed.next()).data?.messageAdded, { seq: 5, text: 'live again' });
    await assert.rejects(resumed.next(300));
    await again.dispose();
  });

  it('shows each chat only to its contact, its agent, members waiting for it, supervisors and scoped keys', async () => {
    const campaign = await fx.campaign();
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Gil', { email: 'gil@example.test' });
    const other = await fx.started(campaign.key, 'Hal', { email: 'hal@example.test' });
    const outsider = await fx.agent([(await fx.campaign()).id]);
    const supervisor = await fx.agent([], 0, 'SUPERVISOR');
    const READ = 'query($id: ID!) { interaction(id: $id) { id } }';
    assert.equal((await ok<{ interaction: null }>(api.url, READ, { id: chat.interaction.id }, { token: other.token })).interaction, null);
    assert.equal((await ok<{ interaction: null }>(api.url, READ, { id: chat.interaction.id }, { token: outsider.token })).interaction, null);
    assert.ok((await ok<{ interaction: { id: string } }>(api.url, READ, { id: chat.interaction.id }, { token: supervisor.token })).interaction);
    assert.equal(await errorCode(api.url, READ, { id: chat.interaction.id }), 'UNAUTHENTICATED');
    assert.equal((await fx.send(chat.interaction.id, other.token, 'intrusion')).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal((await fx.send(chat.interaction.id, outsider.token, 'intrusion')).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal((await fx.send(chat.interaction.id, supervisor.token, 'barge in')).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const listed = await ok<{ interactions: { edges: { node: { id: string } }[] } }>(api.url, '{ interactions(first: 100) { edges { node { id } } } }', {}, { token: other.token });
    assert.deepEqual(listed.interactions.edges.map((e) => e.node.id), [other.interaction.id]);
    // A supervisor spies: the subscription is read-only and sees the chat's messages.
    const spy = wsClient(api.url, supervisor.token);
    const watched = subscribe<{ messageAdded: { text: string } }>(spy, 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }', { i: chat.interaction.id });
    await fx.send(chat.interaction.id, chat.token, 'can you see me');
    let seen = '';
    while (seen !== 'can you see me') seen = (await watched.next()).data?.messageAdded.text ?? '';
    await spy.dispose();
    const intruder = wsClient(api.url, other.token);
    const refused = subscribe(intruder, 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }', { i: chat.interaction.id });
    assert.equal((await refused.next()).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    await intruder.dispose();
  });

  it('ends chats by the rules: abandon, contact left, agent close with quality, feedback once', async () => {
    const model = await ok<{ createQualityModel: { id: string; questions: { id: string }[] } }>(
      api.url,
      'mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id questions { id } } }',
      { input: { name: 'QA', questions: [{ text: 'Solved', kind: 'SCORE', weight: 1 }] } },
      { token: fx.admin },
    );
    const campaign = await fx.campaign({ qualityModelId: model.createQualityModel.id });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'PAUSED');
    const waiting = await fx.started(campaign.key, 'Ivy');
    const LEAVE = 'mutation($i: ID!) { leaveChat(interactionId: $i) { state closeReason } }';
    assert.deepEqual((await ok<{ leaveChat: unknown }>(api.url, LEAVE, { i: waiting.interaction.id }, { token: waiting.token })).leaveChat, { state: 'ABANDONED', closeReason: 'CONTACT_LEFT' });

    await fx.setState(agent, 'AVAILABLE');
    const active = await fx.started(campaign.key, 'Jo');
    assert.equal(active.interaction.agent?.id, agent.id);
    const CLOSE = 'mutation($i: ID!, $q: [QualityAnswerInput!]) { closeInteraction(id: $i, quality: $q) { state closeReason qualityScore } }';
    const missing = await graphql(api.url, CLOSE, { i: active.interaction.id, q: [] }, { token: agent.token });
    assert.deepEqual([missing.errors?.[0]?.extensions?.code, missing.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'quality']);
    const bad = await graphql(api.url, CLOSE, { i: active.interaction.id, q: [{ questionId: model.createQualityModel.questions[0]?.id, value: '9' }] }, { token: agent.token });
    assert.equal(bad.errors?.[0]?.extensions?.field, 'quality[0].value');
    const closed = await ok<{ closeInteraction: unknown }>(api.url, CLOSE, { i: active.interaction.id, q: [{ questionId: model.createQualityModel.questions[0]?.id, value: '5' }] }, { token: agent.token });
    assert.deepEqual(closed.closeInteraction, { state: 'CLOSED', closeReason: 'AGENT_CLOSED', qualityScore: 1 });
    const FEEDBACK = 'mutation($i: ID!, $r: Int!) { leaveFeedback(interactionId: $i, rating: $r) { feedback { rating } } }';
    assert.equal((await graphql(api.url, FEEDBACK, { i: active.interaction.id, r: 6 }, { token: active.token })).errors?.[0]?.extensions?.field, 'rating');
    assert.deepEqual((await ok<{ leaveFeedback: unknown }>(api.url, FEEDBACK, { i: active.interaction.id, r: 4 }, { token: active.token })).leaveFeedback, { feedback: { rating: 4 } });
    assert.equal(await errorCode(api.url, FEEDBACK, { i: active.interaction.id, r: 1 }, { token: active.token }), 'CONFLICT');

    const third = await fx.started(campaign.key, 'Kim');
    assert.deepEqual((await ok<{ leaveChat: unknown }>(api.url, LEAVE, { i: third.interaction.id }, { token: third.token })).leaveChat, { state: 'CLOSED', closeReason: 'CONTACT_LEFT' });
  });

  it('puts an agent’s chats back at the head of the queue when they log out, keeping their queue time', async () => {
    const campaign = await fx.campaign();
    const leaving = await fx.agent([campaign.id]);
    await fx.setState(leaving, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Lou');
    assert.equal(chat.interaction.agent?.id, leaving.id);
    await fx.setState(leaving, 'OFFLINE');
    const back = await fx.interaction(chat.interaction.id);
    assert.deepEqual([back?.state, back?.agent, back?.queuedAt], ['QUEUED', null, chat.interaction.queuedAt]);
    const taking = await fx.agent([campaign.id]);
    await fx.setState(taking, 'AVAILABLE');
    assert.equal((await fx.interaction(chat.interaction.id))?.agent?.id, taking.id);
  });

  it('rejects a chat that waits longer than the wait timeout', async () => {
    const campaign = await fx.campaign({ thresholds: { ...validCampaignInput().thresholds, waitTimeoutSeconds: 1 } });
    await fx.agent([campaign.id]).then((a) => fx.setState(a, 'PAUSED'));
    const chat = await fx.started(campaign.key, 'Max', { language: 'ES' });
    assert.equal(chat.interaction.state, 'QUEUED');
    let state = 'QUEUED';
    for (let i = 0; i < 40 && state === 'QUEUED'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await fx.interaction(chat.interaction.id))?.state ?? '';
    }
    const ended = await fx.interaction(chat.interaction.id);
    assert.deepEqual([ended?.state, ended?.closeReason, ended?.messages.at(-1)?.text], ['REJECTED', 'WAIT_TIMEOUT', 'Busy (es)']);
  });

  it('lets agents pick chats from an AGENT_PICKS queue and offers RINGALL chats to all, first accept wins', async () => {
    const picks = await fx.campaign({ distribution: 'AGENT_PICKS' as never });
    const picker = await fx.agent([picks.id]);
    await fx.setState(picker, 'AVAILABLE');
    const waiting = await fx.started(picks.key, 'Ned');
    assert.equal(waiting.interaction.state, 'QUEUED');
    const ACCEPT = 'mutation($i: ID!) { acceptInteraction(id: $i) { state agent { id } } }';
    assert.deepEqual((await ok<{ acceptInteraction: unknown }>(api.url, ACCEPT, { i: waiting.interaction.id }, { token: picker.token })).acceptInteraction, { state: 'ACTIVE', agent: { id: picker.id } });

    const ring = await fx.campaign({ distribution: 'RINGALL' as never });
    const [a, b] = [await fx.agent([ring.id]), await fx.agent([ring.id])];
    await fx.setState(a, 'AVAILABLE');
    await fx.setState(b, 'AVAILABLE');
    const offered = await fx.started(ring.key, 'Oli');
    assert.equal(offered.interaction.state, 'OFFERED');
    const results = await Promise.all([a, b].map((agent) => graphql<{ acceptInteraction: { agent: { id: string } } }>(api.url, ACCEPT, { i: offered.interaction.id }, { token: agent.token })));
    const winners = results.filter((r) => r.data);
    assert.equal(winners.length, 1);
    assert.equal(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code, 'CONFLICT');
  });
});
