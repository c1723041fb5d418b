import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { createTestDatabase, startApi, type ApiProcess } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { ok, subscribe, wsClient } from '../testing/graphql-client';
import { alive, untilSubscribed } from '../testing/fault-probes';
import { MessageWatcher } from '../testing/message-watcher';
import { startPrivateRedis } from '../testing/private-services';

const OUTAGE_MS = 30_000;
const UPDATED = 'subscription($id: ID!) { campaignUpdated(id: $id) { id name } }';
const UPDATE = 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }';

/** Waits `ms`: the length of an outage, the one fixed wait these tests allow. */
const outage = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis down for 30 seconds', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every send, brings each live subscriber up to date by seq afterwards, and both instances recover by themselves', async () => {
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.cleanup());
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const [a, b] = (await Promise.all([0, 1].map(() => startApi({ databaseUrl: db.url, redisUrl: redis.url, env: ADMIN_ENV })))) as [ApiProcess, ApiProcess];
    cleanups.push(() => Promise.all([a.stop(), b.stop()]).then(() => undefined));
    const fx = await ConversationFixture.connect(a.url);
    const atB = new ConversationFixture(b.url, fx.admin);
    const campaign = await fx.campaign({ automaticAgentMessage: null });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Noor');
    const chatId = chat.interaction.id;

    // The customer is on A, the agent on B; each writes through its own instance.
    const customer = new MessageWatcher(a.url, chat.token, chatId);
    const staff = new MessageWatcher(b.url, agent.token, chatId);
    cleanups.push(() => Promise.all([customer.close(), staff.close()]).then(() => undefined));
    await untilSubscribed(redis.url, `MESSAGE_ADDED:${chatId}`, 2);
    assert.ok((await atB.send(chatId, agent.token, 'before')).data);
    await Promise.all([customer.until(1), staff.until(1)]);

    await redis.stop();
    const down = Date.now();
    const during: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      for (const [side, token] of [[fx, chat.token], [atB, agent.token]] as const) {
        const started = Date.now();
        const sent = await side.send(chatId, token, `during ${i}`);
        assert.ok(Date.now() - started < 5000, 'a send does not wait for Redis');
        during.push(sent.data?.sendMessage.seq ?? Number.NaN);
      }
    }
    assert.deepEqual(during, [2, 3, 4, 5, 6, 7, 8, 9], 'every send is stored, in order');
    const second = await atB.started(campaign.key, 'Rui');
    assert.equal(second.interaction.state, 'ACTIVE', 'chats still start and are routed');
    await outage(OUTAGE_MS - (Date.now() - down));
    assert.ok(alive(a.pid) && alive(b.pid), 'no instance ended');
    await redis.start();

    // The subscriptions opened before the outage catch up, each message once, in seq order.
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    assert.deepEqual(await customer.until(9), all);
    assert.deepEqual(await staff.until(9), all);
    assert.deepEqual(customer.seen.map((m) => m.text), ['before', ...[0, 1, 2, 3].flatMap((i) => [`during ${i}`, `during ${i}`])]);
    assert.equal(customer.ended, undefined);
    assert.equal(staff.ended, undefined);

    // Events cross between the instances again, without a restart.
    const admin = wsClient(a.url, fx.admin);
    cleanups.push(async () => void (await admin.dispose()));
    const updates = subscribe<{ campaignUpdated: { id: string; name: string } }>(admin, UPDATED, { id: campaign.id });
    // A subscription has no acknowledgement: change the campaign at B until A tells of it.
    let renamed: string | undefined;
    for (let attempt = 1; attempt <= 40 && !renamed; attempt += 1) {
      const input = validCampaignInput({ qualityModelId: null, automaticAgentMessage: null, name: `After the outage ${attempt}` });
      await ok(b.url, UPDATE, { id: campaign.id, input }, { token: fx.admin });
      renamed = await updates.next(250).then((result) => result.data?.campaignUpdated.name, () => undefined);
    }
    assert.match(renamed ?? '', /^After the outage \d+$/, 'an event published at B reaches a subscriber at A');
    assert.ok((await atB.send(chatId, agent.token, 'after')).data);
    assert.deepEqual(await customer.until(10), [...all, 10]);
    assert.ok(alive(a.pid) && alive(b.pid));
  });
});
