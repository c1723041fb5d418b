import { sql } from '../db/sql';
import type { AppDeps } from '../graphql/context';

/** How often live message streams are compared with storage. */
export const CATCH_UP_MS = 3000;
const LAST_SEQS = 'select id, next_seq - 1 as last from interactions where id = any($1::uuid[])';

/** A live message stream: the chat it follows, the last seq it sent, and how to make it read storage. */
export interface MessageFollower {
  readonly interactionId: string;
  lastSent(): number;
  wake(): void;
}

/**
 * Pub/sub can drop a MESSAGE_ADDED event (an instance dies between commit
 * and publish, Redis restarts), and a stream that waits for the next event
 * would then miss a message until another one is sent. Every CATCH_UP_MS,
 * one statement per instance reads the last stored seq of every chat with a
 * live stream here, and wakes each stream that has still not sent what was
 * stored at the check before: a message a check old whose notification
 * never came. Streams merely behind the latest commits (their notification
 * is on its way, as always in a busy chat) are left to it: waking them
 * would read storage once per stream for what is about to arrive anyway.
 */
class MessageCatchUp {
  private readonly followers = new Set<MessageFollower>();
  /** The last stored seq of each followed chat at the previous check. */
  private storedBefore = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly deps: AppDeps) {}

  follow(follower: MessageFollower): () => void {
    this.followers.add(follower);
    this.timer ??= setInterval(() => void this.check(), CATCH_UP_MS).unref();
    return () => {
      this.followers.delete(follower);
      if (this.followers.size > 0) return;
      clearInterval(this.timer);
      this.timer = undefined;
    };
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const chats = [...new Set([...this.followers].map((follower) => follower.interactionId))];
      const stored = new Map<string, number>();
      for (const row of await sql<{ id: string; last: number }>(this.deps.orm.em, LAST_SEQS, [chats])) stored.set(row.id, Number(row.last));
      for (const follower of this.followers) if ((this.storedBefore.get(follower.interactionId) ?? 0) > follower.lastSent()) follower.wake();
      this.storedBefore = stored;
    } catch (err) {
      // The database is unreachable: the next check tries again.
      this.deps.logger.warn({ err }, 'message catch-up check failed');
    } finally {
      this.checking = false;
    }
  }
}

const perProcess = new WeakMap<AppDeps, MessageCatchUp>();

/** Registers a live stream for the periodic comparison; returns its removal. */
export function followMessages(deps: AppDeps, follower: MessageFollower): () => void {
  let catchUp = perProcess.get(deps);
  if (!catchUp) {
    catchUp = new MessageCatchUp(deps);
    perProcess.set(deps, catchUp);
  }
  return catchUp.follow(follower);
}
