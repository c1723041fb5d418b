import type { Client } from 'graphql-ws';
import { subscribe, wsClient, type SubscriptionReader } from './graphql-client';
import { waitFor } from './wait-for';

type Added = { messageAdded: { seq: number; text: string | null } };
const MESSAGES = 'subscription($i: ID!, $a: Int) { messageAdded(interactionId: $i, afterSeq: $a) { seq text } }';

export interface SeenMessage {
  readonly seq: number;
  readonly text: string | null;
}

/**
 * One side of a chat as the widget and the console follow it: a
 * `messageAdded` subscription on one API instance, and after a lost socket a
 * new one, at any instance, that resumes after the last seq seen.
 */
export class MessageWatcher {
  readonly seen: SeenMessage[] = [];
  private client!: Client;
  private reader!: SubscriptionReader<Added>;
  private reading: Promise<void> = Promise.resolve();
  /** Why the last subscription ended, if it did. */
  ended: unknown;

  constructor(
    private url: string,
    private readonly token: string,
    private readonly interactionId: string,
  ) {
    this.connect();
  }

  get lastSeq(): number {
    return this.seen.at(-1)?.seq ?? 0;
  }

  /** Waits until messages up to `seq` have arrived; the seqs seen so far, to compare. */
  async until(seq: number, timeoutMs = 15_000): Promise<number[]> {
    await waitFor(`message ${seq} at a subscriber`, () => (this.lastSeq >= seq ? true : undefined), timeoutMs);
    return this.seen.map((message) => message.seq);
  }

  /** The socket is gone (or should move): subscribe again at `url` after the last seq seen. */
  async resubscribe(url = this.url): Promise<void> {
    this.url = url;
    this.reader.close();
    await this.client.dispose();
    await this.reading;
    this.connect();
  }

  async close(): Promise<void> {
    this.reader.close();
    await this.client.dispose();
    await this.reading;
  }

  private connect(): void {
    this.ended = undefined;
    this.client = wsClient(this.url, this.token);
    const reader = subscribe<Added>(this.client, MESSAGES, { i: this.interactionId, a: this.lastSeq });
    this.reader = reader;
    void reader.ended.then((reason) => (this.ended = reason));
    this.reading = (async () => {
      for (;;) {
        const next = await Promise.race([reader.next(600_000), reader.ended.then(() => undefined)]).catch(() => undefined);
        const message = next?.data?.messageAdded;
        if (!message) return;
        this.seen.push({ seq: message.seq, text: message.text });
      }
    })();
  }
}
