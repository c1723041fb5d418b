import { signal } from '@preact/signals';
import { ApiError, dataOf, type GraphQLBody } from './http';

export type SocketStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface Sink<T> {
  next(data: T): void;
  /** The API refused or ended the subscription (codes as over HTTP). */
  error?(code: string): void;
  complete?(): void;
}

interface Operation {
  payload: { query: string; variables: Record<string, unknown> };
  sink: Sink<never>;
}

type GraphQLErrors = { extensions?: { code?: unknown } }[];
type Incoming = { type: string; id?: string; payload?: unknown };

const MAX_BACKOFF_MS = 30_000;
const PING_MS = 15_000;
const PONG_TIMEOUT_MS = 6_000;
const IDLE_CLOSE_MS = 3_000;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The WebSocket to the API, speaking graphql-ws's protocol
 * (graphql-transport-ws, see graphql-ws's PROTOCOL.md) with the visitor token
 * in the connection parameters. A client of our own rather than the
 * graphql-ws package: this one is about 1 KB gzipped against 4 KB, which
 * keeps the widget inside its 30 KB budget, and it does exactly what the
 * widget needs:
 * - connects when the first subscription starts, closes shortly after the last ends;
 * - runs a query or mutation on the socket while it is up (`request`), which
 *   saves the API a whole HTTP request per message sent;
 * - on every (re)connection sends each live subscription again, with its
 *   variables as they are then (pass getters for values that move, such as `afterSeq`);
 * - reconnects forever with a jittered exponential backoff (1 s doubling to 30 s),
 *   at once when the browser comes back online;
 * - drops the socket when the browser goes offline or a ping goes unanswered,
 *   as a dead socket can stay "open" for minutes.
 */
export class Socket {
  readonly status = signal<SocketStatus>('idle');
  private readonly operations = new Map<string, Operation>();
  /** Queries and mutations waiting for their answer; settled with nothing when the socket drops or the answer is late. Never sent again. */
  private readonly requests = new Map<string, (body?: GraphQLBody<never>) => void>();
  private readonly reconnected = new Set<() => void>();
  private ws: WebSocket | undefined;
  private acknowledged = false;
  private everConnected = false;
  private retries = 0;
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly apiBase: string,
    private readonly token: () => string | null,
    /** The API refused the token (close code 4403): the owner checks whether the chat is still reachable. */
    private readonly onForbidden: () => void,
  ) {
    addEventListener('offline', () => this.drop(4499));
    addEventListener('online', () => {
      this.retries = 0;
      if (this.operations.size && !this.ws) this.open();
    });
  }

  subscribe<T>(query: string, variables: Record<string, unknown>, sink: Sink<T>): () => void {
    const id = String(this.nextId++);
    const payload = { query, variables };
    this.operations.set(id, { payload, sink: sink as Sink<never> });
    if (this.acknowledged) this.send({ id, type: 'subscribe', payload });
    else if (!this.ws) this.open();
    return () => {
      if (!this.operations.delete(id)) return;
      if (this.acknowledged) this.send({ id, type: 'complete' });
      this.closeWhenIdle();
    };
  }

  /**
   * A query or mutation over the socket, answered like one over HTTP (the
   * same ApiError codes). Only when `ready`: else, or when the socket drops
   * or the answer is late, a NETWORK error, transient, and the caller tries
   * again (a mutation whose answer was lost may have run: send it with a key
   * the API stores once, such as sendMessage's clientId). Unlike a
   * subscription it is not sent again on reconnection, and it does not open
   * the socket nor keep it open.
   */
  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const id = String(this.nextId++);
    const body =
      this.acknowledged &&
      (await new Promise<GraphQLBody<T> | void>((resolve) => {
        this.requests.set(id, resolve);
        // Left to run out: resolving an answered request does nothing.
        setTimeout(resolve, REQUEST_TIMEOUT_MS);
        this.send({ id, type: 'subscribe', payload: { query, variables } });
      }));
    this.requests.delete(id);
    if (!body) throw new ApiError('NETWORK', 'No answer');
    return dataOf(body);
  }

  /** Connected and acknowledged: a `request` can go now. */
  get ready(): boolean {
    return this.acknowledged;
  }

  /** Called after each reconnection (not the first connection): time to catch up on what the socket missed. */
  onReconnected(listener: () => void): () => void {
    this.reconnected.add(listener);
    return () => this.reconnected.delete(listener);
  }

  /** Nothing left to follow: close shortly (a new subscription in the meantime keeps the socket). */
  private closeWhenIdle(): void {
    if (!this.operations.size) this.timer = setTimeout(() => !this.operations.size && this.drop(1000), IDLE_CLOSE_MS);
  }

  private open(): void {
    clearTimeout(this.timer);
    if (!this.operations.size) return;
    if (!navigator.onLine) {
      this.status.value = 'offline';
      return; // the 'online' event opens it
    }
    this.status.value = this.everConnected ? 'reconnecting' : 'connecting';
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${this.apiBase.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    } catch {
      return this.lost(1006); // e.g. refused by the page's CSP: keep trying with backoff, like any lost connection
    }
    this.ws = ws;
    ws.onopen = () => {
      const token = this.token();
      this.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    };
    ws.onmessage = ({ data }) => {
      try {
        this.receive(JSON.parse(String(data)) as Incoming);
      } catch {
        this.drop(4400);
      }
    };
    ws.onclose = ({ code }) => this.ws === ws && this.lost(code);
  }

  /** Closes the socket and forgets it at once (the close handshake of a dead connection can take minutes). */
  private drop(code: number): void {
    const ws = this.ws;
    if (!ws) return;
    ws.onclose = ws.onmessage = ws.onopen = null;
    ws.close(code);
    this.lost(code);
  }

  private lost(code: number): void {
    this.ws = undefined;
    this.acknowledged = false;
    clearInterval(this.pinger);
    clearTimeout(this.pongTimer);
    // What was asked on this socket gets no answer now.
    this.requests.forEach((settle) => settle());
    if (code === 4403) this.onForbidden();
    if (!this.operations.size) {
      this.status.value = 'idle';
      return;
    }
    this.status.value = navigator.onLine ? 'reconnecting' : 'offline';
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.retries++) * (0.5 + Math.random() * 0.5);
    this.timer = setTimeout(() => this.open(), delay);
  }

  private receive(message: Incoming): void {
    const operation = this.operations.get(message.id ?? '');
    const result = message.payload as { data?: never; errors?: GraphQLErrors } | undefined;
    const request = this.requests.get(message.id ?? '');
    // A request's answer: its one `next` (data or errors), or an `error` (refused before it ran). A `complete` comes after the
    // answer, which settled it already (or alone, without a payload: no answer, a NETWORK error).
    if (request) return request(message.type === 'error' ? { errors: result as never } : (result as never));
    switch (message.type) {
      case 'connection_ack':
        this.acknowledged = true;
        this.retries = 0;
        this.status.value = 'connected';
        for (const [id, { payload }] of this.operations) this.send({ id, type: 'subscribe', payload });
        this.pinger = setInterval(() => {
          this.send({ type: 'ping' });
          this.pongTimer = setTimeout(() => this.drop(4408), PONG_TIMEOUT_MS);
        }, PING_MS);
        if (this.everConnected) this.reconnected.forEach((listener) => listener());
        this.everConnected = true;
        return;
      case 'ping':
        return this.send({ type: 'pong' });
      case 'pong':
        return clearTimeout(this.pongTimer);
      case 'next':
        if (result?.errors?.length) operation?.sink.error?.(codeOf(result.errors));
        else if (result?.data) operation?.sink.next(result.data);
        return;
      case 'error':
      case 'complete':
        if (!operation) return;
        this.operations.delete(message.id ?? '');
        this.closeWhenIdle();
        return message.type === 'error' ? operation.sink.error?.(codeOf(message.payload as GraphQLErrors)) : operation.sink.complete?.();
    }
  }

  private send(message: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }
}

const codeOf = (errors: GraphQLErrors | undefined) => String(errors?.[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
