import type { ErrorCode } from './app-error';

/**
 * Who may do what through the GraphQL API: the expected answer of every
 * root field of Query, Mutation and Subscription, and of every field of the
 * types whose fields differ per reader, for each kind of caller. The
 * authorization-matrix integration test asks the running API as each reader,
 * over HTTP and graphql-ws, and compares with this table; a field of the
 * schema without a row (or a row without a field) fails it.
 *
 * The fixtures behind the targets (api/src/testing/authorization-world.ts):
 * campaign 1 (agent names shown, quality model, offline address, a canned
 * response) with the member agent; campaign 2 (agent names hidden) with the
 * non-member agent; campaign 3 where agents pick chats; a lobby campaign
 * nobody serves; a scratch and a retired campaign for configuration changes;
 * spare accounts, keys and quality models for the mutations that change them.
 * Visitor A has chat A and an earlier, closed and evaluated chat in campaign
 * 1; visitor B has chat B there; the member agent serves all three. Every
 * campaign allows calls, and the API runs with its media server, so call
 * rows make and join real media rooms.
 *
 * In the rows: ok = allowed, no = hidden, UN = UNAUTHENTICATED,
 * FB = FORBIDDEN, NF = NOT_FOUND.
 */

/** The callers, in the order of the table's columns. */
export const READERS = [
  /** no token */
  'anonymous',
  /** the customer of chat A (campaign 1), with the visitor token startChat gave them */
  'visitorA',
  /** another customer of campaign 1, with a chat of their own */
  'visitorB',
  /** an agent of campaign 1 (and 3), serving chats A and B */
  'agentMember',
  /** an agent of campaign 2 only */
  'agentNonMember',
  'supervisor',
  'admin',
  /** API keys with one scope each */
  'keyCampaigns',
  'keyInteractions',
  'keyStats',
  /** an API key whose scopes were all withdrawn */
  'keyNone',
] as const;

export type Reader = (typeof READERS)[number];

/**
 * `allowed`: the answer shows the target. `hidden`: the answer succeeds but
 * shows nothing of it (null, an empty list, a list without it). Otherwise the
 * `extensions.code` of the refusal.
 */
export type Outcome = 'allowed' | 'hidden' | ErrorCode;

export interface Row {
  /** What the call aims at, in the fixtures' words. */
  readonly target: string;
  readonly outcomes: Readonly<Record<Reader, Outcome>>;
}

type Columns<T> = [anonymous: T, visitorA: T, visitorB: T, agentMember: T, agentNonMember: T, supervisor: T, admin: T, keyCampaigns: T, keyInteractions: T, keyStats: T, keyNone: T];

const byReader = <T>(values: Columns<T>): Readonly<Record<Reader, T>> => Object.freeze(Object.fromEntries(READERS.map((reader, i) => [reader, values[i]])) as Record<Reader, T>);

/** One row: its target, then one outcome per reader in the order of READERS. */
const on = (target: string, ...outcomes: Columns<Outcome>): Row => Object.freeze({ target, outcomes: byReader(outcomes) });

const ok = 'allowed';
const no = 'hidden';
const UN = 'UNAUTHENTICATED';
const FB = 'FORBIDDEN';
const NF = 'NOT_FOUND';

