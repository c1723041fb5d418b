import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { createTestDatabase, queryDatabase, startApi, TEST_REDIS_URL, type ApiProcess } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { alive } from '../testing/fault-probes';
import { waitFor } from '../testing/wait-for';

/**
 * The API dies inside the transaction that hands a chat to an agent: the
 * chat is already written as the agent's, with the automatic greeting, when
 * the process is killed. The test holds the campaign's routing-memory row,
 * the last row that transaction writes, so it stops right there.
 */
describe('an API restart in the middle of an assignment', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('leaves the chat with exactly one owner and one greeting once an instance runs again', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    let api: ApiProcess = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV });
    cleanups.push(() => api.stop());
    const fx = await ConversationFixture.connect(api.url);
    const campaign = await fx.campaign({ automaticAgentMessage: 'Hello, this is your agent' });
    const agents = [await fx.agent([campaign.id]), await fx.agent([campaign.id])];
    for (const agent of agents) await fx.setState(agent, 'AVAILABLE');
    const first = await fx.started(campaign.key, 'Ana');
    assert.equal(first.interaction.state, 'ACTIVE', 'a first assignment writes the routing memory');

    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    cleanups.push(() => blocker.end());
    await blocker.query('begin');
    await blocker.query('select 1 from routing_memory where campaign_id = $1 for update', [campaign.id]);
    const interrupted = fx.start(campaign.key, 'Bea').catch((error: unknown) => error);
    await waitFor('the assignment to wait inside its transaction', async () => {
      const waiting = await queryDatabase(db.url, `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%routing_memory%'`);
      return waiting.length > 0 ? true : undefined;
    });
    const [written] = await queryDatabase<{ id: string }>(db.url, `select id from interactions where contact_id in (select id from contacts where name = 'Bea')`);
    assert.ok(written, 'the chat was stored before routing began');
    const held = await queryDatabase(db.url, 'select 1 from interactions where id = $1 for update nowait', [written.id]).catch((error: { code?: string }) => error.code);
    assert.equal(held, '55P03', 'the unfinished transaction has already written the chat');
    process.kill(api.pid, 'SIGKILL');
    await waitFor('the API to be gone', () => (alive(api.pid) ? undefined : true));
    assert.ok((await interrupted) instanceof Error, 'the customer saw the request fail');
    await blocker.query('commit');

    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV });
    const restarted = new ConversationFixture(api.url, fx.admin);
    const chat = await waitFor('the chat to be assigned again', async () => {
      const found = await restarted.interaction(written.id);
      return found?.state === 'ACTIVE' ? found : undefined;
    });

    const owners = [];
    for (const agent of agents) {
      const { setAgentState } = await restarted.setState(agent, 'AVAILABLE');
      if (setAgentState.active.some((active) => active.interactionId === written.id)) owners.push(agent.id);
    }
    assert.deepEqual(owners, [chat.agent?.id], 'exactly one agent holds the chat, the one it names');
    assert.deepEqual(
      chat.messages.map((message) => [message.seq, message.sender.kind, message.text]),
      [[1, 'AGENT', 'Hello, this is your agent']],
      'one greeting, none left over from the interrupted assignment',
    );
    const offers = await queryDatabase(db.url, 'select 1 from interaction_offers where interaction_id = $1', [written.id]);
    assert.deepEqual(offers, []);
  });
});
