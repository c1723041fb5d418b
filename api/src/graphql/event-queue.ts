/**
 * The events of one subscriber not yet read, in order, with no bound of its
 * own: a reader that is behind is not a reader to drop (the socket layer
 * drops one that stopped reading, see `delivery.ts`, and the pub/sub puts a
 * last limit on memory). Lighter than a Repeater: a push is an array append,
 * a read of a waiting event resolves at once.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private events: T[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;

  constructor(private readonly onEnd: () => void) {}

  get pending(): number {
    return this.events.length - this.head;
  }

  push(event: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = this.failWaiting = undefined;
      waiting({ value: event, done: false });
    } else this.events.push(event);
  }

  /** Ends the stream: the reader gets what is queued, then `error` (if any) or the end. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    this.onEnd();
    if (this.pending === 0) this.settleWaiting();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.events.length) {
      const value = this.events[this.head] as T;
      this.head += 1;
      if (this.head === this.events.length) {
        this.events = [];
        this.head = 0;
      } else if (this.head >= 1024 && this.head * 2 >= this.events.length) {
        this.events = this.events.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return this.finished();
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.events = [];
    this.head = 0;
    this.failure = undefined;
    this.end();
    this.settleWaiting();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finished(): Promise<IteratorResult<T>> {
    const failure = this.failure;
    this.failure = undefined;
    return failure ? Promise.reject(failure.error) : Promise.resolve({ value: undefined, done: true });
  }

  private settleWaiting(): void {
    const waiting = this.waiting;
    const failWaiting = this.failWaiting;
    this.waiting = this.failWaiting = undefined;
    if (!waiting || !failWaiting) return;
    const failure = this.failure;
    this.failure = undefined;
    if (failure) failWaiting(failure.error);
    else waiting({ value: undefined, done: true });
  }
}
