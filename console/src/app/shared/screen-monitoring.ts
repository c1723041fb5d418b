/**
 * Screen monitoring as both sides see it: the agent whose screen is shared and the supervisor who
 * watches it. Pure decisions, unit-tested; the stores and panels hold the media.
 */

export type ScreenMonitoringState = 'STARTING' | 'LIVE' | 'ENDED';

export interface ScreenMonitoring {
  readonly id: string;
  readonly agent: { readonly id: string; readonly name: string };
  readonly supervisor: { readonly id: string; readonly name: string };
  readonly state: ScreenMonitoringState;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly endReason: string | null;
}

export const MONITORING_FIELDS = 'id agent { id name } supervisor { id name } state startedAt endedAt endReason';

/** How the agent's console shares into one session: capturing, sharing, refused by the browser, or dropped. */
export type SharePhase = 'joining' | 'sharing' | 'refused' | 'lost';

export interface Share {
  readonly monitoring: ScreenMonitoring;
  readonly phase: SharePhase;
}

/** What an update means to the agent's console: share into a new session, stop sharing into an ended one, or nothing. */
export function shareChange(shares: readonly Share[], update: ScreenMonitoring, agentId: string): 'share' | 'stop' | 'keep' {
  if (update.agent.id !== agentId) return 'keep';
  const known = shares.some((share) => share.monitoring.id === update.id);
  if (update.state === 'ENDED') return known ? 'stop' : 'keep';
  return known ? 'keep' : 'share';
}

export interface MonitoredBanner {
  /** Who watches, in the order they started. */
  readonly supervisors: readonly string[];
  /** The browser refused the automatic share (or it dropped): the agent shares with a click. */
  readonly needsShare: boolean;
}

/** The banner the monitored agent sees while any session runs; null when none does. */
export function monitoredBanner(shares: readonly Share[]): MonitoredBanner | null {
  const running = shares.filter((share) => share.monitoring.state !== 'ENDED');
  if (running.length === 0) return null;
  const supervisors = [...new Set([...running].sort((a, b) => Date.parse(a.monitoring.startedAt) - Date.parse(b.monitoring.startedAt)).map((share) => share.monitoring.supervisor.name))];
  return { supervisors, needsShare: running.some((share) => share.phase === 'refused' || share.phase === 'lost') };
}

/** The supervisor's seat in the session's room: being taken, taken, refused by the server, or dropped. */
export type WatchSeat = 'joining' | 'watching' | 'failed' | 'lost';

export type WatchStatus = 'starting' | 'waiting' | 'live' | 'ended' | 'failed';

/**
 * What the supervisor's panel says: asking the agent's console (STARTING), waiting for the first
 * picture, live, ended (by anyone), or failed (the room could not be joined or dropped).
 */
export function watchStatus(input: { readonly state: ScreenMonitoringState | null; readonly seat: WatchSeat; readonly hasVideo: boolean }): WatchStatus {
  if (input.state === 'ENDED') return 'ended';
  if (input.seat === 'failed' || input.seat === 'lost') return 'failed';
  if (input.state === null || input.state === 'STARTING') return 'starting';
  return input.seat === 'watching' && input.hasVideo ? 'live' : 'waiting';
}

const END_REASONS = ['STOPPED', 'AGENT_STOPPED', 'AGENT_SIGNED_OUT', 'AGENT_OFFLINE', 'SUPERVISOR_SIGNED_OUT', 'SUPERVISOR_LEFT', 'AGENT_LEFT', 'MEDIA_SERVER_LOST'] as const;
export type MonitoringEndReason = (typeof END_REASONS)[number];

/** The message key that says why a session ended; an unknown reason says only that it ended. */
export function endReasonKey(reason: string | null): `monitorEnd.${MonitoringEndReason | 'UNKNOWN'}` {
  const known = END_REASONS.find((candidate) => candidate === reason);
  return `monitorEnd.${known ?? 'UNKNOWN'}`;
}
