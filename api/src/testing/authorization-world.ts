import type { Reader } from '../graphql/authorization-matrix';
import type { CampaignInput } from '../campaigns/campaign.inputs';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { queryDatabase } from './api-process';
import { ADMIN_ENV, START_CHAT, type StartedChat } from './conversation-fixtures';
import { graphql, login, ok } from './graphql-client';

/**
 * The people, campaigns and chats the authorization matrix aims at, made
 * through the API as an admin, agents and customers would. See the top of
 * authorization-matrix.ts for the story.
 */

export interface Account {
  readonly id: string;
  readonly email: string;
  readonly password: string;
}

export interface StaffAccount extends Account {
  readonly token: string;
}

export interface CampaignRef {
  readonly id: string;
  readonly key: string;
}

export interface Chat {
  readonly id: string;
  /** The customer's visitor token. */
  readonly token: string;
}

export interface World {
  readonly url: string;
  /** The bearer token of each reader; none for anonymous callers. */
  readonly tokens: Readonly<Record<Reader, string | undefined>>;
  readonly staff: Readonly<Record<'admin' | 'supervisor' | 'agentMember' | 'agentNonMember', StaffAccount>>;
  /** Accounts for the mutations that change accounts: none of them is a reader. */
  readonly spare: Readonly<Record<'agent' | 'member' | 'account' | 'signIn', Account>>;
  readonly campaigns: Readonly<Record<'main' | 'other' | 'picks' | 'lobby' | 'scratch' | 'retired', CampaignRef>>;
  /** Chats A and B, and visitor A's earlier one, in campaign 1; two in campaign 2, the earlier one closed. */
  readonly chats: Readonly<Record<'a' | 'aEarlier' | 'b' | 'other' | 'otherEarlier', Chat>>;
  /** The quality model of campaigns 1 and 2, and its one question: closing their chats answers it. */
  readonly qualityModelId: string;
  readonly qualityQuestionId: string;
  readonly spareQualityModelId: string;
  /** Archived and restored by the matrix: no campaign uses it. */
  readonly retiredQualityModelId: string;
  readonly spareCannedResponseId: string;
  readonly keyIds: Readonly<Record<'keyCampaigns' | 'keyInteractions' | 'keyStats' | 'keyNone', string>>;
  /** A name, email, shortcut or client id nobody used yet. */
  unique(prefix: string): string;
  as(token: string | undefined): Caller;
}

