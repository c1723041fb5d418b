import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { login, ok, subscribe, wsClient } from '../testing/graphql-client';

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
