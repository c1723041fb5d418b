import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

type Callback = (event: Event) => void;
type Listener = Callback | { handleEvent: Callback };
type EventTargetLike = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

/**
 * Events over Redis channels, one channel per topic, for any number of
 * instances. An instance hands its own events to its own listeners itself,
 * once the publisher's synchronous work and the promises it settled are
 * done (process.nextTick), and skips their echo from Redis: a reader on the
 * publishing instance (the sender's own socket, often the agent's) does not
 * wait for the round trip, and its frames leave in the same system call as
 * the publisher's answer on that socket (see sendFrame in delivery.ts).
 * Each message is the publishing instance's tag followed by the payload's
 * JSON (plain JSON, as a tool may publish, is an event too); every listener,
 * near or far, gets the payload as parsed from that JSON, so none can tell
 * where an event came from. An event whose topic `shared` says no other
 * instance listens to (see peer-instances.ts) is not published at all.
 */
export function redisEventTarget(publish: (channel: string, message: string) => unknown, subscriber: Redis, shared: (topic: string) => boolean = () => true): EventTargetLike {
  // Fixed length, so that telling an echo apart is one comparison; '~' starts no JSON text.
  const tag = `~${randomBytes(9).toString('base64url')}|`;
  const callbacksOf = new Map<string, Set<Callback>>();
  const hand = (topic: string, json: string) => {
    const callbacks = callbacksOf.get(topic);
    if (!callbacks) return;
    const event = new CustomEvent(topic, { detail: json === '' ? null : JSON.parse(json) });
    for (const callback of callbacks) callback(event);
  };
  subscriber.on('message', (channel: string, message: string) => {
    if (!message.startsWith('~')) hand(channel, message);
    else if (!message.startsWith(tag)) hand(channel, message.slice(tag.length));
  });
  const callbackOf = (listener: Listener | null): Callback | undefined => (listener == null ? undefined : 'handleEvent' in listener ? listener.handleEvent : listener);
  return {
    addEventListener(topic: string, listener: Listener | null) {
      const callback = callbackOf(listener);
      if (!callback) return;
      let callbacks = callbacksOf.get(topic);
      if (!callbacks) {
        callbacksOf.set(topic, (callbacks = new Set()));
        void subscriber.subscribe(topic).catch(() => undefined);
      }
      callbacks.add(callback);
    },
    removeEventListener(topic: string, listener: Listener | null) {
      const callback = callbackOf(listener);
      const callbacks = callbacksOf.get(topic);
      if (!callback || !callbacks?.delete(callback) || callbacks.size > 0) return;
      callbacksOf.delete(topic);
      void subscriber.unsubscribe(topic).catch(() => undefined);
    },
    dispatchEvent(event: Event) {
      const detail = (event as CustomEvent).detail as unknown;
      const json = detail === undefined ? '' : JSON.stringify(detail);
      if (shared(event.type)) publish(event.type, tag + json);
      process.nextTick(hand, event.type, json);
      return true;
    },
  } as EventTargetLike;
}
