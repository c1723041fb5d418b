import type { WebSocket } from 'ws';

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
 * shared-events.ts), without waiting for each write. graphql-ws still owns
 * the operation: it reads the returned iterator, which yields nothing and
 * ends when the stream ends, rejects with the stream's error (a lost right)
 * for graphql-ws to send as an `error` frame, and stops the stream on
 * `complete` or close.
 */
export function deliverDirectly(source: AsyncIterable<unknown>, frame: Frame, target: DeliveryTarget): AsyncGenerator<never> {
  const events = source[Symbol.asyncIterator]();
  const prefix = `{"id":${JSON.stringify(target.id)},"type":"next","payload":`;
  let stopped = false;
  let running: Promise<IteratorResult<never>> | undefined;
  const pump = async (): Promise<IteratorResult<never>> => {
    let finished = false;
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) {
          finished = true;
          break;
        }
        if (stopped) break;
        const made = frame(next.value);
        const payload = typeof made === 'string' ? made : await made;
        const { socket } = target;
        if (stopped || socket.readyState !== socket.OPEN) break;
        socket.send(prefix + payload + '}');
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          target.onStalled();
          socket.terminate();
          break;
        }
      }
    } catch (error) {
      finished = true;
      throw error;
    } finally {
      if (!finished) void events.return?.();
    }
    return { done: true, value: undefined };
  };
  const generator: AsyncGenerator<never> = {
    next: () => (running ??= pump()),
    return: async () => {
      stopped = true;
      await events.return?.();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      stopped = true;
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => generator,
  };
  return generator;
}
