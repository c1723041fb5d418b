/**
 * Chat time against a campaign's limits: one pure function for the agent workspace and the
 * supervisor screens, so both colour a chat the same way (and the same way as the API's
 * AgentActivity.active[].status: at the warning second it is WARNING, at the limit OVER_LIMIT).
 */

export type ChatTimeStatus = 'NORMAL' | 'WARNING' | 'OVER_LIMIT';

export interface ChatTimeLimits {
  readonly chatTimeWarnSeconds: number;
  readonly chatTimeLimitSeconds: number;
}

/** Whole seconds since the chat was answered; 0 before it was, or when clocks disagree. */
export function chatSeconds(answeredAt: string | Date | null | undefined, now: number): number {
  if (!answeredAt) return 0;
  const start = typeof answeredAt === 'string' ? Date.parse(answeredAt) : answeredAt.getTime();
  if (Number.isNaN(start)) return 0;
  return Math.max(0, Math.floor((now - start) / 1000));
}

export function chatTimeStatus(seconds: number, limits: ChatTimeLimits): ChatTimeStatus {
  if (seconds >= limits.chatTimeLimitSeconds) return 'OVER_LIMIT';
  if (seconds >= limits.chatTimeWarnSeconds) return 'WARNING';
  return 'NORMAL';
}

/** "0:07", "12:30", "1:02:03": minutes and seconds, hours once there are any. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
