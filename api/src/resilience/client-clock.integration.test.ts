import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { graphql, ok } from '../testing/graphql-client';

const HOURS = 3600_000;
const CHAT = 'query($id: ID!) { interaction(id: $id) { queuedAt answeredAt holdSeconds messages { seq text createdAt } } }';
const STATS = 'query($c: ID!) { campaignStats(campaignId: $c) { at waiting longestWaitSeconds waitingContacts { waitingSeconds } } }';
// What the supervisor screens ask for "today", computed from the browser's own clock.
const HISTORY = 'query($c: ID!, $from: DateTime!, $to: DateTime!) { statsHistory(campaignId: $c, from: $from, to: $to, interval: QUARTER_HOUR) { from offered } }';
const AGENT_TODAY = 'query($a: ID!, $from: DateTime!) { taken: interactions(filter: { agentId: $a, from: $from }, first: 1) { totalCount } }';

/** A browser whose clock is `skewMs` off: the only times it can send are the ones it computes itself. */
const clientDay = (skewMs: number) => {
  const now = new Date(Date.now() + skewMs);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { from: from.toISOString(), to: new Date(from.getTime() + 24 * HOURS).toISOString() };
};

/** A time the server stamped or a duration it measured: within what the test itself saw, not hours away. */
const within = (at: string | Date, earliest: number, latest: number) => {
  const time = new Date(at).getTime();
  assert.ok(time >= earliest - 1000 && time <= latest + 1000, `${new Date(at).toISOString()} is not between ${new Date(earliest).toISOString()} and ${new Date(latest).toISOString()}`);
};

describe('clients whose clocks are hours off', () => {
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

  for (const skew of [6 * HOURS, -6 * HOURS]) {
    it(`break nothing with a clock ${skew > 0 ? 'ahead' : 'behind'} by ${Math.abs(skew) / HOURS} hours: times and durations are the server's, and "today" is answered whatever the client thinks it is`, async () => {
      const started = Date.now();
      const campaign = await fx.campaign({ automaticAgentMessage: null });
      const agent = await fx.agent([campaign.id]);
      await fx.setState(agent, 'PAUSED');
      const chat = await fx.started(campaign.key, 'Noor');
      assert.equal(chat.interaction.state, 'QUEUED');

      const stats = await ok<{ campaignStats: { at: string; waiting: number; longestWaitSeconds: number; waitingContacts: { waitingSeconds: number }[] } }>(api.url, STATS, { c: campaign.id }, { token: fx.admin });
      within(stats.campaignStats.at, started, Date.now());
      assert.equal(stats.campaignStats.waiting, 1);
      assert.ok(stats.campaignStats.longestWaitSeconds >= 0 && stats.campaignStats.longestWaitSeconds < 60);

      const { setAgentState } = await fx.setState(agent, 'AVAILABLE');
      assert.deepEqual(setAgentState.active.map((active) => active.interactionId), [chat.interaction.id]);
      for (let i = 1; i <= 3; i += 1) {
        assert.ok((await fx.send(chat.interaction.id, chat.token, `customer ${i}`)).data);
        assert.ok((await fx.send(chat.interaction.id, agent.token, `agent ${i}`)).data);
      }
      const activity = await ok<{ setAgentState: { active: { chatSeconds: number; status: string }[] } }>(
        api.url,
        'mutation { setAgentState(state: AVAILABLE) { active { chatSeconds status } } }',
        {},
        { token: agent.token },
      );
      const [active] = activity.setAgentState.active;
      assert.ok(active && active.chatSeconds >= 0 && active.chatSeconds < 60 && active.status === 'NORMAL', JSON.stringify(active));

      const { interaction } = await ok<{ interaction: { queuedAt: string; answeredAt: string; holdSeconds: number; messages: { seq: number; text: string; createdAt: string }[] } }>(
        api.url,
        CHAT,
        { id: chat.interaction.id },
        { token: fx.admin },
      );
      const finished = Date.now();
      within(interaction.queuedAt, started, finished);
      within(interaction.answeredAt, started, finished);
      assert.ok(interaction.holdSeconds >= 0 && interaction.holdSeconds < 60);
      assert.deepEqual(interaction.messages.map((m) => m.text), ['customer 1', 'agent 1', 'customer 2', 'agent 2', 'customer 3', 'agent 3'], 'in the order sent');
      for (const message of interaction.messages) within(message.createdAt, started, finished);
      const stamps = interaction.messages.map((m) => new Date(m.createdAt).getTime());
      assert.deepEqual(stamps, [...stamps].sort((x, y) => x - y), 'stamped in seq order');

      const day = clientDay(skew);
      const history = await graphql<{ statsHistory: { from: string; offered: number }[] }>(api.url, HISTORY, { c: campaign.id, ...day }, { token: fx.admin });
      assert.deepEqual(history.errors, undefined, JSON.stringify(history.errors));
      assert.ok((history.data?.statsHistory.length ?? 0) >= 92);
      const today = await graphql<{ taken: { totalCount: number } }>(api.url, AGENT_TODAY, { a: agent.id, from: day.from }, { token: fx.admin });
      assert.deepEqual(today.errors, undefined, JSON.stringify(today.errors));
    });
  }
});
