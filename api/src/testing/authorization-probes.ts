import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Reader } from '../graphql/authorization-matrix';
import { activeChat, closeChat, QUALITY_ANSWER, scratchCampaignInput, startChat, type World } from './authorization-world';
import { login } from './graphql-client';
import type { Prompt } from './graphql-transports';

/**
 * How the authorization matrix calls each root field: the arguments (aiming
 * at the fixtures of authorization-world.ts), what in the answer counts as
 * the target, and for calls that use their target up, how to make a new one.
 * The document itself is generated from the schema.
 */

/** A resource made for calls that use it up: the chat to close, the key to revoke. */
export interface Target {
  readonly id: string;
  /** The customer's visitor token, for chats. */
  readonly token?: string;
}

export interface Probe {
  /** Argument values for one call as `reader`; `target` is set for probes with `fresh`. */
  readonly args?: (world: World, reader: Reader, target: Target | undefined) => Record<string, unknown>;
  /** The selection set; by default `{ __typename id }` (or `{ __typename }`) for object types. */
  readonly select?: string;
  /** Whether the answer's value shows the target; by default anything but null. */
  readonly shows?: (value: unknown, world: World, reader: Reader) => boolean;
  /** Makes the target anew after each call that succeeded (it may be used up). */
  readonly fresh?: (world: World) => Promise<Target>;
  /** Who calls when not the reader's own token: the customer of a fresh chat, a new session. `once`: its socket is closed after the call. */
  readonly caller?: (world: World, reader: Reader, target: Target | undefined) => Promise<{ token: string | undefined; once: boolean } | undefined>;
  /** Subscriptions that send nothing at first: what makes them send, for a reader who may follow them. */
  readonly prompt?: (world: World, reader: Reader) => Prompt | undefined;
  /** At most this many calls at once, where more would race each other (rows with `fresh` or `caller` make one call at a time). */
  readonly atOnce?: number;
}

const STAFF: readonly Reader[] = ['agentMember', 'agentNonMember', 'supervisor', 'admin'];
const isStaff = (reader: Reader) => STAFF.includes(reader);
const MATRIX_PASSWORD = 'matrix reset password';

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => (item as { id?: string }).id ?? '') : []);
const includes = (id: (world: World, reader: Reader) => string) => (value: unknown, world: World, reader: Reader) => ids(value).includes(id(world, reader));
const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
/** A staff member's counterpart in staff messages: the admin, or for the admin the supervisor. */
const counterpart = (world: World, reader: Reader) => (reader === 'admin' ? world.staff.supervisor.id : world.staff.admin.id);
const chatA = (world: World) => ({ interactionId: world.chats.a.id });
const qualityModelInput = (world: World) => ({ name: world.unique('Matrix model'), questions: [{ kind: 'YES_NO', text: 'Greeted the customer', weight: 1 }] });

