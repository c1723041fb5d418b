// One API process on a fresh database (shared PostgreSQL and Redis of this machine),
// with the campaigns and signed-in agents a part needs.
import { createTestDatabase, startApi, TEST_REDIS_URL } from '../../api/dist/testing/api-process.js';
import { login, ok } from '../../api/dist/testing/graphql-client.js';
import { runPool } from './measure.mjs';
import { MY_INTERACTIONS } from './operations.mjs';
import { BenchSocket } from './socket.mjs';

const ADMIN = { email: 'bench@example.test', password: 'bench password' };
const AGENT_PASSWORD = 'agent password';

// The benchmark is one client of many sessions and chats from one address: the per-client limits would measure themselves.
const LIMITS = { RATE_LIMIT_START_CHAT: '1000000', RATE_LIMIT_VISITOR_MESSAGE: '1000000', RATE_LIMIT_OFFLINE_MESSAGE: '1000000', RATE_LIMIT_VISITOR: '1000000', RATE_LIMIT_API_KEY: '1000000', WS_MAX_SUBSCRIPTIONS: '100000' };

/**
 * @param {{ env?: Record<string, string>, routeDatabase?: (url: string) => string }} options
 *   routeDatabase rewrites the address the API uses for its database (to pass it through a counter)
 */
export async function startStack({ env = {}, routeDatabase = (url) => url } = {}) {
  const db = await createTestDatabase();
  let api;
  try {
    api = await startApi({
      databaseUrl: routeDatabase(db.url),
      redisUrl: TEST_REDIS_URL,
      env: { PARLEY_ADMIN_EMAIL: ADMIN.email, PARLEY_ADMIN_PASSWORD: ADMIN.password, ...LIMITS, ...env },
    });
    const admin = await login(api.url, ADMIN.email, ADMIN.password);
    return { db, url: api.url, pid: api.pid, admin, stop: () => stopStack(api, db) };
  } catch (error) {
    await stopStack(api, db);
    throw error;
  }
}

async function stopStack(api, db) {
  await api?.stop();
  await db.drop().catch(() => undefined);
}

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const text = { en: 'Hello', es: 'Hola', pt: 'Olá' };

/** A campaign open all week that gives each chat to an agent at once, up to `maxPerAgent` chats each. */
export async function createCampaign(stack, name, maxPerAgent) {
  const input = {
    name, enabled: true, distribution: 'RRMEMORY', availability: 'NOCALL', serviceLevelTarget: 0.8,
    schedule: { timezone: 'UTC', ranges: allWeek, exceptions: [] }, welcomeMessage: text, outOfTimeMessage: text, notAvailableMessage: text, feedbackMessage: text,
    maxInteractionsPerAgent: maxPerAgent, qualityModelId: null, automaticAgentMessage: 'Hello, how can I help you today?',
    thresholds: { serviceLevelSeconds: 20, abandonSeconds: 5, chatTimeWarnSeconds: 3000, chatTimeLimitSeconds: 6000, agentIdleWarnSeconds: 600, acd: 5, maxChats: 1_000_000, waitTimeoutSeconds: 0, autoFinishSeconds: 36_000 },
    colour: '#112233', showAgentName: true, feedbackEnabled: false, emailRequired: false, mediaEnabled: false, offlineMessageEnabled: false, offlineMessageEmail: null,
    customField: { label: '', visible: false, required: false }, allowedDomains: [],
  };
  const { createCampaign: campaign } = await ok(stack.url, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }', { input }, { token: stack.admin });
  return campaign;
}

/**
 * Agents as the console has them: signed in, a socket with `myInteractions`,
 * AVAILABLE, members of `campaigns`. `onAssigned(interactionId, agent)` hears
 * every chat given to one of them.
 */
export async function createAgents(stack, count, campaigns, { prefix = 'agent', onAssigned = () => undefined } = {}) {
  const agents = new Array(count);
  // Four at once: each sign-up and sign-in hashes a password (scrypt) on the API's thread pool.
  await runPool(Array.from({ length: count }, (_, i) => i), 4, async (i) => {
    const email = `${prefix}${i}@example.test`;
    const { createUser } = await ok(stack.url, 'mutation($input: UserInput!) { createUser(input: $input) { id } }', { input: { name: `Agent ${prefix} ${i}`, email, password: AGENT_PASSWORD, role: 'AGENT' } }, { token: stack.admin });
    for (const campaign of campaigns) {
      await ok(stack.url, 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: campaign.id, a: createUser.id }, { token: stack.admin });
    }
    const token = await login(stack.url, email, AGENT_PASSWORD);
    const agent = { id: createUser.id, token, socket: new BenchSocket(stack.url, { token }) };
    await agent.socket.connect();
    agent.socket.subscribe(MY_INTERACTIONS, {}, (payload) => {
      const event = payload.data?.myInteractions;
      if (event?.kind === 'ASSIGNED') onAssigned(event.interaction.id, agent);
    });
    await ok(stack.url, 'mutation { setAgentState(state: AVAILABLE) { state } }', {}, { token });
    agents[i] = agent;
  });
  return agents;
}

export const closeAgents = (agents) => agents.forEach((agent) => agent?.socket.close());
