import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { feedOf } from './live-feed';

/**
 * Bytes a socket may have waiting to be sent before its reader counts as
 * stopped and the socket is dropped: a reader that is behind drains its
 * buffer, one that stopped (a frozen tab, a stalled network) only grows it.
 * Its client reconnects and resumes by seq.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Where one subscription's events go: its socket and the operation id the client gave. */
export interface DeliveryTarget {
  readonly socket: WebSocket;
  readonly id: string;
  /** Called once when the socket is dropped for not reading. */
  readonly onStalled: () => void;
}

type Frame = (payload: unknown) => string | Promise<string>;

/** The TCP sockets under WebSockets written to in this turn of the event loop, held corked until it ends. */
const corked = new Set<Duplex>();
const uncorkAll = () => {
  for (const raw of corked) raw.uncork();
  corked.clear();
};

/**
 * Holds a socket's writes until the current turn of the event loop ends
 * (setImmediate: after every read of this turn and all the promises they
 * settled): the events that one read from Redis brings are handed out in one
 * loop, and a sender's answer and the event of its own message, which waits
 * for a promise, leave in one system call instead of one each. Nothing waits
 * longer than that turn.
 */
function corkUntilTurnEnds(socket: WebSocket): void {
  // `ws` keeps the TCP socket it writes to here; a socket without one is closing and writes nothing.
  const raw = (socket as unknown as { _socket?: Duplex })._socket;
  if (!raw || corked.has(raw)) return;
  raw.cork();
  corked.add(raw);
  if (corked.size === 1) setImmediate(uncorkAll);
}

/**
 * Writes one frame, corked until the turn ends. False when the socket is no
 * longer open, or when its reader stopped (more than MAX_BUFFERED_BYTES
 * unsent): it is then dropped, after `onStalled`.
 */
export function sendFrame(socket: WebSocket, frame: string, onStalled: () => void): boolean {
  if (socket.readyState !== socket.OPEN) return false;
  corkUntilTurnEnds(socket);
  socket.send(frame);
  if (socket.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
  onStalled();
  socket.terminate();
  return false;
}

/** Subscribers waiting for a payload being computed, by its promise: told in one loop when it is ready, with no promise of their own. */
type Computed = { readonly text: string } | { readonly error: unknown };
const waiters = new WeakMap<Promise<string>, ((computed: Computed) => void)[]>();

function whenComputed(payload: Promise<string>, ready: (computed: Computed) => void): void {
  let waiting = waiters.get(payload);
  if (!waiting) {
    const all: ((computed: Computed) => void)[] = [];
    waiters.set(payload, (waiting = all));
    const tell = (computed: Computed) => {
      waiters.delete(payload);
      for (const each of all) each(computed);
    };
    payload.then(
      (text) => tell({ text }),
      (error: unknown) => tell({ error }),
    );
  }
  waiting.push(ready);
}

/**
 * Sends a subscription's events straight to its socket, each as a `next`
 * frame built by concatenating the operation id with the event's payload
 * already serialized (shared by every reader of the same class, see
 * shared-events.ts). An event whose payload is ready is written in the call
 * that brought it, so one chat's event reaches all its sockets in one loop;
 * one still being computed holds this subscriber's later events until it is
 * written. graphql-ws still owns the operation: it reads the returned
 * iterator, which yields nothing and ends when the feed ends, rejects with
 * the feed's error (a lost right) for graphql-ws to send as an `error`
 * frame, and stops the feed on `complete` or close.
 */
export function deliverDirectly(source: AsyncIterable<unknown>, frame: Frame, target: DeliveryTarget): AsyncGenerator<never> {
  const feed = feedOf(source);
  const prefix = `{"id":${JSON.stringify(target.id)},"type":"next","payload":`;
  let stopped = false;
  let close: (() => void) | undefined;
  let settle: ((outcome: { error?: unknown }) => void) | undefined;
  let finished: Promise<IteratorResult<never>> | undefined;
  // Events behind one whose payload is still being computed, in order.
  let backlog: unknown[] = [];
  let ending: { error?: unknown } | undefined;
  const stop = (outcome: { error?: unknown } = {}) => {
    if (stopped) return;
    stopped = true;
    backlog = [];
    close?.();
    settle?.(outcome);
  };
  const write = (payload: string) => {
    if (stopped) return;
    if (!sendFrame(target.socket, prefix + payload + '}', target.onStalled)) stop();
  };
  // The first event of the backlog has its payload: it is written, then those after it that are ready.
  const drain = (computed: Computed) => {
    if ('error' in computed) return stop({ error: computed.error });
    write(computed.text);
    let done = 1;
    for (; done < backlog.length && !stopped; done += 1) {
      const made = frame(backlog[done]);
      if (typeof made !== 'string') {
        backlog = backlog.slice(done);
        return whenComputed(made, drain);
      }
      write(made);
    }
    backlog = [];
    if (ending) stop(ending);
  };
  const start = () => {
    close = feed.open({
      next: (value) => {
        if (stopped) return;
        if (backlog.length > 0) return void backlog.push(value);
        const made = frame(value);
        if (typeof made === 'string') return write(made);
        backlog.push(value);
        whenComputed(made, drain);
      },
      end: (error) => {
        if (stopped) return;
        if (backlog.length === 0) stop({ error });
        else ending = { error };
      },
    });
    // Stopped while opening (its first write found the socket gone): the feed was not closed then.
    if (stopped) close();
  };
  const run = (): Promise<IteratorResult<never>> =>
    new Promise<{ error?: unknown }>((resolve) => {
      settle = resolve;
      if (stopped) resolve({});
      else start();
    }).then(({ error }) => (error === undefined ? { done: true, value: undefined } : Promise.reject(error)));
  const generator: AsyncGenerator<never> = {
    next: () => (finished ??= run()),
    return: async () => {
      stop();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      stop();
      throw error;
    },
    [Symbol.asyncIterator]: () => generator,
  };
  return generator;
}
