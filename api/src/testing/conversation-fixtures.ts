import { after, before } from 'node:test';
import type { CampaignInput } from '../campaigns/campaign.inputs';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from './api-process';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { graphql, login, ok, type GraphQLResponse } from './graphql-client';

export const ADMIN_ENV = { PARLEY_ADMIN_EMAIL: 'admin@example.test', PARLEY_ADMIN_PASSWORD: 'admin password' };

export interface Agent {
  id: string;
  token: string;
}

export const START_CHAT = `mutation($input: StartChatInput!) {
  startChat(input: $input) { token interaction { id state closeReason outOfHours queuedAt agent { id } messages { seq text sender { kind } } } }
}`;

export interface StartedChat {
  token: string;
  interaction: { id: string; state: string; closeReason: string | null; outOfHours: boolean; queuedAt: string; agent: { id: string } | null; messages: { seq: number; text: string; sender: { kind: string } }[] };
}

/** Staff and campaigns set up through the API, as an admin would. */
export class ConversationFixture {
  private counter = 0;
  constructor(
    readonly url: string,
    readonly admin: string,
  ) {}

  static async connect(url: string): Promise<ConversationFixture> {
    return new ConversationFixture(url, await login(url, ADMIN_ENV.PARLEY_ADMIN_EMAIL, ADMIN_ENV.PARLEY_ADMIN_PASSWORD));
  }

  async campaign(overrides: Partial<CampaignInput> = {}): Promise<{ id: string; key: string }> {
    const data = await ok<{ createCampaign: { id: string; key: string } }>(
      this.url,
      'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }',
      { input: validCampaignInput({ qualityModelId: null, ...overrides }) },
      { token: this.admin },
    );
    return data.createCampaign;
  }

  async agent(campaignIds: string[], penalty = 0, role = 'AGENT'): Promise<Agent> {
    this.counter += 1;
    const email = `agent${this.counter}-${Date.now()}@example.test`;
    const { createUser } = await ok<{ createUser: { id: string } }>(
      this.url,
      'mutation($input: UserInput!) { createUser(input: $input) { id } }',
      { input: { name: `Agent ${this.counter}`, email, password: 'agent password', role } },
      { token: this.admin },
    );
    for (const campaignId of campaignIds) {
      await ok(this.url, 'mutation($c: ID!, $a: ID!, $p: Int!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: $p) { id } }', { c: campaignId, a: createUser.id, p: penalty }, { token: this.admin });
    }
    return { id: createUser.id, token: await login(this.url, email, 'agent password') };
  }

  setState(agent: Agent, state: 'AVAILABLE' | 'PAUSED' | 'OFFLINE', pauseReason?: string) {
    return ok<{ setAgentState: { state: string; active: { interactionId: string }[] } }>(
      this.url,
      'mutation($s: AgentState!, $r: String) { setAgentState(state: $s, pauseReason: $r) { state pauseReason active { interactionId } } }',
      { s: state, r: pauseReason ?? null },
      { token: agent.token },
    );
  }

  /** A visitor starts a chat; with `token` (from an earlier start) as the same visitor, e.g. after a reload. */
  start(key: string, name: string, extra: Record<string, unknown> = {}, origin?: string, token?: string): Promise<GraphQLResponse<{ startChat: StartedChat }>> {
    return graphql<{ startChat: StartedChat }>(this.url, START_CHAT, { input: { campaignKey: key, name, ...extra } }, { origin, token });
  }

  async started(key: string, name: string, extra: Record<string, unknown> = {}, token?: string): Promise<StartedChat> {
    const result = await this.start(key, name, extra, undefined, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.startChat;
  }

  async interaction(id: string, token = this.admin) {
    const data = await ok<{ interaction: { state: string; closeReason: string | null; agent: { id: string } | null; queuedAt: string; messages: { seq: number; text: string; sender: { kind: string } }[] } | null }>(
      this.url,
      'query($id: ID!) { interaction(id: $id) { state closeReason queuedAt agent { id } messages { seq text sender { kind } } } }',
      { id },
      { token },
    );
    return data.interaction;
  }

  send(interactionId: string, token: string, text: string, clientId = `c-${Math.random()}`) {
    return graphql<{ sendMessage: { seq: number; text: string } }>(
      this.url,
      'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { seq text } }',
      { i: interactionId, c: clientId, t: text },
      { token },
    );
  }
}

/**
 * Registers before/after hooks that start an API (real PostgreSQL database,
 * real Redis) with the first admin signed in, and stop it afterwards.
 * `media`: with calls on (its embedded Janus).
 */
export function conversationApi(env: Record<string, string> = {}, options: { media?: boolean } = {}): { readonly api: ApiProcess; readonly fx: ConversationFixture; readonly databaseUrl: string } {
  let db: TestDatabase | undefined;
  let api: ApiProcess | undefined;
  let fx: ConversationFixture | undefined;
  before(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { ...ADMIN_ENV, ...env }, media: options.media });
    fx = await ConversationFixture.connect(api.url);
  });
  after(async () => {
    await api?.stop();
    await db?.drop();
  });
  return {
    get api() {
      return api as ApiProcess;
    },
    get fx() {
      return fx as ConversationFixture;
    },
    get databaseUrl() {
      return (db as TestDatabase).url;
    },
  };
}
