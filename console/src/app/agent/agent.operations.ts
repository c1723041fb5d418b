import { gql } from 'apollo-angular';
import type { AgentStateName } from './agent-state';
import { CALL_FIELDS, type CallSummary } from './call-state';
import type { Attachment, ChatMessage } from './message-log';
import { MESSAGE_FIELDS } from './message-log';
import type { CannedResponse } from './canned';
import type { QualityModel } from './quality-form';

export type InteractionState = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'CLOSED' | 'ABANDONED' | 'REJECTED' | 'OFFLINE_MESSAGE';
export type CloseReason =
  | 'AGENT_CLOSED' | 'AGENT_LOGGED_OUT' | 'AUTO_FINISHED' | 'CAMPAIGN_DISABLED' | 'CONTACT_LEFT' | 'NOT_AVAILABLE' | 'OUT_OF_TIME' | 'QUEUE_FULL' | 'WAIT_TIMEOUT';

/** What the workspace knows of a chat: everything the header, the inbox and the timer show. */
export interface InteractionSummary {
  id: string;
  state: InteractionState;
  queuedAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  closeReason: CloseReason | null;
  holdSeconds: number | null;
  origin: string | null;
  contactReadSeq: number;
  agentReadSeq: number;
  agent: { id: string } | null;
  /** The ringing or active call, else null. */
  call: CallSummary | null;
  contact: { id: string; name: string; email: string | null; customFieldValue: string | null };
  campaign: {
    id: string;
    name: string;
    colour: string;
    distribution: string;
    qualityModelId: string | null;
    offerTimeoutSeconds: number;
    mediaEnabled: boolean;
    customField: { label: string; visible: boolean };
    thresholds: { chatTimeWarnSeconds: number; chatTimeLimitSeconds: number };
  };
}

export const SUMMARY_FIELDS = `id state queuedAt answeredAt closedAt closeReason holdSeconds origin contactReadSeq agentReadSeq agent { id } ${CALL_FIELDS}
  contact { id name email customFieldValue }
  campaign { id name colour distribution qualityModelId offerTimeoutSeconds mediaEnabled customField { label visible } thresholds { chatTimeWarnSeconds chatTimeLimitSeconds } }`;

export interface HistoryEntry {
  id: string;
  state: InteractionState;
  queuedAt: string;
  closedAt: string | null;
  closeReason: CloseReason | null;
  campaign: { name: string };
  agent: { name: string } | null;
  contact: { name: string };
  messages: ChatMessage[];
}

export const WORKSPACE = gql`
  query Workspace($agentId: ID!) {
    myActivity { state pauseReason }
    pauseReasons
    mediaAvailable
    interactions(filter: { agentId: $agentId, state: ACTIVE }, first: 100) { edges { node { ${SUMMARY_FIELDS} } } }
    campaigns { id name distribution }
  }
`;

export interface WorkspaceData {
  myActivity: { state: AgentStateName; pauseReason: string | null } | null;
  pauseReasons: string[];
  mediaAvailable: boolean;
  interactions: { edges: { node: InteractionSummary }[] };
  campaigns: { id: string; name: string; distribution: string }[];
}

export const QUEUE = gql`
  query Queue($campaignId: ID!) {
    interactions(filter: { campaignId: $campaignId, state: QUEUED }, first: 100) { edges { node { ${SUMMARY_FIELDS} } } }
  }
`;

export const INTERACTION = gql`
  query Interaction($id: ID!) { interaction(id: $id) { ${SUMMARY_FIELDS} } }
`;

export const MESSAGES_AFTER = gql`
  query MessagesAfter($id: ID!, $afterSeq: Int) { interaction(id: $id) { id messages(afterSeq: $afterSeq) { ${MESSAGE_FIELDS} } } }
`;

export const CAMPAIGN_TOOLS = gql`
  query CampaignTools($id: ID!) {
    campaign(id: $id) { id cannedResponses { id shortcut text } }
  }
`;

export const QUALITY_MODELS = gql`
  query AgentQualityModels { qualityModels { id name questions { id text kind weight } } }
`;

export const CONTACT_HISTORY = gql`
  query ContactHistory($id: ID!) {
    contactHistory(interactionId: $id) {
      id state queuedAt closedAt closeReason campaign { name } agent { name } contact { name }
      messages { ${MESSAGE_FIELDS} }
    }
  }
`;

export const SET_STATE = gql`
  mutation SetAgentState($state: AgentState!, $pauseReason: String) {
    setAgentState(state: $state, pauseReason: $pauseReason) { state pauseReason }
  }
`;

export const ACCEPT = gql`
  mutation AcceptInteraction($id: ID!) { acceptInteraction(id: $id) { ${SUMMARY_FIELDS} } }
`;

export const SEND = gql`
  mutation SendMessage($interactionId: ID!, $clientId: ID!, $text: String, $attachmentId: ID) {
    sendMessage(interactionId: $interactionId, clientId: $clientId, text: $text, attachmentId: $attachmentId) { ${MESSAGE_FIELDS} }
  }
`;

export const MARK_READ = gql`
  mutation MarkRead($interactionId: ID!, $seq: Int!) { markRead(interactionId: $interactionId, seq: $seq) { id agentReadSeq } }
`;

export const SET_TYPING = gql`
  mutation SetTyping($interactionId: ID!, $typing: Boolean!) { setTyping(interactionId: $interactionId, typing: $typing) }
`;

export const CLOSE = gql`
  mutation CloseInteraction($id: ID!, $quality: [QualityAnswerInput!]) { closeInteraction(id: $id, quality: $quality) { ${SUMMARY_FIELDS} } }
`;

/** Subscriptions go through the Realtime service as plain strings (see realtime.ts). */
export const MY_INTERACTIONS = `subscription MyInteractions { myInteractions { kind interaction { ${SUMMARY_FIELDS} } } }`;
export const MESSAGE_ADDED = `subscription MessageAdded($interactionId: ID!, $afterSeq: Int) { messageAdded(interactionId: $interactionId, afterSeq: $afterSeq) { ${MESSAGE_FIELDS} } }`;
export const INTERACTION_UPDATED = `subscription InteractionUpdated($interactionId: ID!) { interactionUpdated(interactionId: $interactionId) { ${SUMMARY_FIELDS} } }`;
export const TYPING = `subscription Typing($interactionId: ID!) { typing(interactionId: $interactionId) { interactionId typing sender { kind name } } }`;

export type InteractionEventKind = 'OFFERED' | 'ASSIGNED' | 'UPDATED' | 'CLOSED';
export interface MyInteractionsEvent { myInteractions: { kind: InteractionEventKind; interaction: InteractionSummary } }
export interface MessageAddedEvent { messageAdded: ChatMessage }
export interface InteractionUpdatedEvent { interactionUpdated: InteractionSummary }
export interface TypingEvent { typing: { interactionId: string; typing: boolean; sender: { kind: string; name: string | null } } }

export type { Attachment, CannedResponse, ChatMessage, QualityModel };
