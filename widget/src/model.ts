/** What the widget knows, in the API's shapes (schema/schema.graphql). */

export interface WidgetConfig {
  campaignKey: string;
  name: string;
  colour: string;
  openNow: boolean;
  welcomeMessage: string;
  outOfTimeMessage: string;
  notAvailableMessage: string;
  feedbackMessage: string;
  emailRequired: boolean;
  customField: { label: string; visible: boolean; required: boolean };
  feedbackEnabled: boolean;
  mediaEnabled: boolean;
  offlineMessageEnabled: boolean;
  showAgentName: boolean;
  /** The campaign has calls on and a media server is configured. */
  callsAvailable: boolean;
}

export type SenderKind = 'AGENT' | 'CONTACT' | 'SUPERVISOR' | 'SYSTEM';
export type InteractionState = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'CLOSED' | 'ABANDONED' | 'REJECTED' | 'OFFLINE_MESSAGE';

export interface Attachment {
  id: string;
  kind: 'FILE' | 'VOICE_NOTE';
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

export interface Message {
  id: string;
  seq: number;
  clientId: string | null;
  text: string | null;
  createdAt: string;
  sender: { kind: SenderKind; name: string | null };
  attachment: Attachment | null;
}

export interface QueueStatus {
  position: number | null;
  estimatedWaitSeconds: number | null;
}

export type CallKind = 'AUDIO' | 'VIDEO';

/** An audio or video call within the chat; `Interaction.call` while it rings or is active. */
export interface Call {
  id: string;
  kind: CallKind;
  state: 'RINGING' | 'ACTIVE' | 'ENDED';
  startedBy: SenderKind;
  answeredAt: string | null;
}

export interface Interaction {
  id: string;
  state: InteractionState;
  closeReason: string | null;
  agentReadSeq: number;
  contactReadSeq: number;
  agent: { name: string } | null;
  feedback: { rating: number } | null;
  contact: { name: string; email: string | null; customFieldValue: string | null };
  queue: QueueStatus | null;
  call: Call | null;
}

export const isWaiting = (state: InteractionState | undefined) => state === 'QUEUED' || state === 'OFFERED';
export const isOpen = (state: InteractionState | undefined) => isWaiting(state) || state === 'ACTIVE';
