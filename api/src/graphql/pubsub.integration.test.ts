import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { Redis } from 'ioredis';
import { ConversationFixture } from '../testing/conversation-fixtures';
import { login, ok, subscribe, wsClient } from '../testing/graphql-client';
import { startPrivateRedis } from '../testing/private-services';
import { waitFor } from '../testing/wait-for';

const ADMIN = { PARLEY_ADMIN_EMAIL: 'admin@example.test', PARLEY_ADMIN_PASSWORD: 'admin password' };
const UPDATE = 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }';
const UPDATED = 'subscription($id: ID!) { campaignUpdated(id: $id) { id name } }';

describe('real-time events across API instances', () => {
  let db: TestDatabase;
  let first: ApiProcess;
  let second: ApiProcess;
  let token: string;
  let campaignId: string;

  before(async () => {
    db = await createTestDatabase();
    [first, second] = await Promise.all([
      startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN }),
      startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN }),
    ]);
    token = await login(first.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    const created = await ok<{ createCampaign: { id: string } }>(first.url, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }', { input: validCampaignInput() }, { token });
    campaignId = created.createCampaign.id;
  });
  after(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await db?.drop();
  });

  it('delivers to a subscriber on one process an event published by another, through Redis', async () => {
    const client = wsClient(first.url, token);
    const updates = subscribe<{ campaignUpdated: { id: string; name: string } }>(client, UPDATED, { id: campaignId });
    // The subscription has no acknowledgement; change the campaign on the other process until the event arrives.
    let received: { id: string; name: string } | undefined;
    for (let attempt = 1; attempt <= 20 && !received; attempt += 1) {
      await ok(second.url, UPDATE, { id: campaignId, input: validCampaignInput({ name: `Renamed ${attempt}` }) }, { token });
      received = await updates.next(250).then((result) => result.data?.campaignUpdated, () => undefined);
    }
    assert.ok(received, 'no event crossed from the second process to the first');
    assert.equal(received.id, campaignId);
    assert.match(received.name, /^Renamed \d+$/);

    // Once subscribed, every further change arrives, with the state as committed.
    await ok(second.url, UPDATE, { id: campaignId, input: validCampaignInput({ name: 'Final name' }) }, { token });
    let latest = received.name;
    while (latest !== 'Final name') latest = (await updates.next(3000)).data?.campaignUpdated.name ?? '';
    updates.close();
    await client.dispose();
  });

  it('keeps each subscriber to what it may see', async () => {
    const createUser = 'mutation($input: UserInput!) { createUser(input: $input) { id } }';
    await ok(first.url, createUser, { input: { name: 'Outsider', email: 'out@example.test', password: 'agent password', role: 'AGENT' } }, { token });
    const agentToken = await login(second.url, 'out@example.test', 'agent password');
    const client = wsClient(second.url, agentToken);
    const updates = subscribe(client, UPDATED, { id: campaignId });
    const result = await updates.next();
    assert.equal(result.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    await client.dispose();
  });
});

// A Redis of its own: instances of other tests, on the shared one, listen on ACCESS_REVOKED too and count as company.
describe('an instance alone on its Redis', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let db: TestDatabase;
  let first: ApiProcess;
  let fx: ConversationFixture;

  before(async () => {
    redis = await startPrivateRedis();
    db = await createTestDatabase();
    first = await startApi({ databaseUrl: db.url, redisUrl: redis.url, env: ADMIN });
    fx = await ConversationFixture.connect(first.url);
  });
  after(async () => {
    await first?.stop();
    await db?.drop();
    await redis?.cleanup();
  });

  it('keeps chat traffic to itself, publishes it for as long as a second instance runs, and always publishes campaign changes', async () => {
    const campaign = await fx.campaign();
    await fx.setState(await fx.agent([campaign.id]), 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Alone');
    const channel = `MESSAGE_ADDED:${chat.interaction.id}`;
    const changes = `CAMPAIGN_UPDATED:${campaign.id}`;
    const marker = `marker:${chat.interaction.id}`;
    const client = new Redis(redis.url);
    const monitor = await new Redis(redis.url).monitor();
    // What Redis ran on the chat's and the campaign's channels, between the test's markers.
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      const command = String(args[0]).toLowerCase();
      if (command === 'publish' && args[1] === channel) seen.push('publish');
      if (command === 'publish' && args[1] === changes) seen.push('campaign');
      if (command === 'echo' && String(args[1]).startsWith(marker)) seen.push(String(args[1]).slice(marker.length + 1));
    });
    const READ = 'subscription($i: ID!) { messageAdded(interactionId: $i) { text } }';
    const firstClient = wsClient(first.url, fx.admin);
    const onFirst = subscribe<{ messageAdded: { text: string } }>(firstClient, READ, { i: chat.interaction.id });
    let sent = 0;
    /** The customer writes on the first instance until `reader` sees it; how many times Redis was asked to publish the last message. */
    const publishes = async (reader: typeof onFirst): Promise<number> => {
      for (;;) {
        sent += 1;
        await client.echo(`${marker} start${sent}`);
        const result = await fx.send(chat.interaction.id, chat.token, `Message ${sent}`);
        assert.ok(result.data, JSON.stringify(result.errors));
        let text = '';
        while (text !== `Message ${sent}`) {
          const next = await reader.next(500).catch(() => undefined);
          if (!next) break;
          text = next.data?.messageAdded.text ?? '';
        }
        await client.echo(`${marker} end${sent}`);
        await waitFor('the end marker', () => (seen.includes(`end${sent}`) ? true : undefined));
        if (text === `Message ${sent}`) return seen.slice(seen.indexOf(`start${sent}`) + 1, seen.indexOf(`end${sent}`)).filter((what) => what === 'publish').length;
      }
    };
    let second: ApiProcess | undefined;
    try {
      assert.equal(await publishes(onFirst), 0, 'alone, an instance does not publish its chat traffic');
      await ok(first.url, UPDATE, { id: campaign.id, input: validCampaignInput({ qualityModelId: null, name: 'Renamed alone' }) }, { token: fx.admin });
      await waitFor('the campaign change published', () => (seen.includes('campaign') ? true : undefined));

      second = await startApi({ databaseUrl: db.url, redisUrl: redis.url, env: ADMIN });
      const secondClient = wsClient(second.url, fx.admin);
      const onSecond = subscribe<{ messageAdded: { text: string } }>(secondClient, READ, { i: chat.interaction.id });
      await waitFor('a listener on each instance', async () => Number(((await client.pubsub('NUMSUB', channel)) as [string, number])[1]) >= 2 || undefined);
      assert.equal(await publishes(onSecond), 1, 'with a second instance, each message is published once');
      onSecond.close();
      await secondClient.dispose();
      await second.stop();
      second = undefined;

      // Once the second is gone, the first counts itself alone again within a few seconds.
      await waitFor('the first instance alone again', async () => ((await publishes(onFirst)) === 0 ? true : undefined), 30_000);
    } finally {
      onFirst.close();
      await firstClient.dispose();
      await second?.stop();
      monitor.disconnect();
      client.disconnect();
    }
  });
});
