import { ChatTimeStatus } from './agent-activity.types';

/** A chat's time against its campaign's two chat-time limits: the one rule for workspace, supervisor screens and statistics. */
export function chatTimeStatus(chatSeconds: number, limits: { readonly chatTimeWarnSeconds: number; readonly chatTimeLimitSeconds: number }): ChatTimeStatus {
  if (chatSeconds >= limits.chatTimeLimitSeconds) return ChatTimeStatus.OVER_LIMIT;
  if (chatSeconds >= limits.chatTimeWarnSeconds) return ChatTimeStatus.WARNING;
  return ChatTimeStatus.NORMAL;
}