/** Requests of one caller that must succeed. */
export interface Caller {
  ok<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

const STAFF_PASSWORD = 'matrix staff password';
export const QUALITY_ANSWER = '5';

function caller(url: string, token: string | undefined): Caller {
  return { ok: (query, variables = {}) => ok(url, query, variables, { token }) };
}

export async function buildWorld(url: string, databaseUrl: string): Promise<World> {
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${(counter += 1)}-${Date.now().toString(36)}`;
  const adminToken = await login(url, ADMIN_ENV.PARLEY_ADMIN_EMAIL, ADMIN_ENV.PARLEY_ADMIN_PASSWORD);
  const admin = caller(url, adminToken);

  const account = async (name: string, role: 'AGENT' | 'SUPERVISOR'): Promise<Account> => {
    const email = `${unique(name.toLowerCase().replace(/\W+/g, '-'))}@example.test`;
    const { createUser } = await admin.ok<{ createUser: { id: string } }>('mutation($input: UserInput!) { createUser(input: $input) { id } }', {
      input: { name, email, password: STAFF_PASSWORD, role },
    });
    return { id: createUser.id, email, password: STAFF_PASSWORD };
  };
  const signedIn = async (name: string, role: 'AGENT' | 'SUPERVISOR'): Promise<StaffAccount> => {
    const created = await account(name, role);
    return { ...created, token: await login(url, created.email, created.password) };
  };
  const campaign = async (overrides: Partial<CampaignInput>): Promise<CampaignRef> =>
    (await admin.ok<{ createCampaign: CampaignRef }>('mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }', { input: campaignInput(overrides) })).createCampaign;
  const addMember = (campaignId: string, agentId: string) =>
    admin.ok('mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: campaignId, a: agentId });
  const cannedResponse = async (campaignId: string) =>
    (await admin.ok<{ createCannedResponse: { id: string } }>('mutation($c: ID!, $s: String!) { createCannedResponse(campaignId: $c, shortcut: $s, text: "Thank you for waiting") { id } }', { c: campaignId, s: unique('thanks') }))
      .createCannedResponse.id;
  const qualityModel = async (name: string) =>
    (
      await admin.ok<{ createQualityModel: { id: string; questions: { id: string }[] } }>('mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id questions { id } } }', {
        input: { name, questions: [{ kind: 'SCORE', text: 'Solved', weight: 1 }] },
      })
    ).createQualityModel;

  const [model, spareModel, retiredModel, adminId, supervisor, agentMember, agentNonMember, spareAgent, spareMember, spareAccount, spareSignIn] = await Promise.all([
    qualityModel('Matrix evaluation'),
    qualityModel('Matrix spare evaluation'),
    qualityModel('Matrix retired evaluation'),
    admin.ok<{ me: { id: string } }>('{ me { id } }').then(({ me }) => me.id),
    signedIn('Sam Supervisor', 'SUPERVISOR'),
    signedIn('Mia Member', 'AGENT'),
    signedIn('Noa Outsider', 'AGENT'),
    account('Pat Spare', 'AGENT'),
    account('Rae Spare', 'AGENT'),
    account('Kim Spare', 'AGENT'),
    account('Lee Spare', 'AGENT'),
  ]);
  const staff = {
    admin: { id: adminId, email: ADMIN_ENV.PARLEY_ADMIN_EMAIL, password: ADMIN_ENV.PARLEY_ADMIN_PASSWORD, token: adminToken },
    supervisor,
    agentMember,
    agentNonMember,
  };
  const spare = { agent: spareAgent, member: spareMember, account: spareAccount, signIn: spareSignIn };
  const qualityQuestionId = model.questions[0]?.id as string;
  const [main, other, picks, lobby, scratch, retired] = await Promise.all([
    campaign({ name: 'Matrix main', qualityModelId: model.id, showAgentName: true, offlineMessageEnabled: true, offlineMessageEmail: 'desk@example.test' }),
    campaign({ name: 'Matrix other', qualityModelId: model.id, showAgentName: false, offlineMessageEnabled: true, offlineMessageEmail: 'other-desk@example.test' }),
    campaign({ name: 'Matrix picks', distribution: 'AGENT_PICKS' as CampaignInput['distribution'] }),
    campaign({ name: 'Matrix lobby' }),
    campaign({ name: 'Matrix scratch' }),
    campaign({ name: 'Matrix retired' }),
  ]);
  const campaigns = { main, other, picks, lobby, scratch, retired };
  await Promise.all([addMember(main.id, agentMember.id), addMember(picks.id, agentMember.id), addMember(other.id, agentNonMember.id)]);
  await Promise.all([agentMember, agentNonMember].map((agent) => caller(url, agent.token).ok('mutation { setAgentState(state: AVAILABLE) { state } }')));
  // Campaigns 1 and 2 have one to hide from customers; the scratch one's is edited by the matrix.
  const [spareCannedResponseId] = await Promise.all([cannedResponse(scratch.id), cannedResponse(main.id), cannedResponse(other.id)]);

  const [[a, aEarlier], b, [otherChat, otherEarlier]] = await Promise.all([
    (async () => {
      // Visitor A came before: that chat was closed with the quality form and rated; now they are back.
      const earlier = await activeChat(url, main, 'Ada Matrix', { email: 'ada@example.test' });
      await closeChat(url, agentMember.token, qualityQuestionId, earlier.id);
      await caller(url, earlier.token).ok('mutation($i: ID!) { leaveFeedback(interactionId: $i, rating: 4, note: "fine") { id } }', { i: earlier.id });
      const now = await activeChat(url, main, 'Ada Matrix', { email: 'ada@example.test' }, earlier.token);
      await caller(url, now.token).ok('mutation($i: ID!, $c: ID!) { sendMessage(interactionId: $i, clientId: $c, text: "Hello") { seq } }', { i: now.id, c: unique('hello') });
      return [now, earlier] as const;
    })(),
    activeChat(url, main, 'Bo Matrix'),
    (async () => {
      const earlier = await activeChat(url, other, 'Cy Matrix');
      await closeChat(url, agentNonMember.token, qualityQuestionId, earlier.id);
      return [await activeChat(url, other, 'Cy Matrix'), earlier] as const;
    })(),
  ]);
  const chats = { a, aEarlier, b, other: otherChat, otherEarlier };

  const key = async (scope: string) =>
    (await admin.ok<{ createApiKey: { key: string; apiKey: { id: string } } }>('mutation($s: [ApiScope!]!, $n: String!) { createApiKey(name: $n, scopes: $s) { key apiKey { id } } }', { s: [scope], n: `Matrix ${scope}` })).createApiKey;
  const [keyCampaigns, keyInteractions, keyStats, keyNone] = await Promise.all([key('CAMPAIGNS_READ'), key('INTERACTIONS_READ'), key('STATS_READ'), key('STATS_READ')]);
  const keys = { keyCampaigns, keyInteractions, keyStats, keyNone };
  // The API refuses to create a key without scopes; one whose scopes were withdrawn in storage must still open nothing.
  await queryDatabase(databaseUrl, `UPDATE api_keys SET scopes = '[]'::json WHERE id = $1`, [keys.keyNone.apiKey.id]);

  return {
    url,
    tokens: {
      anonymous: undefined,
      visitorA: a.token,
      visitorB: chats.b.token,
      agentMember: staff.agentMember.token,
      agentNonMember: staff.agentNonMember.token,
      supervisor: staff.supervisor.token,
      admin: staff.admin.token,
      keyCampaigns: keys.keyCampaigns.key,
      keyInteractions: keys.keyInteractions.key,
      keyStats: keys.keyStats.key,
      keyNone: keys.keyNone.key,
    },
    staff,
    spare,
    campaigns,
    chats,
    qualityModelId: model.id,
    qualityQuestionId,
    spareQualityModelId: spareModel.id,
    retiredQualityModelId: retiredModel.id,
    spareCannedResponseId,
    keyIds: { keyCampaigns: keys.keyCampaigns.apiKey.id, keyInteractions: keys.keyInteractions.apiKey.id, keyStats: keys.keyStats.apiKey.id, keyNone: keys.keyNone.apiKey.id },
    unique,
    as: (token) => caller(url, token),
  };
}

/** Room for every chat the matrix starts, no waiting time-out (chats stay as the fixtures left them), calls allowed. */
function campaignInput(overrides: Partial<CampaignInput>): CampaignInput {
  const base = validCampaignInput({ qualityModelId: null, mediaEnabled: true });
  return {
    ...base,
    maxInteractionsPerAgent: 50,
    thresholds: { ...base.thresholds, maxChats: 200, waitTimeoutSeconds: 0 },
    ...overrides,
  };
}

/** The input of the scratch campaign, for updateCampaign; with another name, of any campaign the matrix makes. */
export const scratchCampaignInput = (): CampaignInput => campaignInput({ name: 'Matrix scratch' });

/** A customer starts a chat; `token` continues as an earlier customer. */
export async function startChat(url: string, campaign: CampaignRef, name: string, extra: Record<string, unknown> = {}, token?: string): Promise<StartedChat> {
  const result = await graphql<{ startChat: StartedChat }>(url, START_CHAT, { input: { campaignKey: campaign.key, name, ...extra } }, { token });
  if (!result.data) throw new Error(`startChat failed: ${JSON.stringify(result.errors)}`);
  return result.data.startChat;
}

/** A chat the campaign's available agent has taken: campaign 1's is the member agent. */
export async function activeChat(url: string, campaign: CampaignRef, name: string, extra: Record<string, unknown> = {}, token?: string): Promise<Chat> {
  const started = await startChat(url, campaign, name, extra, token);
  if (started.interaction.state !== 'ACTIVE') throw new Error(`expected ${name}'s chat to be served at once, it is ${started.interaction.state}`);
  return { id: started.interaction.id, token: started.token };
}

/** A chat's agent closes it, answering the quality form (campaigns 1 and 2 share one model). */
export function closeChat(url: string, agentToken: string, questionId: string, interactionId: string): Promise<unknown> {
  return caller(url, agentToken).ok('mutation($i: ID!, $q: [QualityAnswerInput!]) { closeInteraction(id: $i, quality: $q) { state } }', {
    i: interactionId,
    q: [{ questionId, value: QUALITY_ANSWER }],
  });
}
