import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { errorCode, graphql, ok, subscribe, wsClient } from '../testing/graphql-client';

describe('conversations', () => {
  const stack = conversationApi();

  it('refuses a chat on a disabled campaign, from a foreign site, or without required fields', async () => {
    const disabled = await stack.fx.campaign({ enabled: false });
    assert.equal((await stack.fx.start(disabled.key, 'Ann')).errors?.[0]?.extensions?.code, 'CAMPAIGN_DISABLED');
    const guarded = await stack.fx.campaign({ allowedDomains: ['shop.example.com'] });
    assert.equal((await stack.fx.start(guarded.key, 'Ann', {}, 'https://evil.test')).errors?.[0]?.extensions?.code, 'DOMAIN_NOT_ALLOWED');
    const strict = await stack.fx.campaign({ emailRequired: true, customField: { label: 'Order', visible: true, required: true } });
    const noEmail = await stack.fx.start(strict.key, 'Ann', { customFieldValue: 'A-1' });
    assert.deepEqual([noEmail.errors?.[0]?.extensions?.code, noEmail.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'email']);
    const noOrder = await stack.fx.start(strict.key, 'Ann', { email: 'ann@example.test' });
    assert.equal(noOrder.errors?.[0]?.extensions?.field, 'customFieldValue');
    assert.equal((await stack.fx.start(strict.key, 'Ann', { email: 'not an email', customFieldValue: 'A-1' })).errors?.[0]?.extensions?.field, 'email');
    assert.equal((await stack.fx.start(strict.key, '  ', { email: 'ann@example.test', customFieldValue: 'A-1' })).errors?.[0]?.extensions?.field, 'name');
  });

  it('rejects on arrival outside the schedule, when the queue is full, or when nobody is signed in, in the contact language', async () => {
    const closed = await stack.fx.campaign({ schedule: { timezone: 'UTC', ranges: [], exceptions: [] } });
    await stack.fx.agent([closed.id]).then((a) => stack.fx.setState(a, 'AVAILABLE'));
    const late = await stack.fx.started(closed.key, 'Late', { language: 'ES' });
    assert.deepEqual([late.interaction.state, late.interaction.closeReason, late.interaction.outOfHours], ['REJECTED', 'OUT_OF_TIME', true]);
    assert.deepEqual(late.interaction.messages.map((m) => [m.sender.kind, m.text]), [['SYSTEM', 'Closed (es)']]);

    const nobody = await stack.fx.campaign();
    const alone = await stack.fx.started(nobody.key, 'Alone', { language: 'PT' });
    assert.deepEqual([alone.interaction.state, alone.interaction.closeReason], ['REJECTED', 'NOT_AVAILABLE']);
    assert.equal(alone.interaction.messages[0]?.text, 'Busy (pt)');

    const small = await stack.fx.campaign({ thresholds: { ...validCampaignInput().thresholds, maxChats: 1 } });
    const paused = await stack.fx.agent([small.id]);
    await stack.fx.setState(paused, 'PAUSED', 'lunch');
    assert.equal((await stack.fx.started(small.key, 'First')).interaction.state, 'QUEUED');
    const second = await stack.fx.started(small.key, 'Second');
    assert.deepEqual([second.interaction.state, second.interaction.closeReason], ['REJECTED', 'QUEUE_FULL']);
  });

  it('keeps one open chat per visitor and campaign, even when the same visitor starts again at once', async () => {
    const campaign = await stack.fx.campaign();
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const first = await stack.fx.started(campaign.key, 'Racer', { email: 'racer@example.test' });
    // A reloaded page starting again with its token, several times at once: the open chat, never a second one.
    const again = await Promise.all(Array.from({ length: 8 }, () => stack.fx.started(campaign.key, 'Racer', { email: 'racer@example.test' }, first.token)));
    assert.deepEqual(new Set(again.map((s) => s.interaction.id)), new Set([first.interaction.id]));
    // Strangers typing the same email each get a chat of their own.
    const strangers = await Promise.all(Array.from({ length: 4 }, () => stack.fx.started(campaign.key, 'Racer', { email: 'racer@example.test' })));
    assert.equal(new Set([first.interaction.id, ...strangers.map((s) => s.interaction.id)]).size, 5);
  });

  it('routes LINEAR and RRMEMORY in the hand-computed order, within each agent limit', async () => {
    const linear = await stack.fx.campaign({ distribution: 'LINEAR' as never, maxInteractionsPerAgent: 2 });
    const [l1, l2] = [await stack.fx.agent([linear.id]), await stack.fx.agent([linear.id])] as const;
    await stack.fx.setState(l1, 'AVAILABLE');
    await stack.fx.setState(l2, 'AVAILABLE');
    const linearOrder = [];
    for (let i = 0; i < 5; i += 1) linearOrder.push((await stack.fx.started(linear.key, `L${i}`)).interaction.agent?.id ?? 'queued');
    assert.deepEqual(linearOrder, [l1.id, l1.id, l2.id, l2.id, 'queued']);

    const rr = await stack.fx.campaign({ distribution: 'RRMEMORY' as never, maxInteractionsPerAgent: 5 });
    const agents = [await stack.fx.agent([rr.id]), await stack.fx.agent([rr.id]), await stack.fx.agent([rr.id])];
    for (const agent of agents) await stack.fx.setState(agent, 'AVAILABLE');
    const rrOrder = [];
    for (let i = 0; i < 5; i += 1) rrOrder.push((await stack.fx.started(rr.key, `R${i}`)).interaction.agent?.id);
    assert.deepEqual(rrOrder, [agents[0]?.id, agents[1]?.id, agents[2]?.id, agents[0]?.id, agents[1]?.id]);
  });

  it('routes LEASTRECENT to the agent idle longest and FEWEST to the agent with fewest chats today', async () => {
    const LEAVE = 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }';
    const finish = async (chat: { token: string; interaction: { id: string } }) => ok(stack.api.url, LEAVE, { i: chat.interaction.id }, { token: chat.token });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    const least = await stack.fx.campaign({ distribution: 'LEASTRECENT' as never, maxInteractionsPerAgent: 1 });
    const [a, b, c] = [await stack.fx.agent([least.id]), await stack.fx.agent([least.id]), await stack.fx.agent([least.id])];
    for (const agent of [a, b, c]) await stack.fx.setState(agent, 'AVAILABLE');
    const first = await Promise.all([0, 1, 2].map((i) => stack.fx.started(least.key, `Warm ${i}`)));
    const byAgent = (id: string) => first.find((chat) => chat.interaction.agent?.id === id) as (typeof first)[number];
    // Chats end in the order B, C, A: B has been idle longest, then C, then A.
    for (const agent of [b, c, a]) {
      await finish(byAgent(agent.id));
      await sleep(20);
    }
    const order = [];
    for (let i = 0; i < 3; i += 1) order.push((await stack.fx.started(least.key, `Next ${i}`)).interaction.agent?.id);
    assert.deepEqual(order, [b.id, c.id, a.id]);

    const fewest = await stack.fx.campaign({ distribution: 'FEWEST' as never, maxInteractionsPerAgent: 5 });
    const [x, y, z] = [await stack.fx.agent([fewest.id]), await stack.fx.agent([fewest.id]), await stack.fx.agent([fewest.id])];
    // Today so far: x handled 2 chats, y 1, z none.
    await stack.fx.setState(x, 'AVAILABLE');
    for (const i of [1, 2]) await finish(await stack.fx.started(fewest.key, `X${i}`));
    await stack.fx.setState(x, 'PAUSED');
    await stack.fx.setState(y, 'AVAILABLE');
    await finish(await stack.fx.started(fewest.key, 'Y1'));
    await stack.fx.setState(x, 'AVAILABLE');
    await stack.fx.setState(z, 'AVAILABLE');
    const fewestOrder = [];
    for (let i = 0; i < 4; i += 1) fewestOrder.push((await stack.fx.started(fewest.key, `F${i}`)).interaction.agent?.id);
    // z (0) -> tie y/z at 1: member order picks y -> z (1 vs y 2, x 2) -> tie x/y/z at 2: member order picks x.
    assert.deepEqual(fewestOrder, [z.id, y.id, z.id, x.id]);
  });

  it('numbers messages without gaps, returns the first message on a resend, and limits text', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Eve');
    assert.equal(chat.interaction.state, 'ACTIVE');
    const id = chat.interaction.id;
    const first = await stack.fx.send(id, chat.token, 'hello', 'same-id');
    const again = await stack.fx.send(id, chat.token, 'hello', 'same-id');
    assert.deepEqual(again.data, first.data);
    const sends = await Promise.all(Array.from({ length: 20 }, (_, i) => stack.fx.send(id, i % 2 ? chat.token : agent.token, `m${i}`)));
    assert.deepEqual(sends.map((s) => s.data?.sendMessage.seq).sort((a, b) => (a ?? 0) - (b ?? 0)), Array.from({ length: 20 }, (_, i) => i + 2));
    const tooLong = await stack.fx.send(id, chat.token, 'x'.repeat(5001));
    assert.deepEqual([tooLong.errors?.[0]?.extensions?.code, tooLong.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'text']);
    assert.equal((await stack.fx.send(id, chat.token, 'x'.repeat(5000))).data?.sendMessage.seq, 22);
    assert.equal((await stack.fx.send(id, chat.token, '   ')).errors?.[0]?.extensions?.field, 'text');
  });

  it('replays then streams messages, and a reconnect with the last seq loses nothing and repeats nothing', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: 'Hi there' });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Finn');
    const id = chat.interaction.id;
    await stack.fx.send(id, chat.token, 'one');
    const QUERY = 'subscription($i: ID!, $a: Int) { messageAdded(interactionId: $i, afterSeq: $a) { seq text } }';
    const client = wsClient(stack.api.url, chat.token);
    const stream = subscribe<{ messageAdded: { seq: number; text: string } }>(client, QUERY, { i: id, a: 0 });
    assert.deepEqual([(await stream.next()).data?.messageAdded.seq, (await stream.next()).data?.messageAdded.seq], [1, 2]);
    await stack.fx.send(id, agent.token, 'two');
    assert.equal((await stream.next()).data?.messageAdded.text, 'two');
    stream.close();
    await client.dispose();
    await stack.fx.send(id, chat.token, 'while away');
    const again = wsClient(stack.api.url, chat.token);
    const resumed = subscribe<{ messageAdded: { seq: number; text: string } }>(again, QUERY, { i: id, a: 3 });
    assert.deepEqual((await resumed.next()).data?.messageAdded, { seq: 4, text: 'while away' });
    await stack.fx.send(id, agent.token, 'live again');
    assert.deepEqual((await resumed.next()).data?.messageAdded, { seq: 5, text: 'live again' });
    await assert.rejects(resumed.next(300));
    await again.dispose();
  });

  it('shows each chat only to its contact, its agent, members waiting for it, supervisors and scoped keys', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Gil', { email: 'gil@example.test' });
    const other = await stack.fx.started(campaign.key, 'Hal', { email: 'hal@example.test' });
    const outsider = await stack.fx.agent([(await stack.fx.campaign()).id]);
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const READ = 'query($id: ID!) { interaction(id: $id) { id } }';
    assert.equal((await ok<{ interaction: null }>(stack.api.url, READ, { id: chat.interaction.id }, { token: other.token })).interaction, null);
    assert.equal((await ok<{ interaction: null }>(stack.api.url, READ, { id: chat.interaction.id }, { token: outsider.token })).interaction, null);
    assert.ok((await ok<{ interaction: { id: string } }>(stack.api.url, READ, { id: chat.interaction.id }, { token: supervisor.token })).interaction);
    assert.equal(await errorCode(stack.api.url, READ, { id: chat.interaction.id }), 'UNAUTHENTICATED');
    assert.equal((await stack.fx.send(chat.interaction.id, other.token, 'intrusion')).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal((await stack.fx.send(chat.interaction.id, outsider.token, 'intrusion')).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal((await stack.fx.send(chat.interaction.id, supervisor.token, 'barge in')).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const listed = await ok<{ interactions: { edges: { node: { id: string } }[] } }>(stack.api.url, '{ interactions(first: 100) { edges { node { id } } } }', {}, { token: other.token });
    assert.deepEqual(listed.interactions.edges.map((e) => e.node.id), [other.interaction.id]);
    // A supervisor spies: the subscription is read-only and sees the chat's messages.
    const spy = wsClient(stack.api.url, supervisor.token);
    const watched = subscribe<{ messageAdded: { text: string } }>(spy, 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }', { i: chat.interaction.id });
    await stack.fx.send(chat.interaction.id, chat.token, 'can you see me');
    let seen = '';
    while (seen !== 'can you see me') seen = (await watched.next()).data?.messageAdded.text ?? '';
    await spy.dispose();
    const intruder = wsClient(stack.api.url, other.token);
    const refused = subscribe(intruder, 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }', { i: chat.interaction.id });
    assert.equal((await refused.next()).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    await intruder.dispose();
  });

  it('ends chats by the rules: abandon, contact left, agent close with quality, feedback once', async () => {
    const model = await ok<{ createQualityModel: { id: string; questions: { id: string }[] } }>(
      stack.api.url,
      'mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id questions { id } } }',
      { input: { name: 'QA', questions: [{ text: 'Solved', kind: 'SCORE', weight: 1 }] } },
      { token: stack.fx.admin },
    );
    const campaign = await stack.fx.campaign({ qualityModelId: model.createQualityModel.id });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'PAUSED');
    const waiting = await stack.fx.started(campaign.key, 'Ivy');
    const LEAVE = 'mutation($i: ID!) { leaveChat(interactionId: $i) { state closeReason } }';
    assert.deepEqual((await ok<{ leaveChat: unknown }>(stack.api.url, LEAVE, { i: waiting.interaction.id }, { token: waiting.token })).leaveChat, { state: 'ABANDONED', closeReason: 'CONTACT_LEFT' });

    await stack.fx.setState(agent, 'AVAILABLE');
    const active = await stack.fx.started(campaign.key, 'Jo');
    assert.equal(active.interaction.agent?.id, agent.id);
    const CLOSE = 'mutation($i: ID!, $q: [QualityAnswerInput!]) { closeInteraction(id: $i, quality: $q) { state closeReason qualityScore } }';
    const missing = await graphql(stack.api.url, CLOSE, { i: active.interaction.id, q: [] }, { token: agent.token });
    assert.deepEqual([missing.errors?.[0]?.extensions?.code, missing.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'quality']);
    const bad = await graphql(stack.api.url, CLOSE, { i: active.interaction.id, q: [{ questionId: model.createQualityModel.questions[0]?.id, value: '9' }] }, { token: agent.token });
    assert.equal(bad.errors?.[0]?.extensions?.field, 'quality[0].value');
    const closed = await ok<{ closeInteraction: unknown }>(stack.api.url, CLOSE, { i: active.interaction.id, q: [{ questionId: model.createQualityModel.questions[0]?.id, value: '5' }] }, { token: agent.token });
    assert.deepEqual(closed.closeInteraction, { state: 'CLOSED', closeReason: 'AGENT_CLOSED', qualityScore: 1 });
    // Editing the model later keeps the answers as they were asked.
    const UPDATE_MODEL = 'mutation($id: ID!, $input: QualityModelInput!) { updateQualityModel(id: $id, input: $input) { id } }';
    await ok(stack.api.url, UPDATE_MODEL, { id: model.createQualityModel.id, input: { name: 'QA', questions: [{ id: model.createQualityModel.questions[0]?.id, text: 'Solved first time', kind: 'SCORE', weight: 3 }] } }, { token: stack.fx.admin });
    const kept = await ok<{ interaction: { quality: unknown } }>(stack.api.url, 'query($i: ID!) { interaction(id: $i) { quality { value questionText weight } } }', { i: active.interaction.id }, { token: stack.fx.admin });
    assert.deepEqual(kept.interaction.quality, [{ value: '5', questionText: 'Solved', weight: 1 }]);
    const FEEDBACK = 'mutation($i: ID!, $r: Int!) { leaveFeedback(interactionId: $i, rating: $r) { feedback { rating } } }';
    assert.equal((await graphql(stack.api.url, FEEDBACK, { i: active.interaction.id, r: 6 }, { token: active.token })).errors?.[0]?.extensions?.field, 'rating');
    assert.deepEqual((await ok<{ leaveFeedback: unknown }>(stack.api.url, FEEDBACK, { i: active.interaction.id, r: 4 }, { token: active.token })).leaveFeedback, { feedback: { rating: 4 } });
    assert.equal(await errorCode(stack.api.url, FEEDBACK, { i: active.interaction.id, r: 1 }, { token: active.token }), 'CONFLICT');

    const third = await stack.fx.started(campaign.key, 'Kim');
    assert.deepEqual((await ok<{ leaveChat: unknown }>(stack.api.url, LEAVE, { i: third.interaction.id }, { token: third.token })).leaveChat, { state: 'CLOSED', closeReason: 'CONTACT_LEFT' });
  });

  it('puts an agent’s chats back at the head of the queue when they log out, keeping their queue time', async () => {
    const campaign = await stack.fx.campaign();
    const leaving = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(leaving, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Lou');
    assert.equal(chat.interaction.agent?.id, leaving.id);
    await stack.fx.setState(leaving, 'OFFLINE');
    const back = await stack.fx.interaction(chat.interaction.id);
    assert.deepEqual([back?.state, back?.agent, back?.queuedAt], ['QUEUED', null, chat.interaction.queuedAt]);
    const taking = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(taking, 'AVAILABLE');
    assert.equal((await stack.fx.interaction(chat.interaction.id))?.agent?.id, taking.id);
  });

  it('rejects a chat that waits longer than the wait timeout', async () => {
    const campaign = await stack.fx.campaign({ thresholds: { ...validCampaignInput().thresholds, waitTimeoutSeconds: 1 } });
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const chat = await stack.fx.started(campaign.key, 'Max', { language: 'ES' });
    assert.equal(chat.interaction.state, 'QUEUED');
    let state = 'QUEUED';
    for (let i = 0; i < 40 && state === 'QUEUED'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await stack.fx.interaction(chat.interaction.id))?.state ?? '';
    }
    const ended = await stack.fx.interaction(chat.interaction.id);
    assert.deepEqual([ended?.state, ended?.closeReason, ended?.messages.at(-1)?.text], ['REJECTED', 'WAIT_TIMEOUT', 'Busy (es)']);
  });

  it('lets agents pick chats from an AGENT_PICKS queue and offers RINGALL chats to all, first accept wins', async () => {
    const picks = await stack.fx.campaign({ distribution: 'AGENT_PICKS' as never });
    const picker = await stack.fx.agent([picks.id]);
    await stack.fx.setState(picker, 'AVAILABLE');
    const waiting = await stack.fx.started(picks.key, 'Ned');
    assert.equal(waiting.interaction.state, 'QUEUED');
    const ACCEPT = 'mutation($i: ID!) { acceptInteraction(id: $i) { state agent { id } } }';
    assert.deepEqual((await ok<{ acceptInteraction: unknown }>(stack.api.url, ACCEPT, { i: waiting.interaction.id }, { token: picker.token })).acceptInteraction, { state: 'ACTIVE', agent: { id: picker.id } });

    const ring = await stack.fx.campaign({ distribution: 'RINGALL' as never });
    const [a, b] = [await stack.fx.agent([ring.id]), await stack.fx.agent([ring.id])];
    await stack.fx.setState(a, 'AVAILABLE');
    await stack.fx.setState(b, 'AVAILABLE');
    const offered = await stack.fx.started(ring.key, 'Oli');
    assert.equal(offered.interaction.state, 'OFFERED');
    const results = await Promise.all([a, b].map((agent) => graphql<{ acceptInteraction: { agent: { id: string } } }>(stack.api.url, ACCEPT, { i: offered.interaction.id }, { token: agent.token })));
    const winners = results.filter((r) => r.data);
    assert.equal(winners.length, 1);
    assert.equal(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code, 'CONFLICT');
    // Asking again once the winner's accept is committed: still taken, not unknown.
    const loser = winners[0]?.data?.acceptInteraction.agent.id === a.id ? b : a;
    const again = await graphql(stack.api.url, ACCEPT, { i: offered.interaction.id }, { token: loser.token });
    assert.equal(again.errors?.[0]?.extensions?.code, 'CONFLICT');
  });
});
