// Statistics benchmark: the database work of campaignStats must not grow with
// the number of subscribers, and updates must arrive within a second. Prints,
// for 0 (the baseline), 1 and SUBSCRIBERS subscribers on one campaign, the
// database transactions per second and how long subscribers took to see a
// new waiting chat.
//   npm run build && npm run bench:stats          (SUBSCRIBERS, SECONDS to change the sizes)
import { performance } from 'node:perf_hooks';
import { createTestDatabase, queryDatabase, startApi, TEST_REDIS_URL } from '../api/dist/testing/api-process.js';
import { graphql, login, ok, wsClient } from '../api/dist/testing/graphql-client.js';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 2000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const PER_SOCKET = 500;
const ADMIN = { PARLEY_ADMIN_EMAIL: 'bench@example.test', PARLEY_ADMIN_PASSWORD: 'bench password', RATE_LIMIT_START_CHAT: '100000', WS_MAX_SUBSCRIPTIONS: String(PER_SOCKET) };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const db = await createTestDatabase();
const api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN });
const databaseName = new URL(db.url).pathname.slice(1);
const transactions = async () => Number((await queryDatabase(db.url, 'select xact_commit + xact_rollback as n from pg_stat_database where datname = $1', [databaseName]))[0].n);
try {
  const admin = await login(api.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
  const allWeek = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  const text = { en: 'x', es: 'x', pt: 'x' };
  const input = {
    name: 'Bench', enabled: true, distribution: 'RRMEMORY', availability: 'INTERACTION', serviceLevelTarget: 0.8,
    schedule: { timezone: 'UTC', ranges: allWeek, exceptions: [] }, welcomeMessage: text, outOfTimeMessage: text, notAvailableMessage: text, feedbackMessage: text,
    maxInteractionsPerAgent: 1, qualityModelId: null, automaticAgentMessage: null,
    thresholds: { serviceLevelSeconds: 20, abandonSeconds: 5, chatTimeWarnSeconds: 100, chatTimeLimitSeconds: 200, agentIdleWarnSeconds: 60, acd: 5, maxChats: 100000, waitTimeoutSeconds: 0, autoFinishSeconds: 600 },
    colour: '#112233', showAgentName: true, feedbackEnabled: false, emailRequired: false, mediaEnabled: false, offlineMessageEnabled: false, offlineMessageEmail: null,
    customField: { label: '', visible: false, required: false }, allowedDomains: [],
  };
  const { createCampaign: campaign } = await ok(api.url, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }', { input }, { token: admin });
  for (let i = 0; i < 3; i += 1) {
    const email = `bench-agent${i}@example.test`;
    const { createUser } = await ok(api.url, 'mutation($input: UserInput!) { createUser(input: $input) { id } }', { input: { name: `Agent ${i}`, email, password: 'agent password', role: 'AGENT' } }, { token: admin });
    await ok(api.url, 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: campaign.id, a: createUser.id }, { token: admin });
    await ok(api.url, 'mutation { setAgentState(state: AVAILABLE) { state } }', {}, { token: await login(api.url, email, 'agent password') });
  }
  const START = 'mutation($input: StartChatInput!) { startChat(input: $input) { interaction { id } } }';
  let visitors = 0;
  const arrive = () => graphql(api.url, START, { input: { campaignKey: campaign.key, name: `V${visitors++}` } });
  // Three chats keep the agents busy and the rest wait: the figures move every second.
  for (let i = 0; i < 5; i += 1) await arrive();

  const STATS = 'subscription($c: ID!) { campaignStats(campaignId: $c) { at waiting longestWaitSeconds active serviceLevel agents { state active { chatSeconds status } } } }';
  /** Opens `count` subscriptions; each remembers when it last saw `waiting` change. */
  async function subscribers(count) {
    const sockets = [];
    const seen = [];
    for (let opened = 0; opened < count; opened += PER_SOCKET) {
      const socket = wsClient(api.url, admin);
      sockets.push(socket);
      for (let i = opened; i < Math.min(count, opened + PER_SOCKET); i += 1) {
        seen[i] = { waiting: -1, at: 0 };
        socket.subscribe({ query: STATS, variables: { c: campaign.id } }, {
          next: ({ data }) => {
            if (data && data.campaignStats.waiting !== seen[i].waiting) seen[i] = { waiting: data.campaignStats.waiting, at: performance.now() };
          },
          error: (error) => console.error('subscription failed', error),
          complete: () => undefined,
        });
      }
    }
    const deadline = Date.now() + 60_000;
    while (seen.some((s) => s.waiting < 0)) {
      if (Date.now() > deadline) throw new Error('subscribers did not all receive figures');
      await sleep(100);
    }
    return { seen, close: () => Promise.all(sockets.map((socket) => socket.dispose())) };
  }

  async function measure(label, count) {
    const group = count > 0 ? await subscribers(count) : undefined;
    // PostgreSQL publishes an idle connection's counts up to 10 s late: let the set-up's queries settle first.
    await sleep(12_000);
    const before = await transactions();
    const started = performance.now();
    await sleep(SECONDS * 1000);
    const perSecond = ((await transactions()) - before) / ((performance.now() - started) / 1000);
    const staleness = [];
    if (group) {
      for (let round = 0; round < 10; round += 1) {
        // Customers arrive at random moments, not in step with the figures' clock.
        await sleep(200 + Math.random() * 1300);
        const expected = group.seen[0].waiting + 1;
        const sent = performance.now();
        await arrive();
        const deadline = Date.now() + 15_000;
        while (group.seen.some((s) => s.waiting < expected) && Date.now() < deadline) await sleep(10);
        staleness.push(...group.seen.map((s) => (s.waiting >= expected ? s.at - sent : Number.POSITIVE_INFINITY)));
      }
      await group.close();
    }
    const sorted = staleness.sort((a, b) => a - b);
    console.log(
      [label.padEnd(28), perSecond.toFixed(1).padStart(14), ...(sorted.length ? [50, 99].map((p) => percentile(sorted, p).toFixed(0).padStart(14)) : ['-'.padStart(14), '-'.padStart(14)])].join(' '),
    );
  }

  console.log(`Parley statistics benchmark: one campaign, 3 busy agents and waiting chats, ${SECONDS} s per row, ${new Date().toISOString()}`);
  console.log(['subscribers'.padEnd(28), 'db xact/s'.padStart(14), 'update p50 ms'.padStart(14), 'update p99 ms'.padStart(14)].join(' '));
  await measure('0 (baseline)', 0);
  await measure('1', 1);
  await measure(String(SUBSCRIBERS), SUBSCRIBERS);
} finally {
  await api.stop();
  await db.drop();
}
