import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './api-process';
import { graphql, wsClient } from './graphql-client';

export type Transport = 'http' | 'ws';

export interface Answer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: { code?: string } }[];
  /** The socket closed instead of answering, with this close code. */
  readonly closedWith?: number;
  /** A subscription the server took and keeps open, known by its listener, for readers nothing can make it send to. */
  readonly accepted?: true;
  /** A subscription that sent no event and no error, however often it was prompted. */
  readonly silent?: true;
}

/** What makes a subscription send its first event: an action to repeat until it does, or the pub/sub channel whose listener proves it is live. */
export type Prompt = { readonly cause: () => Promise<unknown> } | { readonly channel: string };

/** Waits for a subscription's first event, prompting again with growing patience: a prompt sent before the subscription is live is lost. */
const PATIENCE_MS = [100, 200, 400, 800, 1600, 3200];

function answerOfError(error: unknown): Answer {
  if (Array.isArray(error)) return { errors: error as Answer['errors'] };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return { closedWith: code };
  return { errors: [{ message: String(error) }] };
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let cancel = () => undefined as void;
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    cancel = () => clearTimeout(timer);
  });
  return Promise.race([promise, timeout]).finally(() => cancel());
}

/** HTTP requests and one graphql-ws socket per token, the way the console, widget and third parties call. */
export class Transports {
  private readonly sockets = new Map<string, Client>();
  private redis: Redis | undefined;

  constructor(private readonly url: string) {}

  /** A query or mutation; `once`: on a socket of its own, closed afterwards (tokens used once, such as a session about to end). */
  async request(transport: Transport, query: string, variables: Record<string, unknown>, token: string | undefined, once = false): Promise<Answer> {
    if (transport === 'http') return graphql(this.url, query, variables, { token });
    const client = once ? wsClient(this.url, token) : this.socket(token);
    try {
      return await new Promise<Answer>((resolve) => {
        let result: Answer | undefined;
        client.subscribe(
          { query, variables },
          {
            next: (value) => (result = value as Answer),
            error: (error) => resolve(answerOfError(error)),
            complete: () => resolve(result ?? { errors: [{ message: 'completed without a result' }] }),
          },
        );
      });
    } finally {
      if (once) await client.dispose();
    }
  }

  /** The first event or error of a subscription over graphql-ws. */
  async firstEvent(query: string, variables: Record<string, unknown>, token: string | undefined, prompt: Prompt | undefined): Promise<Answer> {
    let settle: (answer: Answer) => void = () => undefined;
    const first = new Promise<Answer>((resolve) => (settle = resolve));
    const unsubscribe = this.socket(token).subscribe(
      { query, variables },
      { next: (value) => settle(value as Answer), error: (error) => settle(answerOfError(error)), complete: () => settle({ errors: [{ message: 'completed without an event' }] }) },
    );
    try {
      if (prompt && 'channel' in prompt) return await Promise.race([first, this.listening(prompt.channel, first).then((live): Answer => (live ? { accepted: true } : { silent: true }))]);
      for (const patience of PATIENCE_MS) {
        const answer = await within(first, patience);
        if (answer) return answer;
        await prompt?.cause();
      }
      return (await within(first, PATIENCE_MS.at(-1) as number)) ?? { silent: true };
    } finally {
      unsubscribe();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.sockets.values()].map((client) => client.dispose()));
    this.sockets.clear();
    this.redis?.disconnect();
  }

  private socket(token: string | undefined): Client {
    const key = token ?? '';
    let client = this.sockets.get(key);
    if (!client) {
      client = wsClient(this.url, token);
      this.sockets.set(key, client);
    }
    return client;
  }

  /** Whether an API instance comes to listen on `channel` within the subscription's patience; never resolves if `settled` comes first. */
  private async listening(channel: string, settled: Promise<unknown>): Promise<boolean> {
    this.redis ??= new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    let done = false;
    void settled.then(() => (done = true));
    const until = Date.now() + PATIENCE_MS.reduce((sum, ms) => sum + ms, 0);
    for (let patience = 20; !done && Date.now() < until; patience = Math.min(patience * 2, 200)) {
      const [, listeners] = (await this.redis.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(listeners) > 0) return true;
      await within(settled, patience);
    }
    return done ? new Promise<never>(() => undefined) : false;
  }
}
