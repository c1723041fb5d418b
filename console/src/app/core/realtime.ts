import { Injectable, computed, inject, signal } from '@angular/core';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { SessionStore } from './session.store';

/** The socket as people should hear about it: working, or trying to come back. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

/** Close codes after which retrying cannot help: the session was refused or revoked. */
const REFUSED = new Set([4401, 4403]);
const PONG_TIMEOUT_MS = 5_000;

/** Randomised exponential backoff, 0.5 s doubling to 10 s. */
export function backoffMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** retries);
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * The console's one graphql-ws connection. For an agent it is also their presence: the API marks
 * them OFFLINE when all their sockets have been gone for AGENT_GRACE_SECONDS, so it retries for
 * ever, wakes up at once when the browser comes back online, drops a socket the browser says is
 * offline (such sockets can hang on without delivering anything), and pings to notice a dead one.
 */
@Injectable({ providedIn: 'root' })
export class Realtime {
  private readonly session = inject(SessionStore);
  private readonly state = signal<ConnectionStatus>('idle');
  private everConnected = false;
  private readonly reconnectedListeners = new Set<() => void>();
  private readonly refusedListeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  readonly status = this.state.asReadonly();
  readonly reconnecting = computed(() => this.state() === 'reconnecting');

  readonly client: Client = createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    lazyCloseTimeout: 2_000,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (closeEvent) => !(isCloseEvent(closeEvent) && REFUSED.has(closeEvent.code)),
    retryWait: (retries) => this.waitBeforeRetry(retries),
    connectionParams: () => {
      const token = this.session.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connecting: () => this.state.set(this.everConnected ? 'reconnecting' : 'connecting'),
      connected: (socket) => {
        this.socket = socket as WebSocket;
        const again = this.everConnected;
        this.everConnected = true;
        this.state.set('connected');
        if (again) this.reconnectedListeners.forEach((listener) => listener());
      },
      closed: (event) => {
        this.socket = null;
        clearTimeout(this.pongTimer);
        if (isCloseEvent(event) && REFUSED.has(event.code)) {
          this.state.set('idle');
          this.refusedListeners.forEach((listener) => listener());
          return;
        }
        // A lazy close (nothing subscribed) is quiet; anything else is a drop the client retries.
        this.state.set(isCloseEvent(event) && event.code === 1000 ? 'idle' : this.everConnected ? 'reconnecting' : 'connecting');
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(this.pongTimer);
        this.pongTimer = setTimeout(() => this.client.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(this.pongTimer);
      },
    },
  });

  constructor() {
    window.addEventListener('offline', () => {
      if (this.socket) this.client.terminate();
    });
  }

  /**
   * A subscription that survives drops: the client subscribes again on every new socket, and
   * `variables` is serialised afresh each time, so a getter in it (e.g. `get afterSeq()`) resumes
   * from where the stream had got to. Returns the function that ends it.
   */
  subscribe<T>(query: string, variables: Record<string, unknown>, handlers: { next: (data: T) => void; error?: (error: unknown) => void }): () => void {
    return this.client.subscribe<T>(
      { query, variables },
      {
        next: (result: FormattedExecutionResult<T>) => {
          if (result.data) handlers.next(result.data);
          else if (result.errors) handlers.error?.(result.errors);
        },
        error: (error) => handlers.error?.(error),
        complete: () => undefined,
      },
    );
  }

  /** Called after each reconnection (not the first connection): time to fetch what a subscription could have missed. */
  onReconnected(listener: () => void): () => void {
    this.reconnectedListeners.add(listener);
    return () => this.reconnectedListeners.delete(listener);
  }

  /** Called when the API refuses the socket's session (signed out elsewhere, expired). */
  onRefused(listener: () => void): () => void {
    this.refusedListeners.add(listener);
    return () => this.refusedListeners.delete(listener);
  }

  /** Ends the socket now, e.g. when signing out; the next subscription opens a new one with the new token. */
  restart(): void {
    this.everConnected = false;
    this.client.terminate();
    this.state.set('idle');
  }

  /** Waits the backoff, but no longer than until the browser says it is back online. */
  private waitBeforeRetry(retries: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        window.removeEventListener('online', done);
        resolve();
      };
      const timer = setTimeout(done, navigator.onLine ? backoffMs(retries) : 60_000);
      window.addEventListener('online', done);
    });
  }
}

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'number';
}