export const AUTHORIZATION_MATRIX: Readonly<Record<'Query' | 'Mutation' | 'Subscription', Readonly<Record<string, Row>>>> = {
  Query: {
    //                                                     anon visA visB agM  agNM sup  adm  kCmp kInt kSta kNone
    apiKeys: on('the API keys',                            UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    auditLog: on('the audit log',                          UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    campaign: on('campaign 1',                             UN,  FB,  FB,  ok,  no,  ok,  ok,  ok,  FB,  FB,  FB),
    campaignStats: on('campaign 1',                        UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  ok,  FB),
    campaigns: on('campaign 1 in the list',                UN,  FB,  FB,  ok,  no,  ok,  ok,  ok,  FB,  FB,  FB),
    contactHistory: on('chat A: its earlier chat',         UN,  FB,  NF,  ok,  NF,  ok,  ok,  NF,  ok,  NF,  NF),
    interaction: on('chat A',                              UN,  ok,  no,  ok,  no,  ok,  ok,  no,  ok,  no,  no),
    interactions: on('chat A in the list',                 UN,  ok,  no,  ok,  no,  ok,  ok,  FB,  ok,  FB,  FB),
    me: on("the caller's own account",                     no,  no,  no,  ok,  ok,  ok,  ok,  no,  no,  no,  no),
    myActivity: on("the caller's own routing state",       UN,  FB,  FB,  ok,  ok,  no,  no,  FB,  FB,  FB,  FB),
    pauseReasons: on('the pause reasons',                  UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    qualityModels: on("campaign 1's quality model",        UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    spySessions: on('the spy log',                         UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    staffColleagues: on('a manager among them',            UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    staffConversations: on("the caller's own",             UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    staffMessages: on('with a manager',                    UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    statsHistory: on('campaign 1, the last day',           UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  ok,  FB),
    users: on('the member agent among them',               UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    widgetConfig: on("campaign 1's key",                   ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok),
    activeScreenMonitorings: on("the caller's own",        UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    mediaAvailable: on('whether calls can work',           UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
  },
  Mutation: {
    //                                                     anon visA visB agM  agNM sup  adm  kCmp kInt kSta kNone
    acceptInteraction: on('a chat waiting in campaign 3',  UN,  FB,  FB,  ok,  NF,  FB,  FB,  FB,  FB,  FB,  FB),
    archiveCampaign: on('the retired campaign',            UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    archiveQualityModel: on('the retired quality model',   UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    closeInteraction: on("an active chat of the member's", UN,  FB,  FB,  ok,  NF,  ok,  ok,  FB,  FB,  FB,  FB),
    createApiKey: on('a new STATS_READ key',               UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    createCampaign: on('a new campaign',                   UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    createCannedResponse: on('the scratch campaign',       UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    createQualityModel: on('a new quality model',          UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    createUser: on('a new agent account',                  UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    deactivateUser: on('a spare account',                  UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    deleteCampaign: on('an unused campaign',               UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    deleteCannedResponse: on('a scratch canned response',  UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    deleteQualityModel: on('an unused quality model',      UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    leaveChat: on("a chat of visitor A's",                 UN,  ok,  NF,  FB,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    leaveFeedback: on("a closed chat of visitor A's",      UN,  ok,  NF,  FB,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    login: on('a staff account, right password',           ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok),
    logout: on("the caller's own session",                 UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    logoutAgent: on('a spare agent',                       UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    markRead: on('chat A',                                 UN,  ok,  NF,  ok,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    markStaffMessagesRead: on('from a manager',            UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    pauseAgent: on('a spare agent',                        UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    reactivateUser: on('a spare account',                  UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    removeCampaignMember: on('the scratch campaign',       UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    resetPassword: on('a spare account',                   UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    restoreCampaign: on('the retired campaign',            UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    restoreQualityModel: on('the retired quality model',   UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    revokeApiKey: on('a spare API key',                    UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    sendMessage: on('chat A',                              UN,  ok,  NF,  ok,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    sendOfflineMessage: on('campaign 1',                   ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok),
    sendStaffMessage: on('to a manager',                   UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    setAgentState: on("the caller's own state",            UN,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB,  FB,  FB),
    setCampaignMember: on('the scratch campaign',          UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    setPauseReasons: on('the pause reasons',               UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    setTyping: on('chat A',                                UN,  ok,  NF,  ok,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    startChat: on('the lobby campaign',                    ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  ok),
    updateCampaign: on('the scratch campaign',             UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    updateCannedResponse: on('a scratch canned response',  UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    updateQualityModel: on('a spare quality model',        UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    updateUser: on('a spare account',                      UN,  FB,  FB,  FB,  FB,  FB,  ok,  FB,  FB,  FB,  FB),
    // Calls: the chat's customer and its agent only; readers who may read the chat but are not a side of it are refused.
    //                                                     anon visA visB agM  agNM sup  adm  kCmp kInt kSta kNone
    startCall: on("a chat of the member's",               UN,  ok,  NF,  ok,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    answerCall: on('a ringing call the member made',       UN,  ok,  NF,  FB,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    endCall: on('a ringing call the member made',          UN,  ok,  NF,  ok,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    joinCall: on("an active call of the member's",         UN,  ok,  NF,  ok,  NF,  FB,  FB,  NF,  FB,  NF,  NF),
    // Screen monitoring: managers start it; only its agent and its supervisor join; an admin may also stop it.
    startScreenMonitoring: on('the member agent',          UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  FB,  FB),
    stopScreenMonitoring: on("the supervisor's, of agNM",  UN,  FB,  FB,  NF,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    joinScreenMonitoring: on("the supervisor's, of agM",   UN,  FB,  FB,  ok,  NF,  ok,  FB,  FB,  FB,  FB,  FB),
  },
  Subscription: {
    //                                                     anon visA visB agM  agNM sup  adm  kCmp kInt kSta kNone
    campaignStats: on('campaign 1',                        UN,  FB,  FB,  FB,  FB,  ok,  ok,  FB,  FB,  ok,  FB),
    campaignUpdated: on('campaign 1',                      UN,  FB,  FB,  ok,  NF,  ok,  ok,  ok,  FB,  FB,  FB),
    interactionUpdated: on('chat A',                       UN,  ok,  NF,  ok,  NF,  ok,  ok,  NF,  ok,  NF,  NF),
    messageAdded: on('chat A',                             UN,  ok,  NF,  ok,  NF,  ok,  ok,  NF,  ok,  NF,  NF),
    myInteractions: on("the caller's own",                 UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    queueStatus: on('chat A',                              UN,  ok,  NF,  ok,  NF,  ok,  ok,  NF,  ok,  NF,  NF),
    staffMessageAdded: on("the caller's own",              UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
    typing: on('chat A',                                   UN,  ok,  NF,  ok,  NF,  ok,  ok,  NF,  ok,  NF,  NF),
    screenMonitoringUpdated: on("the caller's own",        UN,  FB,  FB,  ok,  ok,  ok,  ok,  FB,  FB,  FB,  FB),
  },
};

/** A field every reader who reaches the object sees alike. */
export const SAME_FOR_ALL = 'same for every reader who reaches the object';

/** Whether a reader sees a field's value wherever they reach the object (`allowed`), or never (`hidden`, also when they cannot reach it). */
export type FieldRule = Readonly<Record<Reader, 'allowed' | 'hidden'>> | typeof SAME_FOR_ALL;

const seen = (...outcomes: Columns<'allowed' | 'hidden'>): FieldRule => byReader(outcomes);
const ALL = SAME_FOR_ALL;

/** Campaign settings that are the staff's business. */
//                                                         anon visA visB agM  agNM sup  adm  kCmp kInt kSta kNone
const CAMPAIGN_PRIVATE = seen(                             no,  no,  no,  ok,  ok,  ok,  ok,  ok,  no,  no,  no);
/** The staff's view of a chat: routing, quality evaluation, who sent what. */
const STAFF_VIEW = seen(                                   no,  no,  no,  ok,  ok,  ok,  ok,  no,  ok,  no,  no);

/**
 * Fields of the types whose answers differ per reader. Readers reach these
 * objects through `campaign`, `interactions`, `startChat` (anyone may start a
 * chat: here in campaign 2, which hides agent names), `campaignStats` and `me`.
 */
export const FIELD_MATRIX: Readonly<Record<'Campaign' | 'Interaction' | 'Sender' | 'User', Readonly<Record<string, FieldRule>>>> = {
  Campaign: {
    allowedDomains: ALL,
    archived: ALL,
    archivedAt: ALL,
    automaticAgentMessage: ALL,
    availability: ALL,
    cannedResponses: CAMPAIGN_PRIVATE,
    colour: ALL,
    customField: ALL,
    distribution: ALL,
    emailRequired: ALL,
    embedCode: ALL,
    enabled: ALL,
    feedbackEnabled: ALL,
    feedbackMessage: ALL,
    hasInteractions: ALL,
    id: ALL,
    key: ALL,
    maxInteractionsPerAgent: ALL,
    mediaEnabled: ALL,
    members: CAMPAIGN_PRIVATE,
    name: ALL,
    notAvailableMessage: ALL,
    offerTimeoutSeconds: ALL,
    offlineMessageEmail: CAMPAIGN_PRIVATE,
    offlineMessageEnabled: ALL,
    openNow: ALL,
    outOfTimeMessage: ALL,
    qualityModelId: ALL,
    schedule: ALL,
    serviceLevelTarget: ALL,
    showAgentName: ALL,
    thresholds: ALL,
    welcomeMessage: ALL,
  },
  Interaction: {
    /** Customers see their agent where the campaign shows agent names (campaign 1 does, campaign 2 does not). */
    //                                                     anon visA visB agM  agNM sup  adm  kCmp kInt kSta kNone
    agent: seen(                                           no,  ok,  ok,  ok,  ok,  ok,  ok,  no,  ok,  no,  no),
    agentReadSeq: ALL,
    answeredAt: ALL,
    /** Calls are the chat's: whoever reaches the chat sees them (the rights are on the mutations and on joining). */
    call: ALL,
    calls: ALL,
    campaign: ALL,
    closeReason: ALL,
    closedAt: ALL,
    contact: ALL,
    contactReadSeq: ALL,
    feedback: ALL,
    holdSeconds: ALL,
    id: ALL,
    messages: ALL,
    origin: ALL,
    outOfHours: ALL,
    /** The agent's evaluation of the chat, free-text answers included: not the customer's to read. */
    quality: STAFF_VIEW,
    qualityScore: STAFF_VIEW,
    queue: ALL,
    queuedAt: ALL,
    routing: STAFF_VIEW,
    state: ALL,
  },
  Sender: {
    kind: ALL,
    name: ALL,
    userId: STAFF_VIEW,
  },
  User: {
    active: ALL,
    /** Customers may see their agent's name, never the address; keys see the accounts their scope shows (members, agents, activity). */
    //                                                     anon visA visB agM  agNM sup  adm  kCmp kInt kSta kNone
    email: seen(                                           no,  no,  no,  ok,  ok,  ok,  ok,  ok,  ok,  ok,  no),
    id: ALL,
    name: ALL,
    role: ALL,
  },
};

/** Where a row goes, for messages that tell what to add. */
export const MATRIX_FILE = 'api/src/graphql/authorization-matrix.ts';
