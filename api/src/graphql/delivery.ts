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
  // Payloads still being computed, this subscriber's later events queued behind them.
  let pending: Promise<void> | undefined;
  const stop = (outcome: { error?: unknown } = {}) => {
    if (stopped) return;
    stopped = true;
    close?.();
    settle?.(outcome);
  };
  const write = (payload: string) => {
    if (stopped) return;
    const { socket } = target;
    if (socket.readyState !== socket.OPEN) return stop();
    socket.send(prefix + payload + '}');
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      target.onStalled();
      socket.terminate();
      stop();
    }
  };
  const later = (step: () => string | Promise<string> | void) => {
    const queued: Promise<void> = (pending ?? Promise.resolve()).then(step).then((payload) => {
      if (typeof payload === 'string') write(payload);
      if (pending === queued) pending = undefined;
    });
    pending = queued;
    queued.catch((error: unknown) => stop({ error }));
  };
  const start = () => {
    close = feed.open({
      next: (value) => {
        if (stopped) return;
        const made = frame(value);
        if (pending === undefined && typeof made === 'string') write(made);
        else later(() => made);
      },
      end: (error) => {
        if (stopped) return;
        if (pending === undefined) stop({ error });
        else later(() => stop({ error }));
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
