import { Repeater } from '@graphql-yoga/subscription';
import { Role } from '../auth/role';
import type { Viewer } from '../auth/viewer';
import { forbidden } from './app-error';
import { topicFeed, type ParleyPubSub } from './pubsub';
import { feedOf, LiveFeed, type FeedSink } from './live-feed';

/**
 * Passes a subscription's events while the reader keeps the right to see
 * them. The answer is held in memory: `allowed` runs again only when one of
 * `changes` announces something that may have changed it, events wait for
 * that answer, and the subscription ends with FORBIDDEN the moment it is no.
 */
export function whileAllowed<T>(source: LiveFeed<T>, changes: readonly AsyncIterable<unknown>[], allowed: () => Promise<boolean>): LiveFeed<T>;
export function whileAllowed<T>(source: AsyncIterable<T>, changes: readonly AsyncIterable<unknown>[], allowed: () => Promise<boolean>): AsyncIterable<T>;
export function whileAllowed<T>(source: AsyncIterable<T>, changes: readonly AsyncIterable<unknown>[], allowed: () => Promise<boolean>): AsyncIterable<T> {
  if (changes.length === 0) return source;
  if (source instanceof LiveFeed) return new AllowedFeed(source as LiveFeed<T>, changes, allowed);
  return new Repeater<T>(async (push, stop) => {
    let verdict = Promise.resolve(true);
    const events = source[Symbol.asyncIterator]();
    const watchers = changes.map((change) => change[Symbol.asyncIterator]());
    const revoke = () => stop(forbidden('You may no longer follow this'));
    void stop.then(() => {
      void events.return?.();
      for (const watcher of watchers) void watcher.return?.();
    });
    for (const watcher of watchers) {
      void (async () => {
        for (;;) {
          const change = await Promise.race([watcher.next(), stop.then(() => ({ done: true as const }))]);
          if (change.done) return;
          verdict = allowed().catch(() => false);
          if (!(await verdict)) return revoke();
        }
      })();
    }
    for (;;) {
      const next = await Promise.race([events.next(), stop.then(() => ({ done: true as const, value: undefined }))]);
      if (next.done) break;
      if (!(await verdict)) return revoke();
      await push(next.value as T);
    }
    stop();
  });
}

/**
 * whileAllowed for a feed: the verdict is a value held in memory, so an
 * event passes in the same call that brought it while the reader keeps the
 * right. While a change is being checked, events wait in order for its
 * answer; a no ends the feed with FORBIDDEN.
 */
class AllowedFeed<T> extends LiveFeed<T> {
  constructor(
    private readonly source: LiveFeed<T>,
    private readonly changes: readonly AsyncIterable<unknown>[],
    private readonly allowed: () => Promise<boolean>,
  ) {
    super();
  }

  open(sink: FeedSink<T>): () => void {
    let ended = false;
    // Checks of a change still running; events wait while there is one.
    let checking = 0;
    let waiting: T[] = [];
    let sourceEnded: { error?: unknown } | undefined;
    const closers: (() => void)[] = [];
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      for (const close of closers) close();
      sink.end(error);
    };
    const release = () => {
      const held = waiting;
      waiting = [];
      for (const value of held) {
        if (ended) return;
        sink.next(value);
      }
      if (sourceEnded) end(sourceEnded.error);
    };
    // A change is seen in the same loop as the events around it: those after it wait for its check.
    const recheck = () => {
      if (ended) return;
      checking += 1;
      void this.allowed()
        .catch(() => false)
        .then((verdict) => {
          checking -= 1;
          if (ended) return;
          if (!verdict) end(forbidden('You may no longer follow this'));
          else if (checking === 0) release();
        });
    };
    for (const change of this.changes) closers.push(feedOf(change).open({ next: recheck, end: () => undefined }));
    closers.push(
      this.source.open({
        next: (value) => {
          if (ended) return;
          if (checking > 0) waiting.push(value);
          else sink.next(value);
        },
        end: (error) => {
          if (checking > 0) sourceEnded = { error };
          else end(error);
        },
      }),
    );
    return () => {
      if (ended) return;
      ended = true;
      for (const close of closers) close();
    };
  }
}

/**
 * What may change a reader's rights while a subscription is open, besides
 * revocation and expiry (those close the socket): an agent's campaign
 * memberships, and the state or assignment of the interaction they follow.
 * Managers, visitors and API keys read by rules that do not move.
 */
export function rightsChanges(pubSub: ParleyPubSub, viewer: Viewer, interactionId?: string): LiveFeed<unknown>[] {
  if (viewer.kind !== 'staff' || viewer.role !== Role.AGENT) return [];
  return [topicFeed(pubSub, 'MEMBERSHIP_CHANGED', viewer.userId), ...(interactionId ? [topicFeed(pubSub, 'INTERACTION_UPDATED', interactionId)] : [])];
}