/** A chat of campaign 1 the member agent serves, with its customer's token. */
const servedChat = (world: World) => activeChat(world.url, world.campaigns.main, 'Walk-in customer');
const asAdmin = (world: World) => world.as(world.staff.admin.token);
const unusedCampaign = async (w: World): Promise<Target> => ({
  id: (await asAdmin(w).ok<{ createCampaign: { id: string } }>('mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }', { input: { ...scratchCampaignInput(), name: 'Matrix unused' } })).createCampaign.id,
});
const unusedQualityModel = async (w: World): Promise<Target> => ({
  id: (await asAdmin(w).ok<{ createQualityModel: { id: string } }>('mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id } }', { input: qualityModelInput(w) })).createQualityModel.id,
});
const spareCannedResponse = async (w: World): Promise<Target> => ({
  id: (await asAdmin(w).ok<{ createCannedResponse: { id: string } }>('mutation($c: ID!, $s: String!) { createCannedResponse(campaignId: $c, shortcut: $s, text: "Bye") { id } }', { c: w.campaigns.scratch.id, s: w.unique('bye') }))
    .createCannedResponse.id,
});
const spareApiKey = async (w: World): Promise<Target> => ({
  id: (await asAdmin(w).ok<{ createApiKey: { apiKey: { id: string } } }>('mutation($n: String!) { createApiKey(name: $n, scopes: [STATS_READ]) { apiKey { id } } }', { n: w.unique('Matrix spare key') })).createApiKey.apiKey.id,
});
const closedChat = async (w: World): Promise<Target> => {
  const chat = await servedChat(w);
  await closeChat(w.url, w.staff.agentMember.token, w.qualityQuestionId, chat.id);
  return chat;
};
const byId = (_w: World, _r: Reader, target: Target | undefined) => ({ id: target?.id });
/** A call the member agent made to the customer of a fresh chat, ringing. */
const ringingCall = async (w: World): Promise<Target> => {
  const chat = await servedChat(w);
  const { startCall } = await w.as(w.staff.agentMember.token).ok<{ startCall: { id: string } }>('mutation($i: ID!) { startCall(interactionId: $i, kind: VIDEO) { id } }', { i: chat.id });
  return { id: startCall.id, token: chat.token };
};
/** A call the customer of a fresh chat made, answered by the member agent. */
const activeCall = async (w: World): Promise<Target> => {
  const chat = await servedChat(w);
  const { startCall } = await w.as(chat.token).ok<{ startCall: { id: string } }>('mutation($i: ID!) { startCall(interactionId: $i, kind: AUDIO) { id } }', { i: chat.id });
  await w.as(w.staff.agentMember.token).ok('mutation($c: ID!) { answerCall(callId: $c, accept: true) { id } }', { c: startCall.id });
  return { id: startCall.id, token: chat.token };
};
/** The supervisor watching an agent's screen (the one running, when there is one). */
const monitoringOf = (agent: 'agentMember' | 'agentNonMember') => async (w: World): Promise<Target> => {
  const { startScreenMonitoring } = await w.as(w.staff.supervisor.token).ok<{ startScreenMonitoring: { id: string } }>('mutation($a: ID!) { startScreenMonitoring(agentId: $a) { id } }', { a: w.staff[agent].id });
  return { id: startScreenMonitoring.id };
};
const byCallId = (_w: World, _r: Reader, target: Target | undefined) => ({ callId: target?.id });

/** The customer of a fresh chat calls as visitor A. */
const itsCustomer = async (_world: World, reader: Reader, target: Target | undefined) => (reader === 'visitorA' ? { token: target?.token, once: true } : undefined);

