import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export interface RequestOptions {
  token?: string;
  origin?: string;
}

/** One GraphQL request over HTTP, as any third-party client would send it. */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.origin) headers.origin = options.origin;
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of a request that must succeed; throws with the errors otherwise. */
export async function ok<T = Record<string, unknown>>(baseUrl: string, query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<T> {
  const result = await graphql<T>(baseUrl, query, variables, options);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL request failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The first error's code of a request that must fail. */
export async function errorCode(baseUrl: string, query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<string | undefined> {
  const result = await graphql(baseUrl, query, variables, options);
  if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return result.errors[0]?.extensions?.code;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const data = await ok<{ login: { token: string } }>(baseUrl, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  return data.login.token;
}

/** A graphql-ws client, authenticated the way the console and widget do it. */
export function wsClient(baseUrl: string, token?: string, origin?: string): Client {
  const url = `${baseUrl.replace(/^http/, 'ws')}/graphql`;
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, origin ? { headers: { origin } } : {});
    }
  }
  return createClient({
    url,
    webSocketImpl: OriginWebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** A live subscription whose results are read one at a time, each with a deadline. */
export interface SubscriptionReader<T> {
  next(timeoutMs?: number): Promise<GraphQLResponse<T>>;
  /** Resolves with the error or completion that ended the subscription. */
  readonly ended: Promise<unknown>;
  close(): void;
}

export function subscribe<T>(client: Client, query: string, variables: Record<string, unknown> = {}): SubscriptionReader<T> {
  const queue: GraphQLResponse<T>[] = [];
  const waiting: ((value: GraphQLResponse<T>) => void)[] = [];
  let finish: (reason: unknown) => void = () => {};
  const ended = new Promise<unknown>((resolve) => (finish = resolve));
  const close = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        const waiter = waiting.shift();
        if (waiter) waiter(value as GraphQLResponse<T>);
        else queue.push(value as GraphQLResponse<T>);
      },
      error: (error) => finish(error),
      complete: () => finish('complete'),
    },
  );
  return {
    ended,
    close,
    next: (timeoutMs = 5000) => {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(deliver), 1);
          reject(new Error(`no subscription result within ${timeoutMs} ms`));
        }, timeoutMs);
        const deliver = (value: GraphQLResponse<T>) => {
          clearTimeout(timer);
          resolve(value);
        };
        waiting.push(deliver);
      });
    },
  };
}
