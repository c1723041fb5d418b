import { gql } from 'apollo-angular';

export interface Member { agent: { id: string; name: string; email: string }; penalty: number }
export interface CannedResponse { id: string; shortcut: string; text: string }
export interface Agent { id: string; name: string; email: string; active: boolean }

const MEMBERS = 'id members { agent { id name email } penalty }';
export const CAMPAIGN_PARTS = gql`
  query CampaignParts($id: ID!) { campaign(id: $id) { id members { agent { id name email } penalty } cannedResponses { id shortcut text } } }
`;
export const AGENTS = gql`query CampaignAgents { users(role: AGENT) { id name email active } }`;
export const SET_MEMBER = gql`mutation SetCampaignMember($campaignId: ID!, $agentId: ID!, $penalty: Int!) { setCampaignMember(campaignId: $campaignId, agentId: $agentId, penalty: $penalty) { ${MEMBERS} } }`;
export const REMOVE_MEMBER = gql`mutation RemoveCampaignMember($campaignId: ID!, $agentId: ID!) { removeCampaignMember(campaignId: $campaignId, agentId: $agentId) { ${MEMBERS} } }`;
export const CREATE_CANNED = gql`mutation CreateCannedResponse($campaignId: ID!, $shortcut: String!, $text: String!) { createCannedResponse(campaignId: $campaignId, shortcut: $shortcut, text: $text) { id shortcut text } }`;
export const UPDATE_CANNED = gql`mutation UpdateCannedResponse($id: ID!, $shortcut: String!, $text: String!) { updateCannedResponse(id: $id, shortcut: $shortcut, text: $text) { id shortcut text } }`;
export const DELETE_CANNED = gql`mutation DeleteCannedResponse($id: ID!) { deleteCannedResponse(id: $id) }`;
