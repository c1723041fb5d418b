import { gql } from 'apollo-angular';
import { MEDIA_JOIN_FIELDS, type MediaJoin } from './media-room';
import { MONITORING_FIELDS, type ScreenMonitoring } from './screen-monitoring';

export const START_SCREEN_MONITORING = gql`
  mutation StartScreenMonitoring($agentId: ID!) { startScreenMonitoring(agentId: $agentId) { ${MONITORING_FIELDS} } }
`;
export const STOP_SCREEN_MONITORING = gql`
  mutation StopScreenMonitoring($id: ID!) { stopScreenMonitoring(id: $id) { ${MONITORING_FIELDS} } }
`;
export const JOIN_SCREEN_MONITORING = gql`
  mutation JoinScreenMonitoring($id: ID!) { joinScreenMonitoring(id: $id) { ${MEDIA_JOIN_FIELDS} } }
`;
export const ACTIVE_SCREEN_MONITORINGS = gql`
  query ActiveScreenMonitorings { activeScreenMonitorings { ${MONITORING_FIELDS} } }
`;
/** Subscriptions go through the Realtime service as plain strings (see core/realtime.ts). */
export const SCREEN_MONITORING_UPDATED = `subscription ScreenMonitoringUpdated { screenMonitoringUpdated { ${MONITORING_FIELDS} } }`;
/** The same stop as a plain document, for a request sent while the page unloads. */
export const STOP_SCREEN_MONITORING_TEXT = `mutation StopScreenMonitoring($id: ID!) { stopScreenMonitoring(id: $id) { id } }`;

export interface StartScreenMonitoringData { startScreenMonitoring: ScreenMonitoring }
export interface StopScreenMonitoringData { stopScreenMonitoring: ScreenMonitoring }
export interface JoinScreenMonitoringData { joinScreenMonitoring: MediaJoin }
export interface ActiveScreenMonitoringsData { activeScreenMonitorings: ScreenMonitoring[] }
export interface ScreenMonitoringUpdatedEvent { screenMonitoringUpdated: ScreenMonitoring }
