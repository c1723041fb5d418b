import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { Redis } from 'ioredis';
import { login, ok, subscribe, wsClient } from '../testing/graphql-client';
import { untilListening, waitFor } from '../testing/wait-for';

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

describe('an instance alone on its Redis', () => {
  let db: TestDatabase;
  let first: ApiProcess;
  let token: string;
  let campaignId: string;

  before(async () => {
    db = await createTestDatabase();
    first = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN });
    token = await login(first.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    const created = await ok<{ createCampaign: { id: string } }>(first.url, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }', { input: validCampaignInput() }, { token });
    campaignId = created.createCampaign.id;
  });
  after(async () => {
    await first?.stop();
    await db?.drop();
  });

  it('hands its events to its own readers without Redis, and publishes them for as long as a second instance runs', async () => {
    const channel = `CAMPAIGN_UPDATED:${campaignId}`;
    const marker = `marker:${campaignId}`;
    const client = new Redis(TEST_REDIS_URL);
    const monitor = await new Redis(TEST_REDIS_URL).monitor();
    // What Redis ran on the campaign's channel, between the test's markers.
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      const command = String(args[0]).toLowerCase();
      if (command === 'publish' && args[1] === channel) seen.push('publish');
      if (command === 'echo' && String(args[1]).startsWith(marker)) seen.push(String(args[1]).slice(marker.length + 1));
    });
    const firstClient = wsClient(first.url, token);
    const onFirst = subscribe<{ campaignUpdated: { name: string } }>(firstClient, UPDATED, { id: campaignId });
    let renames = 0;
    /** Renames the campaign on the first instance until `reader` sees it; how many times Redis was asked to publish the last rename. */
    const publishes = async (reader: typeof onFirst): Promise<number> => {
      for (;;) {
        renames += 1;
        await client.echo(`${marker} start${renames}`);
        await ok(first.url, UPDATE, { id: campaignId, input: validCampaignInput({ name: `Name ${renames}` }) }, { token });
        let name = '';
        while (name !== `Name ${renames}`) {
          const next = await reader.next(500).catch(() => undefined);
          if (!next) break;
          name = next.data?.campaignUpdated.name ?? '';
        }
        await client.echo(`${marker} end${renames}`);
        await waitFor('the end marker', () => (seen.includes(`end${renames}`) ? true : undefined));
        if (name === `Name ${renames}`) return seen.slice(seen.indexOf(`start${renames}`) + 1, seen.indexOf(`end${renames}`)).length;
      }
    };
    let second: ApiProcess | undefined;
    try {
      assert.equal(await publishes(onFirst), 0, 'alone, an instance does not publish its events');

      second = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN });
      const secondClient = wsClient(second.url, token);
      const onSecond = subscribe<{ campaignUpdated: { name: string } }>(secondClient, UPDATED, { id: campaignId });
      await untilListening(channel).then(() => waitFor('a second listener', async () => ((await client.pubsub('NUMSUB', channel)) as [string, number])[1] >= 2 || undefined));
      assert.equal(await publishes(onSecond), 1, 'with a second instance, each event is published once');
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
