import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiveFeed, type FeedSink } from './live-feed';
import { whileAllowed } from './while-allowed';

/** A feed whose events the test hands in, one call each. */
class HandFed<T> extends LiveFeed<T> {
  sink: FeedSink<T> | undefined;
  closed = false;
  open(sink: FeedSink<T>): () => void {
    this.sink = sink;
    return () => void (this.closed = true);
  }
}

const reader = <T>() => {
  const seen: T[] = [];
  const outcome: { ended: boolean; error?: unknown } = { ended: false };
  const sink: FeedSink<T> = { next: (value) => void seen.push(value), end: (error) => Object.assign(outcome, { ended: true, error }) };
  return { seen, outcome, sink };
};

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('whileAllowed on a feed', () => {
  it('passes events in the call that brings them while the right holds', () => {
    const source = new HandFed<number>();
    const change = new HandFed<unknown>();
    const { seen, sink } = reader<number>();
    whileAllowed(source, [change], () => Promise.resolve(true)).open(sink);
    source.sink?.next(1);
    source.sink?.next(2);
    assert.deepEqual(seen, [1, 2]);
  });

  it('holds events after a change until its check says yes, in order', async () => {
    const source = new HandFed<number>();
    const change = new HandFed<unknown>();
    let answer: (verdict: boolean) => void = () => undefined;
    const { seen, sink } = reader<number>();
    whileAllowed(source, [change], () => new Promise<boolean>((resolve) => (answer = resolve))).open(sink);
    source.sink?.next(1);
    change.sink?.next({});
    source.sink?.next(2);
    source.sink?.next(3);
    assert.deepEqual(seen, [1]);
    answer(true);
    await settled();
    assert.deepEqual(seen, [1, 2, 3]);
  });

  it('ends with FORBIDDEN and passes nothing after a change whose check says no', async () => {
    const source = new HandFed<number>();
    const change = new HandFed<unknown>();
    const { seen, outcome, sink } = reader<number>();
    whileAllowed(source, [change], () => Promise.resolve(false)).open(sink);
    source.sink?.next(1);
    change.sink?.next({});
    source.sink?.next(2);
    await settled();
    source.sink?.next(3);
    assert.deepEqual(seen, [1]);
    assert.equal(outcome.ended, true);
    assert.equal((outcome.error as { extensions?: { code?: string } }).extensions?.code, 'FORBIDDEN');
    assert.equal(source.closed, true);
    assert.equal(change.closed, true);
  });

  it('closes the source and the watched changes when the reader stops', () => {
    const source = new HandFed<number>();
    const change = new HandFed<unknown>();
    const { sink } = reader<number>();
    const stop = whileAllowed(source, [change], () => Promise.resolve(true)).open(sink);
    stop();
    assert.equal(source.closed, true);
    assert.equal(change.closed, true);
  });
});

describe('a feed read as an async iterable', () => {
  it('yields what was handed in, then ends with the feed', async () => {
    const source = new HandFed<number>();
    const events = source[Symbol.asyncIterator]();
    source.sink?.next(1);
    source.sink?.next(2);
    source.sink?.end();
    assert.deepEqual(await events.next(), { value: 1, done: false });
    assert.deepEqual(await events.next(), { value: 2, done: false });
    assert.deepEqual(await events.next(), { value: undefined, done: true });
  });
});
