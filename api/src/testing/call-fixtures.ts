import type { CampaignInput } from '../campaigns/campaign.inputs';
import type { Agent, ConversationFixture } from './conversation-fixtures';
import { graphql, ok, type GraphQLResponse } from './graphql-client';

/** Calls and screen monitoring as the widget and the console call them. */
export const CALL_FIELDS = 'id interactionId kind state startedBy createdAt answeredAt endedAt durationSeconds endReason';
export const START_CALL = `mutation($i: ID!, $k: CallKind!) { startCall(interactionId: $i, kind: $k) { ${CALL_FIELDS} } }`;
export const ANSWER_CALL = `mutation($c: ID!, $a: Boolean!) { answerCall(callId: $c, accept: $a) { ${CALL_FIELDS} } }`;
export const END_CALL = `mutation($c: ID!) { endCall(callId: $c) { ${CALL_FIELDS} } }`;
export const JOIN_CALL = 'mutation($c: ID!) { joinCall(callId: $c) { url room token display iceServers } }';
export const CHAT_CALLS = `query($i: ID!) { interaction(id: $i) { call { ${CALL_FIELDS} } calls { ${CALL_FIELDS} } messages { seq text sender { kind } } } }`;

export interface CallView {
  id: string;
  interactionId: string;
  kind: 'AUDIO' | 'VIDEO';
  state: 'RINGING' | 'ACTIVE' | 'ENDED';
  startedBy: 'CONTACT' | 'AGENT';
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  endReason: string | null;
}

export interface MediaJoinView {
  url: string;
  room: string;
  token: string;
  display: string;
  iceServers: string[];
}

export interface ChatCalls {
  call: CallView | null;
  calls: CallView[];
  messages: { seq: number; text: string; sender: { kind: string } }[];
}

/** One party's side of the calls API: the customer (visitor token) or the agent. */
export class CallParty {
  constructor(
    readonly url: string,
    readonly token: string | undefined,
    /** The page the customer's widget runs on, sent as Origin. */
    readonly origin?: string,
  ) {}

  start(interactionId: string, kind: 'AUDIO' | 'VIDEO' = 'VIDEO'): Promise<GraphQLResponse<{ startCall: CallView }>> {
    return graphql(this.url, START_CALL, { i: interactionId, k: kind }, { token: this.token, origin: this.origin });
  }

  answer(callId: string, accept: boolean): Promise<GraphQLResponse<{ answerCall: CallView }>> {
    return graphql(this.url, ANSWER_CALL, { c: callId, a: accept }, { token: this.token, origin: this.origin });
  }

  end(callId: string): Promise<GraphQLResponse<{ endCall: CallView }>> {
    return graphql(this.url, END_CALL, { c: callId }, { token: this.token, origin: this.origin });
  }

  join(callId: string): Promise<GraphQLResponse<{ joinCall: MediaJoinView }>> {
    return graphql(this.url, JOIN_CALL, { c: callId }, { token: this.token, origin: this.origin });
  }

  async chat(interactionId: string): Promise<ChatCalls> {
    const { interaction } = await ok<{ interaction: ChatCalls }>(this.url, CHAT_CALLS, { i: interactionId }, { token: this.token, origin: this.origin });
    return interaction;
  }
}

/** The data of an answer that must succeed. */
export function data<T>(answer: GraphQLResponse<T>): T {
  if (!answer.data || answer.errors?.length) throw new Error(`expected data, got ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

/** The first error's code of an answer that must fail. */
export const codeOf = (answer: GraphQLResponse<unknown>): string | undefined => answer.errors?.[0]?.extensions?.code;

export interface ServedChat {
  readonly campaign: { id: string; key: string };
  readonly agent: Agent;
  readonly interactionId: string;
  readonly customer: CallParty;
  readonly staff: CallParty;
}

/** A campaign with calls on, an available agent, and a customer's chat that agent serves. */
export async function servedChat(fx: ConversationFixture, overrides: Partial<CampaignInput> = {}, start: { name?: string; language?: string; origin?: string } = {}): Promise<ServedChat> {
  const campaign = await fx.campaign({ mediaEnabled: true, automaticAgentMessage: null, ...overrides });
  const agent = await fx.agent([campaign.id]);
  await fx.setState(agent, 'AVAILABLE');
  const answer = await fx.start(campaign.key, start.name ?? 'Sam Caller', start.language ? { language: start.language } : {}, start.origin);
  const chat = data(answer).startChat;
  if (chat.interaction.state !== 'ACTIVE') throw new Error(`expected the chat to be served, it is ${chat.interaction.state}`);
  return { campaign, agent, interactionId: chat.interaction.id, customer: new CallParty(fx.url, chat.token, start.origin), staff: new CallParty(fx.url, agent.token) };
}

/** A call the customer started and the agent answered. */
export async function activeCall(chat: ServedChat, kind: 'AUDIO' | 'VIDEO' = 'VIDEO'): Promise<CallView> {
  const { startCall } = data(await chat.customer.start(chat.interactionId, kind));
  return data(await chat.staff.answer(startCall.id, true)).answerCall;
}

export const SYSTEM_LINES = (chat: ChatCalls): string[] => chat.messages.filter((message) => message.sender.kind === 'SYSTEM').map((message) => message.text);
