import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createTestDatabase, queryDatabase, startApi, TEST_REDIS_URL, type ApiProcess } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { graphql } from '../testing/graphql-client';
import { MessageWatcher } from '../testing/message-watcher';

const SEND = 'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { id seq clientId text } }';
type Sent = { sendMessage: { id: string; seq: number; clientId: string; text: string } };
const ROUNDS = 25;

/**
 * The widget keeps unsent messages in the browser's storage, shared by every
 * tab of the site: two open tabs both send the same pending message, with
 * the same clientId, at the same moment, through whichever instances the
 * load balancer picks.
 */
describe('the same message sent from two tabs', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('is stored and delivered once, and both tabs are told of that one message', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const apis = (await Promise.all([0, 1].map(() => startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV })))) as [ApiProcess, ApiProcess];
    cleanups.push(() => Promise.all(apis.map((api) => api.stop())).then(() => undefined));
    const fx = await ConversationFixture.connect(apis[0].url);
    const campaign = await fx.campaign({ automaticAgentMessage: null });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Noor');
    const chatId = chat.interaction.id;
    const staff = new MessageWatcher(apis[1].url, agent.token, chatId);
    cleanups.push(() => staff.close());

    for (let round = 1; round <= ROUNDS; round += 1) {
      const clientId = `pending-${round}-${chatId.slice(0, 8)}`;
      const tabs = await Promise.all(apis.map((api) => graphql<Sent>(api.url, SEND, { i: chatId, c: clientId, t: `message ${round}` }, { token: chat.token })));
      for (const tab of tabs) assert.deepEqual(tab.errors, undefined, `round ${round}: ${JSON.stringify(tab.errors)}`);
      const [first, second] = tabs.map((tab) => tab.data?.sendMessage);
      assert.deepEqual(second, first, `round ${round}: both tabs hold the same message`);
      assert.equal(first?.seq, round);
    }

    const stored = await queryDatabase<{ seq: number; text: string }>(db.url, 'select seq, text from messages where interaction_id = $1 order by seq', [chatId]);
    const expected = Array.from({ length: ROUNDS }, (_, i) => ({ seq: i + 1, text: `message ${i + 1}` }));
    assert.deepEqual(stored, expected, 'one stored message per clientId, no gap in seq');
    assert.deepEqual(await staff.until(ROUNDS), expected.map((message) => message.seq), 'the agent sees each once');
    assert.deepEqual(staff.seen, expected);
  });
});
