import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { createTestDatabase, queryDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture, type Agent } from '../testing/conversation-fixtures';
import { subscribe, wsClient } from '../testing/graphql-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe('conversations across instances and restarts', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('never gives a chat to two agents nor an agent more than their limit, under 200 concurrent starts on two instances', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    const apis: ApiProcess[] = await Promise.all([0, 1].map(() => startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV })));
    cleanups.push(async () => void (await Promise.all(apis.map((api) => api.stop()))));
    const [one, two] = await Promise.all(apis.map((api) => ConversationFixture.connect(api.url)));
    const fx = [one, two] as ConversationFixture[];
    const LIMIT = 2;
    const campaign = await one!.campaign({ maxInteractionsPerAgent: LIMIT, automaticAgentMessage: 'Hi', thresholds: { ...validCampaignInput().thresholds, maxChats: 1000 } });
    const agents: Agent[] = [];
    for (let i = 0; i < 6; i += 1) agents.push(await one!.agent([campaign.id]));
    for (const agent of agents) await one!.setState(agent, 'AVAILABLE');

    let toggling = true;
    const toggler = (async () => {
      for (let round = 0; toggling && round < 200; round += 1) {
        const agent = agents[round % agents.length] as Agent;
        await fx[round % 2]!.setState(agent, round % 3 === 0 ? 'PAUSED' : 'AVAILABLE');
      }
    })();
    const starts = await Promise.all(Array.from({ length: 200 }, (_, i) => fx[i % 2]!.start(campaign.key, `Visitor ${i}`, { email: `v${i}@example.test` })));
    toggling = false;
    await toggler;
    assert.deepEqual(starts.filter((s) => s.errors), []);
    for (const agent of agents) await one!.setState(agent, 'AVAILABLE');
    await sleep(1500);

    const perAgent = await queryDatabase<{ agent_id: string; active: number }>(db.url, `select agent_id, count(*)::int as active from interactions where state = 'ACTIVE' group by agent_id`);
    assert.equal(perAgent.length, agents.length);
    for (const row of perAgent) assert.ok(row.active <= LIMIT, `agent ${row.agent_id} holds ${row.active} chats`);
    const doubled = await queryDatabase(db.url, `select interaction_id from messages where sender_kind = 'AGENT' group by interaction_id having count(*) > 1`);
    assert.deepEqual(doubled, [], 'a chat was assigned twice');
    const counts = await queryDatabase<{ state: string; n: number }>(db.url, `select state, count(*)::int as n from interactions group by state order by state`);
    assert.deepEqual(counts, [
      { state: 'ACTIVE', n: agents.length * LIMIT },
      { state: 'QUEUED', n: 200 - agents.length * LIMIT },
    ]);
  });

  it('loses no message and still fires its timers across an API restart', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    let api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV });
    const fx = await ConversationFixture.connect(api.url);
    const campaign = await fx.campaign({ automaticAgentMessage: null, thresholds: { ...validCampaignInput().thresholds, waitTimeoutSeconds: 3 } });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Pat', { email: 'pat@example.test' });
    await fx.send(chat.interaction.id, chat.token, 'before restart');
    await fx.send(chat.interaction.id, agent.token, 'reply before restart');
    await fx.setState(agent, 'PAUSED');
    const waiting = await fx.started(campaign.key, 'Quinn', { email: 'quinn@example.test' });
    assert.equal(waiting.interaction.state, 'QUEUED');

    await api.stop();
    await sleep(3500); // the wait deadline passes while no instance runs
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV });
    cleanups.push(() => api.stop());
    const after = new ConversationFixture(api.url, fx.admin);

    await after.send(chat.interaction.id, chat.token, 'after restart');
    const client = wsClient(api.url, chat.token);
    type Replayed = { seq: number; text: string; createdAt: string; sender: { kind: string; name: string | null } };
    const stream = subscribe<{ messageAdded: Replayed }>(client, 'subscription($i: ID!) { messageAdded(interactionId: $i, afterSeq: 0) { seq text createdAt sender { kind name } } }', {
      i: chat.interaction.id,
    });
    const replayed: Replayed[] = [];
    for (let i = 0; i < 3; i += 1) {
      const frame = await stream.next();
      assert.equal(frame.errors, undefined);
      if (frame.data) replayed.push(frame.data.messageAdded);
    }
    assert.deepEqual(
      replayed.map(({ seq, text, sender }) => ({ seq, text, kind: sender.kind })),
      [
        { seq: 1, text: 'before restart', kind: 'CONTACT' },
        { seq: 2, text: 'reply before restart', kind: 'AGENT' },
        { seq: 3, text: 'after restart', kind: 'CONTACT' },
      ],
    );
    // Replayed from storage, they read as live ones do: the customer's name, and dates in order within the test's span.
    assert.equal(replayed[0]?.sender.name, 'Pat');
    const dates = replayed.map((message) => Date.parse(message.createdAt));
    assert.ok(dates.every((date, i) => Number.isFinite(date) && Date.now() - date < 600_000 && (i === 0 || date >= (dates[i - 1] ?? 0))), `dates: ${replayed.map((m) => m.createdAt).join(', ')}`);
    await client.dispose();

    let state = '';
    for (let i = 0; i < 30 && state !== 'REJECTED'; i += 1) {
      state = (await after.interaction(waiting.interaction.id))?.state ?? '';
      if (state !== 'REJECTED') await sleep(100);
    }
    assert.equal((await after.interaction(waiting.interaction.id))?.closeReason, 'WAIT_TIMEOUT');
  });
});
