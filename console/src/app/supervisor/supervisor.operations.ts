import { gql } from 'apollo-angular';
import { MESSAGE_FIELDS } from '../agent/message-log';
import type { ChatTimeStatus } from '../shared/chat-time';
import type { HistoryBucket } from './chart-data';

export type AgentStateName = 'AVAILABLE' | 'PAUSED' | 'OFFLINE';

export interface DashboardCampaign {
  id: string;
  name: string;
  colour: string;
  enabled: boolean;
  openNow: boolean;
  serviceLevelTarget: number;
  schedule: { timezone: string };
  thresholds: { serviceLevelSeconds: number; chatTimeWarnSeconds: number; chatTimeLimitSeconds: number; agentIdleWarnSeconds: number; acd: number };
}

export interface WaitingContact {
  interactionId: string;
  name: string;
  email: string | null;
  waitingSeconds: number;
}

export interface ActiveChat {
  interactionId: string;
  /** The chat's own campaign, whose chat-time limits colour it (an agent may serve several). */
  campaignId: string;
  contactName: string;
  chatSeconds: number;
  status: ChatTimeStatus;
}

export interface AgentActivity {
  agent: { id: string; name: string; email: string };
  state: AgentStateName;
  /** When the agent entered `state`; null when the API never saw them change it. */
  stateSince: string | null;
  pauseReason: string | null;
  inMediaCall: boolean;
  idleSeconds: number | null;
  idleWarning: boolean;
  active: ActiveChat[];
}

export interface CampaignStats {
  campaignId: string;
  at: string;
  waiting: number;
  longestWaitSeconds: number;
  acdAlert: boolean;
  active: number;
  offered: number;
  answered: number;
  answeredWithinServiceLevel: number;
  abandoned: number;
  rejected: number;
  serviceLevel: number;
  abandonRate: number;
  averageWaitSeconds: number;
  averageHandleSeconds: number;
  waitingContacts: WaitingContact[];
  agents: AgentActivity[];
}

const CAMPAIGN_FIELDS = `id name colour enabled openNow serviceLevelTarget schedule { timezone }
  thresholds { serviceLevelSeconds chatTimeWarnSeconds chatTimeLimitSeconds agentIdleWarnSeconds acd }`;

export const DASHBOARD = gql`
  query Dashboard { campaigns { ${CAMPAIGN_FIELDS} } pauseReasons mediaAvailable }
`;

const STATS_FIELDS = `campaignId at waiting longestWaitSeconds acdAlert active offered answered answeredWithinServiceLevel abandoned rejected
  serviceLevel abandonRate averageWaitSeconds averageHandleSeconds
  waitingContacts { interactionId name email waitingSeconds }
  agents { agent { id name email } state stateSince pauseReason inMediaCall idleSeconds idleWarning active { interactionId campaignId contactName chatSeconds status } }`;

/** Subscriptions go through the Realtime service as plain strings (see core/realtime.ts). */
export const CAMPAIGN_STATS = `subscription CampaignStats($campaignId: ID!) { campaignStats(campaignId: $campaignId) { ${STATS_FIELDS} } }`;

export const STATS_HISTORY = gql`
  query StatsHistory($campaignId: ID!, $from: DateTime!, $to: DateTime!) {
    statsHistory(campaignId: $campaignId, from: $from, to: $to, interval: QUARTER_HOUR) { from to offered answered abandoned serviceLevel }
  }
`;
export interface StatsHistoryData {
  statsHistory: HistoryBucket[];
}

export const AGENT_TODAY = gql`
  query AgentToday($agentId: ID!, $from: DateTime!) {
    taken: interactions(filter: { agentId: $agentId, from: $from }, first: 1) { totalCount }
    closed: interactions(filter: { agentId: $agentId, from: $from, state: CLOSED }, first: 1) { totalCount }
  }
`;
export interface AgentTodayData {
  taken: { totalCount: number };
  closed: { totalCount: number };
}

export const PAUSE_AGENT = gql`
  mutation PauseAgent($agentId: ID!, $reason: String) { pauseAgent(agentId: $agentId, reason: $reason) { state pauseReason } }
`;
export const LOGOUT_AGENT = gql`
  mutation LogoutAgent($agentId: ID!) { logoutAgent(agentId: $agentId) { state } }
`;

export const SPY_CHAT = gql`
  query SpyChat($id: ID!) { interaction(id: $id) { id state closeReason answeredAt contact { name email } campaign { name } agent { id name } } }
`;
export interface SpyChatData {
  interaction: {
    id: string;
    state: string;
    closeReason: string | null;
    answeredAt: string | null;
    contact: { name: string; email: string | null };
    campaign: { name: string };
    agent: { id: string; name: string } | null;
  } | null;
}
export const SPY_MESSAGES = `subscription SpyMessages($interactionId: ID!, $afterSeq: Int) { messageAdded(interactionId: $interactionId, afterSeq: $afterSeq) { ${MESSAGE_FIELDS} } }`;
export const SPY_UPDATES = `subscription SpyUpdates($interactionId: ID!) { interactionUpdated(interactionId: $interactionId) { id state closeReason } }`;
