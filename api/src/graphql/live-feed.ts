import { EventQueue } from './event-queue';

/** Where a live feed hands its events, one call each, as they arrive. */
export interface FeedSink<T> {
  next(value: T): void;
  /** Once: the feed is over, with `error` when it failed (a lost right). */
  end(error?: unknown): void;
}

/**
 * A subscription source that calls its reader for each event instead of
 * being pulled: one chat's event reaches each of its subscribers in the
 * same synchronous loop, without a promise, a queue or an async context per
 * subscriber. Readers that pull (graphql's own `subscribe`) still can: a
 * feed is also an async iterable.
 */
export abstract class LiveFeed<T> implements AsyncIterable<T> {
  /** Starts the events towards `sink`; the returned function stops them (and is safe to call twice). */
  abstract open(sink: FeedSink<T>): () => void;

  [Symbol.asyncIterator](): AsyncIterator<T> {
    let close: (() => void) | undefined;
    const queue = new EventQueue<T>(() => close?.());
    close = this.open({ next: (value) => queue.push(value), end: (error) => queue.end(error) });
    return queue;
  }
}

export const isLiveFeed = (source: unknown): source is LiveFeed<unknown> => source instanceof LiveFeed;

/** A feed made from any other source: pulled one event at a time, for sources that are not feeds yet. */
export function feedOf<T>(source: AsyncIterable<T>): LiveFeed<T> {
  if (source instanceof LiveFeed) return source as LiveFeed<T>;
  return new (class extends LiveFeed<T> {
    open(sink: FeedSink<T>): () => void {
      const events = source[Symbol.asyncIterator]();
      let closed = false;
      void (async () => {
        try {
          for (;;) {
            const next = await events.next();
            if (closed) return;
            if (next.done) return sink.end();
            sink.next(next.value);
          }
        } catch (error) {
          if (!closed) sink.end(error);
        }
      })();
      return () => {
        if (closed) return;
        closed = true;
        void events.return?.();
      };
    }
  })();
}
