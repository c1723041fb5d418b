// Parley benchmark: prints latency figures for the conversation engine, with a
// baseline measured in the same run (a bare GraphQL round trip on the same
// API). Two API instances share one PostgreSQL and Redis, on this machine.
//   npm run build && npm run bench            (CHATS, MESSAGES to change the sizes)
import { performance } from 'node:perf_hooks';
import { createTestDatabase, startApi, TEST_REDIS_URL } from '../api/dist/testing/api-process.js';
import { graphql, login, ok, subscribe, wsClient } from '../api/dist/testing/graphql-client.js';

const CHATS = Number(process.env.CHATS ?? 200);
const MESSAGES = Number(process.env.MESSAGES ?? 300);
const ADMIN = { PARLEY_ADMIN_EMAIL: 'bench@example.test', PARLEY_ADMIN_PASSWORD: 'bench password', RATE_LIMIT_START_CHAT: '100000', RATE_LIMIT_VISITOR_MESSAGE: '100000' };

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function report(name, samples, wallMs) {
  const sorted = [...samples].sort((a, b) => a - b);
  const row = [name.padEnd(44), String(samples.length).padStart(6), ...[50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(8)), sorted.at(-1).toFixed(1).padStart(8)];
  if (wallMs !== undefined) row.push(((samples.length / wallMs) * 1000).toFixed(0).padStart(8));
  console.log(row.join(' '));
}
const timed = async (fn) => {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
};

const db = await createTestDatabase();
const [a, b] = await Promise.all([0, 1].map(() => startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN })));
try {
  const admin = await login(a.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
  const allWeek = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  const text = { en: 'x', es: 'x', pt: 'x' };
  const input = {
    name: 'Bench', enabled: true, distribution: 'RRMEMORY', availability: 'NOCALL', serviceLevelTarget: 0.8,
    schedule: { timezone: 'UTC', ranges: allWeek, exceptions: [] }, welcomeMessage: text, outOfTimeMessage: text, notAvailableMessage: text, feedbackMessage: text,
    maxInteractionsPerAgent: 50, qualityModelId: null, automaticAgentMessage: 'Hi',
    thresholds: { serviceLevelSeconds: 20, abandonSeconds: 5, chatTimeWarnSeconds: 100, chatTimeLimitSeconds: 200, agentIdleWarnSeconds: 60, acd: 5, maxChats: 100000, waitTimeoutSeconds: 0, autoFinishSeconds: 600 },
    colour: '#112233', showAgentName: true, feedbackEnabled: false, emailRequired: false, mediaEnabled: false, offlineMessageEnabled: false, offlineMessageEmail: null,
    customField: { label: '', visible: false, required: false }, allowedDomains: [],
  };
  const { createCampaign: campaign } = await ok(a.url, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }', { input }, { token: admin });
  const agents = [];
  for (let i = 0; i < 10; i += 1) {
    const email = `bench-agent${i}@example.test`;
    const { createUser } = await ok(a.url, 'mutation($input: UserInput!) { createUser(input: $input) { id } }', { input: { name: `Agent ${i}`, email, password: 'agent password', role: 'AGENT' } }, { token: admin });
    await ok(a.url, 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: campaign.id, a: createUser.id }, { token: admin });
    const token = await login(a.url, email, 'agent password');
    await ok(a.url, 'mutation { setAgentState(state: AVAILABLE) { state } }', {}, { token });
    agents.push({ id: createUser.id, token });
  }
  const START = 'mutation($input: StartChatInput!) { startChat(input: $input) { token interaction { id state agent { id } } } }';
  const startChat = (i) => graphql(i % 2 ? b.url : a.url, START, { input: { campaignKey: campaign.key, name: `V${i}`, email: `v${i}@example.test` } });

  console.log(`Parley benchmark: 2 API instances, PostgreSQL + Redis on this machine, ${agents.length} agents, ${new Date().toISOString()}`);
  console.log(['measure'.padEnd(44), 'n'.padStart(6), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'per s'.padStart(8)].join(' '));

  for (let i = 0; i < 20; i += 1) await graphql(a.url, '{ __typename }'); // warm-up
  const baseline = [];
  for (let i = 0; i < CHATS; i += 1) baseline.push((await timed(() => graphql(a.url, '{ __typename }')))[0]);
  report('baseline: { __typename } round trip', baseline);

  const sequential = [];
  for (let i = 0; i < CHATS; i += 1) {
    const [ms, result] = await timed(() => startChat(i));
    if (result.data?.startChat.interaction.state !== 'ACTIVE') throw new Error(`chat ${i} not assigned: ${JSON.stringify(result)}`);
    sequential.push(ms);
  }
  report('startChat -> assigned (one at a time)', sequential);

  const concurrent = [];
  const wallStart = performance.now();
  await Promise.all(Array.from({ length: CHATS }, async (_, i) => concurrent.push((await timed(() => startChat(CHATS + i)))[0])));
  report(`startChat, ${CHATS} at once (queue + assign)`, concurrent, performance.now() - wallStart);

  // Message delivery across instances: the visitor sends on A, the agent listens on B.
  const chat = (await startChat(10_000)).data.startChat;
  const agent = agents.find((x) => x.id === chat.interaction.agent.id);
  const listener = wsClient(b.url, agent.token);
  const stream = subscribe(listener, 'subscription($i: ID!, $a: Int) { messageAdded(interactionId: $i, afterSeq: $a) { seq text } }', { i: chat.interaction.id, a: 1 });
  await ok(a.url, 'mutation($i: ID!) { sendMessage(interactionId: $i, clientId: "warm", text: "warm") { seq } }', { i: chat.interaction.id }, { token: chat.token });
  await stream.next(5000);
  const delivery = [];
  for (let i = 0; i < MESSAGES; i += 1) {
    const sentAt = performance.now();
    await ok(a.url, 'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { seq } }', { i: chat.interaction.id, c: `m${i}`, t: `message ${i}` }, { token: chat.token });
    const received = await stream.next(5000);
    if (received.data?.messageAdded.text !== `message ${i}`) throw new Error(`out of order: ${JSON.stringify(received)}`);
    delivery.push(performance.now() - sentAt);
  }
  report('sendMessage on A -> delivered on B (Redis)', delivery);
  await listener.dispose();
} finally {
  await Promise.all([a.stop(), b.stop()]);
  await db.drop();
}
