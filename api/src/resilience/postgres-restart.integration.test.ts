import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startApi, TEST_REDIS_URL, type ApiProcess } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { graphql, type GraphQLResponse } from '../testing/graphql-client';
import { alive } from '../testing/fault-probes';
import { MessageWatcher } from '../testing/message-watcher';
import { startPrivatePostgres } from '../testing/private-services';
import { waitFor } from '../testing/wait-for';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const CAMPAIGNS = 'query { campaigns { id } }';

/** A request during the outage: it must answer soon, with a code that says "try again". */
async function refusedSoon(what: string, request: () => Promise<GraphQLResponse<unknown>>): Promise<void> {
  const started = Date.now();
  const result = await request();
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 5000, `${what} answered after ${elapsed} ms`);
  assert.equal(result.data ?? null, null, `${what} must not pretend to succeed`);
  assert.equal(result.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE', `${what}: ${JSON.stringify(result.errors)}`);
}

describe('a PostgreSQL restart', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('fails requests cleanly while the database is down and serves them again afterwards, without restarting the API', async () => {
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.cleanup());
    const api: ApiProcess = await startApi({ databaseUrl: await postgres.createDatabase(), redisUrl: TEST_REDIS_URL, env: ADMIN_ENV });
    cleanups.push(() => api.stop());
    const fx = await ConversationFixture.connect(api.url);
    const campaign = await fx.campaign({ automaticAgentMessage: null });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Noor');
    const chatId = chat.interaction.id;
    const customer = new MessageWatcher(api.url, chat.token, chatId);
    cleanups.push(() => customer.close());
    assert.ok((await fx.send(chatId, agent.token, 'before')).data);
    await customer.until(1);

    await postgres.stop();
    await refusedSoon('a message', () => fx.send(chatId, agent.token, 'during'));
    await refusedSoon('a chat start', () => fx.start(campaign.key, 'Rui'));
    await refusedSoon('a sign-in', () => graphql(api.url, LOGIN, { e: ADMIN_ENV.PARLEY_ADMIN_EMAIL, p: ADMIN_ENV.PARLEY_ADMIN_PASSWORD }));
    await refusedSoon('a query with a token not seen before', () => graphql(api.url, CAMPAIGNS, {}, { token: `pst_${'x'.repeat(43)}` }));
    assert.equal((await fetch(`${api.url}/readyz`)).status, 503);
    assert.equal((await fetch(`${api.url}/healthz`)).status, 200);
    assert.ok(alive(api.pid));

    await postgres.start();
    const sent = await waitFor('a message accepted again', async () => (await fx.send(chatId, agent.token, 'after')).data ?? undefined, 15_000);
    assert.equal(sent?.sendMessage.seq, 2, 'nothing was stored during the outage');
    assert.deepEqual(await customer.until(2), [1, 2], 'the subscription opened before the restart goes on');
    assert.equal(customer.ended, undefined);
    const token = await waitFor('a sign-in', async () => (await graphql<{ login: { token: string } }>(api.url, LOGIN, { e: ADMIN_ENV.PARLEY_ADMIN_EMAIL, p: ADMIN_ENV.PARLEY_ADMIN_PASSWORD })).data?.login.token);
    assert.ok(token);
    const next = await fx.started(campaign.key, 'Rui');
    assert.equal(next.interaction.state, 'ACTIVE', 'chats start and are routed again');
    assert.equal((await fetch(`${api.url}/readyz`)).status, 200);
    assert.ok(alive(api.pid));
  });
});