export const PROBES: Readonly<Record<'Query' | 'Mutation' | 'Subscription', Readonly<Record<string, Probe>>>> = {
  Query: {
    apiKeys: { shows: includes((w) => w.keyIds.keyStats) },
    auditLog: { args: () => ({ first: 5 }), shows: nonEmpty },
    campaign: { args: (w) => ({ id: w.campaigns.main.id }) },
    campaignStats: { args: (w) => ({ campaignId: w.campaigns.main.id }), select: '{ campaignId }' },
    campaigns: { shows: includes((w) => w.campaigns.main.id) },
    contactHistory: { args: (w) => ({ interactionId: w.chats.a.id }), shows: includes((w) => w.chats.aEarlier.id) },
    interaction: { args: (w) => ({ id: w.chats.a.id }) },
    interactions: {
      args: () => ({ first: 20, filter: { text: 'Ada Matrix' } }),
      select: '{ edges { node { id } } }',
      shows: (value, world) => ids((value as { edges: { node: unknown }[] }).edges.map((edge) => edge.node)).includes(world.chats.a.id),
    },
    me: {},
    myActivity: { select: '{ state }' },
    pauseReasons: { shows: nonEmpty },
    qualityModels: { shows: includes((w) => w.qualityModelId) },
    spySessions: { args: () => ({ first: 5 }) },
    staffColleagues: { shows: includes(counterpart) },
    staffConversations: { select: '{ unread }' },
    staffMessages: { args: (w, reader) => ({ withUserId: counterpart(w, reader) }) },
    statsHistory: {
      args: (w) => ({ campaignId: w.campaigns.main.id, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString(), interval: 'HOUR' }),
      select: '{ from }',
      shows: nonEmpty,
    },
    users: { args: () => ({ role: 'AGENT' }), shows: includes((w) => w.staff.agentMember.id) },
    widgetConfig: { args: (w) => ({ campaignKey: w.campaigns.main.key }), select: '{ campaignKey }' },
    activeScreenMonitorings: {},
    mediaAvailable: {},
  },
  Mutation: {
    acceptInteraction: { fresh: async (w) => ({ id: (await startChat(w.url, w.campaigns.picks, 'Picked customer')).interaction.id }), args: byId },
    archiveCampaign: { args: (w) => ({ id: w.campaigns.retired.id }) },
    archiveQualityModel: { args: (w) => ({ id: w.retiredQualityModelId }) },
    closeInteraction: { fresh: servedChat, args: (w, _r, target) => ({ id: target?.id, quality: [{ questionId: w.qualityQuestionId, value: QUALITY_ANSWER }] }) },
    createApiKey: { args: (w) => ({ name: w.unique('Matrix key'), scopes: ['STATS_READ'] }), select: '{ apiKey { id } }' },
    createCampaign: { args: () => ({ input: { ...scratchCampaignInput(), name: 'Matrix created' } }) },
    createCannedResponse: { args: (w) => ({ campaignId: w.campaigns.scratch.id, shortcut: w.unique('m'), text: 'One moment, please' }) },
    createQualityModel: { args: (w) => ({ input: qualityModelInput(w) }) },
    createUser: { args: (w) => ({ input: { name: 'Matrix newcomer', email: `${w.unique('newcomer')}@example.test`, password: MATRIX_PASSWORD, role: 'AGENT' } }) },
    deactivateUser: { args: (w) => ({ id: w.spare.account.id }) },
    deleteCampaign: { fresh: unusedCampaign, args: byId },
    deleteCannedResponse: { fresh: spareCannedResponse, args: byId },
    deleteQualityModel: { fresh: unusedQualityModel, args: byId },
    leaveChat: { fresh: servedChat, caller: itsCustomer, args: (_w, _r, target) => ({ interactionId: target?.id }) },
    leaveFeedback: { fresh: closedChat, caller: itsCustomer, args: (_w, _r, target) => ({ interactionId: target?.id, rating: 5, note: 'Thanks' }) },
    // One at a time: two sign-ins of one account at once can deadlock in the sign-in throttle's bookkeeping and fail.
    login: { args: (w) => ({ email: w.spare.signIn.email, password: w.spare.signIn.password }), select: '{ token }', atOnce: 1 },
    logout: {
      caller: async (w, reader) => {
        if (!isStaff(reader)) return undefined;
        const account = w.staff[reader as keyof World['staff']];
        return { token: await login(w.url, account.email, account.password), once: true };
      },
    },
    logoutAgent: { args: (w) => ({ agentId: w.spare.agent.id }), select: '{ state }' },
    markRead: { args: (w) => ({ ...chatA(w), seq: 1 }) },
    markStaffMessagesRead: { args: (w, reader) => ({ withUserId: counterpart(w, reader) }) },
    pauseAgent: { args: (w) => ({ agentId: w.spare.agent.id, reason: 'Break' }), select: '{ state }' },
    reactivateUser: { args: (w) => ({ id: w.spare.account.id }) },
    removeCampaignMember: { args: (w) => ({ campaignId: w.campaigns.scratch.id, agentId: w.spare.member.id }) },
    resetPassword: { args: (w) => ({ id: w.spare.account.id, password: MATRIX_PASSWORD }) },
    restoreCampaign: { args: (w) => ({ id: w.campaigns.retired.id }) },
    restoreQualityModel: { args: (w) => ({ id: w.retiredQualityModelId }) },
    revokeApiKey: { fresh: spareApiKey, args: byId },
    sendMessage: { args: (w) => ({ ...chatA(w), clientId: w.unique('message'), text: 'Checking in' }), select: '{ seq }' },
    sendOfflineMessage: { args: (w) => ({ input: { campaignKey: w.campaigns.main.key, name: 'Otto Offline', email: 'otto@example.test', text: 'Please call me back' } }) },
    sendStaffMessage: { args: (w, reader) => ({ toUserId: counterpart(w, reader), text: 'Checking in', clientId: w.unique('staff') }) },
    setAgentState: { args: () => ({ state: 'AVAILABLE' }), select: '{ state }' },
    setCampaignMember: { args: (w) => ({ campaignId: w.campaigns.scratch.id, agentId: w.spare.member.id, penalty: 5 }), atOnce: 1 },
    setPauseReasons: { args: () => ({ reasons: ['Break', 'Training'] }), shows: nonEmpty, atOnce: 1 },
    setTyping: { args: (w) => ({ ...chatA(w), typing: false }) },
    startChat: { args: (w) => ({ input: { campaignKey: w.campaigns.lobby.key, name: 'Lou Lobby' } }), select: '{ interaction { id } }' },
    updateCampaign: { args: (w) => ({ id: w.campaigns.scratch.id, input: scratchCampaignInput() }) },
    updateCannedResponse: { args: (w) => ({ id: w.spareCannedResponseId, shortcut: 'matrix-kept', text: 'Kept' }) },
    updateQualityModel: { args: (w) => ({ id: w.spareQualityModelId, input: qualityModelInput(w) }) },
    updateUser: { args: (w) => ({ id: w.spare.account.id, input: { name: 'Kim Spare', email: w.spare.account.email, role: 'AGENT' } }) },
    startCall: { fresh: servedChat, caller: itsCustomer, args: (_w, _r, target) => ({ interactionId: target?.id, kind: 'VIDEO' }) },
    answerCall: { fresh: ringingCall, caller: itsCustomer, args: (_w, _r, target) => ({ callId: target?.id, accept: false }) },
    endCall: { fresh: ringingCall, caller: itsCustomer, args: byCallId },
    joinCall: { fresh: activeCall, caller: itsCustomer, args: byCallId, select: '{ room }' },
    startScreenMonitoring: { args: (w) => ({ agentId: w.staff.agentMember.id }) },
    stopScreenMonitoring: { fresh: monitoringOf('agentNonMember'), args: byId },
    joinScreenMonitoring: { fresh: monitoringOf('agentMember'), args: byId, select: '{ room }' },
  },
  Subscription: {
    campaignStats: { args: (w) => ({ campaignId: w.campaigns.main.id }), select: '{ campaignId }' },
    campaignUpdated: {
      args: (w) => ({ id: w.campaigns.main.id }),
      prompt: (w) => ({
        cause: () => w.as(w.staff.admin.token).ok('mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: w.campaigns.main.id, a: w.staff.agentMember.id }),
      }),
    },
    interactionUpdated: {
      args: chatA,
      // The agent's read mark moves: the chat changed.
      prompt: (w) => ({
        cause: async () => {
          const agent = w.as(w.staff.agentMember.token);
          const { sendMessage } = await agent.ok<{ sendMessage: { seq: number } }>('mutation($i: ID!, $c: ID!) { sendMessage(interactionId: $i, clientId: $c, text: "One moment") { seq } }', { i: w.chats.a.id, c: w.unique('prompt') });
          await agent.ok('mutation($i: ID!, $s: Int!) { markRead(interactionId: $i, seq: $s) { id } }', { i: w.chats.a.id, s: sendMessage.seq });
        },
      }),
    },
    messageAdded: { args: (w) => ({ ...chatA(w), afterSeq: 0 }), select: '{ seq }' },
    myInteractions: {
      select: '{ kind }',
      prompt: (w, reader) => {
        // A chat waiting where the member agent picks, or served by the other agent; managers are never offered chats.
        if (reader === 'agentMember') return { cause: () => startChat(w.url, w.campaigns.picks, 'Prompting customer') };
        if (reader === 'agentNonMember') return { cause: () => startChat(w.url, w.campaigns.other, 'Prompting customer') };
        if (reader === 'supervisor' || reader === 'admin') return { channel: `AGENT_INTERACTION:${w.staff[reader].id}` };
        return undefined;
      },
    },
    queueStatus: { args: chatA, select: '{ interactionId }' },
    staffMessageAdded: {
      prompt: (w, reader) => {
        if (!isStaff(reader)) return undefined;
        const recipient = w.staff[reader as keyof World['staff']];
        const sender = reader === 'admin' ? w.staff.supervisor : w.staff.admin;
        return { cause: () => w.as(sender.token).ok('mutation($to: ID!, $c: ID!) { sendStaffMessage(toUserId: $to, text: "Ping", clientId: $c) { id } }', { to: recipient.id, c: w.unique('ping') }) };
      },
    },
    // The reader's own channel is live: nothing needs to happen to them to prove it.
    screenMonitoringUpdated: { prompt: (w, reader) => (isStaff(reader) ? { channel: `SCREEN_MONITORING_UPDATED:${w.staff[reader as keyof World['staff']].id}` } : undefined) },
    typing: {
      args: chatA,
      select: '{ typing }',
      prompt: (w) => ({ cause: () => w.as(w.staff.agentMember.token).ok('mutation($i: ID!) { setTyping(interactionId: $i, typing: true) }', { i: w.chats.a.id }) }),
    },
  },
};

/** The operation that calls one root field with every argument as a variable, as the schema declares them. */
export function rootDocument(operation: 'Query' | 'Mutation' | 'Subscription', field: GraphQLField<unknown, unknown>, select: string | undefined): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`);
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  const named = getNamedType(field.type);
  const selection = select ?? (isLeafType(named) ? '' : isObjectType(named) && named.getFields().id ? '{ __typename id }' : '{ __typename }');
  const signature = variables.length ? `(${variables.join(', ')})` : '';
  return `${operation.toLowerCase()} Probe${signature} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`;
}

/** Arguments a call must give: non-null, without a default. */
export const requiredArgs = (field: GraphQLField<unknown, unknown>): string[] => field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined).map((arg) => arg.name);

/** Every field of a type, objects followed down (each type once per path), with `__typename` to tell objects apart in the answer. */
export function selectAll(type: GraphQLObjectType, path: readonly string[] = [type.name]): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (requiredArgs(field).length > 0) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && !path.includes(named.name)) parts.push(`${field.name} ${selectAll(named, [...path, named.name])}`);
  }
  return `{ ${parts.join(' ')} }`;
}

export interface FieldPath {
  readonly name: string;
  readonly document: string;
  readonly variables: (world: World) => Record<string, unknown>;
}

/** The ways a reader reaches Campaign, Interaction, Sender and User objects, for the field rows. */
export function fieldPaths(schema: GraphQLSchema): FieldPath[] {
  const all = (name: string) => selectAll(schema.getType(name) as GraphQLObjectType);
  return [
    { name: 'campaign(campaign 1)', document: `query($id: ID!) { campaign(id: $id) ${all('Campaign')} }`, variables: (w) => ({ id: w.campaigns.main.id }) },
    { name: 'interactions(text: "Matrix")', document: `query { interactions(first: 20, filter: { text: "Matrix" }) { edges { node ${all('Interaction')} } } }`, variables: () => ({}) },
    {
      name: 'startChat(campaign 2)',
      document: `mutation($input: StartChatInput!) { startChat(input: $input) { interaction ${all('Interaction')} } }`,
      variables: (w) => ({ input: { campaignKey: w.campaigns.other.key, name: 'Dee Walk-in' } }),
    },
    { name: 'campaignStats(campaign 1)', document: `query($c: ID!) { campaignStats(campaignId: $c) { agents { agent ${all('User')} } } }`, variables: (w) => ({ c: w.campaigns.main.id }) },
    { name: 'me', document: `query { me ${all('User')} }`, variables: () => ({}) },
  ];
}
