import { gql } from 'apollo-angular';
import { MESSAGE_FIELDS, type ChatMessage } from '../agent/message-log';
import type { CloseReason, InteractionState } from '../agent/agent.operations';
import type { ModelQuestion, StoredQualityAnswer } from './quality-lines';

export const RECORDINGS_OPTIONS = gql`
  query RecordingsOptions { campaigns(includeArchived: true) { id name } users(role: AGENT) { id name } }
`;
export interface RecordingsOptions {
  campaigns: { id: string; name: string }[];
  users: { id: string; name: string }[];
}

export interface RecordingRow {
  id: string;
  state: InteractionState;
  closeReason: CloseReason | null;
  queuedAt: string;
  holdSeconds: number | null;
  outOfHours: boolean;
  contact: { name: string; email: string | null };
  campaign: { id: string; name: string; colour: string };
  agent: { id: string; name: string } | null;
  feedback: { rating: number } | null;
}

export const RECORDINGS = gql`
  query Recordings($filter: InteractionFilter, $first: Int, $after: String) {
    interactions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      edges { node { id state closeReason queuedAt holdSeconds outOfHours contact { name email } campaign { id name colour } agent { id name } feedback { rating } } }
    }
  }
`;
export interface RecordingsPage {
  interactions: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: { node: RecordingRow }[] };
}

export interface RecordingDetail {
  id: string;
  state: InteractionState;
  closeReason: CloseReason | null;
  queuedAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  holdSeconds: number | null;
  origin: string | null;
  outOfHours: boolean;
  contact: { name: string; email: string | null; customFieldValue: string | null };
  campaign: { id: string; name: string; colour: string; qualityModelId: string | null; customField: { label: string } };
  agent: { id: string; name: string } | null;
  feedback: { rating: number; note: string | null } | null;
  quality: StoredQualityAnswer[] | null;
  qualityScore: number | null;
  routing: { strategy: string; availability: string; reason: string; decidedAt: string | null; candidates: { agentId: string; eligible: boolean; reason: string }[] } | null;
  messages: ChatMessage[];
}

export const RECORDING = gql`
  query Recording($id: ID!) {
    interaction(id: $id) {
      id state closeReason queuedAt answeredAt closedAt holdSeconds origin outOfHours
      contact { name email customFieldValue }
      campaign { id name colour qualityModelId customField { label } }
      agent { id name }
      feedback { rating note }
      quality { questionId value questionText weight }
      qualityScore
      routing { strategy availability reason decidedAt candidates { agentId eligible reason } }
      messages { ${MESSAGE_FIELDS} }
    }
    qualityModels(includeArchived: true) { id name questions { id text kind weight } }
    users(role: AGENT) { id name }
  }
`;
export interface RecordingData {
  interaction: RecordingDetail | null;
  qualityModels: { id: string; name: string; questions: ModelQuestion[] }[];
  users: { id: string; name: string }[];
}
