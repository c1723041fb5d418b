import type { CallKind } from '../model';
import { S } from './stage-texts';

/** Where this side's seat in the media room stands. */
export type Connection = 'joining' | 'joined' | 'reconnecting' | 'denied' | 'failed';

export interface StageState {
  kind: CallKind;
  /** The customer's own call, not answered yet. */
  ringing: boolean;
  connection: Connection;
}

/** The line at the top of the call: what is happening, the call's duration, or what went wrong. */
export type StageStatus = { text: S } | { timer: string } | { problem: S };

export function stageStatus(state: StageState, elapsedSeconds: number): StageStatus {
  if (state.connection === 'denied') return { problem: state.kind === 'VIDEO' ? S.AllowDevices : S.AllowMicrophone };
  if (state.connection === 'failed') return { problem: S.CouldNotConnect };
  if (state.ringing) return { text: S.Calling };
  if (state.connection === 'reconnecting') return { text: S.Reconnecting };
  if (state.connection === 'joining') return { text: S.Connecting };
  return { timer: formatDuration(elapsedSeconds) };
}

/** 0:07, 12:34, 1:02:03. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

const DAY_MS = 86_400_000;

/**
 * When the call's timer starts, in this page's clock. A call answered while
 * shown here starts now; one already going when the page loaded (a reload)
 * goes back by the time since the API's `answeredAt`, within reason, since
 * the customer's clock may be off.
 */
export function timerStart(answeredAt: string | null, now: number, alreadyAnswered: boolean): number {
  const answered = answeredAt ? Date.parse(answeredAt) : NaN;
  if (!alreadyAnswered || Number.isNaN(answered)) return now;
  return now - Math.min(Math.max(now - answered, 0), DAY_MS);
}

/** What a failure to join means for the customer: devices refused, a device missing, or anything else. */
export function joinFailure(error: unknown): 'denied' | 'missing' | 'failed' {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return 'missing';
  return 'failed';
}

/** Delay before trying to rejoin after the connection dropped (`attempt` from 0), or null to give up. */
export function rejoinDelay(attempt: number): number | null {
  return attempt < 4 ? 1000 * 2 ** attempt : null;
}
