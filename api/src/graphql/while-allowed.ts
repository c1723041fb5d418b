import { Repeater } from '@graphql-yoga/subscription';
import { Role } from '../auth/role';
import type { Viewer } from '../auth/viewer';
import { forbidden } from './app-error';
import type { ParleyPubSub } from './pubsub';

/**
 * Passes a subscription's events while the reader keeps the right to see
 * them. The answer is held in memory: `allowed` runs again only when one of
 * `changes` announces something that may have changed it, events wait for
 * that answer, and the subscription ends with FORBIDDEN the moment it is no.
 */
export function whileAllowed<T>(source: AsyncIterable<T>, changes: readonly AsyncIterable<unknown>[], allowed: () => Promise<boolean>): AsyncIterable<T> {
  if (changes.length === 0) return source;
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
 * What may change a reader's rights while a subscription is open, besides
 * revocation and expiry (those close the socket): an agent's campaign
 * memberships, and the state or assignment of the interaction they follow.
 * Managers, visitors and API keys read by rules that do not move.
 */
export function rightsChanges(pubSub: ParleyPubSub, viewer: Viewer, interactionId?: string): AsyncIterable<unknown>[] {
  if (viewer.kind !== 'staff' || viewer.role !== Role.AGENT) return [];
  return [pubSub.subscribe('MEMBERSHIP_CHANGED', viewer.userId), ...(interactionId ? [pubSub.subscribe('INTERACTION_UPDATED', interactionId)] : [])];
}
