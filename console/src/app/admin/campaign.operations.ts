import { gql } from 'apollo-angular';

export type Distribution = 'RRMEMORY' | 'LEASTRECENT' | 'FEWEST' | 'LINEAR' | 'RANDOM' | 'WRANDOM' | 'RINGALL' | 'AGENT_PICKS';
export type Availability = 'INTERACTION' | 'NOCALL' | 'INCALL' | 'NOPAUSE';

export interface LocalizedText { en: string; es: string; pt: string }
export interface ScheduleRange { weekday: number; start: string; end: string }
export interface ScheduleException { date: string; closed: boolean; ranges: ScheduleRange[] }
export interface Thresholds {
  serviceLevelSeconds: number; abandonSeconds: number; chatTimeWarnSeconds: number; chatTimeLimitSeconds: number;
  agentIdleWarnSeconds: number; acd: number; maxChats: number; waitTimeoutSeconds: number; autoFinishSeconds: number;
}
export interface CustomField { label: string; visible: boolean; required: boolean }

/** The contract's CampaignInput. */
export interface CampaignInput {
  name: string; enabled: boolean; distribution: Distribution; availability: Availability; serviceLevelTarget: number;
  schedule: { timezone: string; ranges: ScheduleRange[]; exceptions: ScheduleException[] };
  welcomeMessage: LocalizedText; outOfTimeMessage: LocalizedText; notAvailableMessage: LocalizedText; feedbackMessage: LocalizedText;
  maxInteractionsPerAgent: number; offerTimeoutSeconds: number; qualityModelId: string | null; automaticAgentMessage: string | null; thresholds: Thresholds;
  colour: string; showAgentName: boolean; feedbackEnabled: boolean; emailRequired: boolean; mediaEnabled: boolean;
  offlineMessageEnabled: boolean; offlineMessageEmail: string | null; customField: CustomField; allowedDomains: string[];
}

export interface CampaignSummary {
  id: string; name: string; enabled: boolean; openNow: boolean; distribution: Distribution; colour: string;
  archived: boolean; archivedAt: string | null; hasInteractions: boolean;
  members: { agent: { id: string } }[];
}

export interface CampaignDetail extends CampaignInput {
  id: string; key: string; openNow: boolean; embedCode: string;
}

export interface QualityModelSummary { id: string; name: string }

export const CAMPAIGNS = gql`
  query Campaigns($includeArchived: Boolean) {
    campaigns(includeArchived: $includeArchived) { id name enabled openNow distribution colour archived archivedAt hasInteractions members { agent { id } } }
  }
`;

/** Admins take a campaign out of use (archive), bring it back (restore), or delete one no chat ever reached. */
export const ARCHIVE_CAMPAIGN = gql`mutation ArchiveCampaign($id: ID!) { archiveCampaign(id: $id) { id archived } }`;
export const RESTORE_CAMPAIGN = gql`mutation RestoreCampaign($id: ID!) { restoreCampaign(id: $id) { id archived } }`;
export const DELETE_CAMPAIGN = gql`mutation DeleteCampaign($id: ID!) { deleteCampaign(id: $id) }`;

const TEXT = 'en es pt';
const CAMPAIGN_FIELDS = `
  id key name enabled distribution availability serviceLevelTarget openNow embedCode
  schedule { timezone ranges { weekday start end } exceptions { date closed ranges { weekday start end } } }
  welcomeMessage { ${TEXT} } outOfTimeMessage { ${TEXT} } notAvailableMessage { ${TEXT} } feedbackMessage { ${TEXT} }
  maxInteractionsPerAgent offerTimeoutSeconds qualityModelId automaticAgentMessage
  thresholds { serviceLevelSeconds abandonSeconds chatTimeWarnSeconds chatTimeLimitSeconds agentIdleWarnSeconds acd maxChats waitTimeoutSeconds autoFinishSeconds }
  colour showAgentName feedbackEnabled emailRequired mediaEnabled offlineMessageEnabled offlineMessageEmail
  customField { label visible required } allowedDomains
`;

export const CAMPAIGN = gql`
  query Campaign($id: ID!) {
    campaign(id: $id) { ${CAMPAIGN_FIELDS} }
    qualityModels { id name }
  }
`;

export const QUALITY_MODELS = gql`
  query QualityModels {
    qualityModels { id name }
  }
`;

export const CREATE_CAMPAIGN = gql`
  mutation CreateCampaign($input: CampaignInput!) {
    createCampaign(input: $input) { ${CAMPAIGN_FIELDS} }
  }
`;

export const UPDATE_CAMPAIGN = gql`
  mutation UpdateCampaign($id: ID!, $input: CampaignInput!) {
    updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} }
  }
`;
