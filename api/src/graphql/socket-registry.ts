import type { WebSocket } from 'ws';
import type { Viewer } from '../auth/viewer';
import type { AccessRevoked, ParleyPubSub } from './pubsub';
import type { Logger } from '../logger';

/** The close code for a socket whose credentials ended; clients must not reconnect with them. */
export const CLOSE_FORBIDDEN = 4403;

interface Entry {
  readonly owner: AccessRevoked;
  readonly expiry: NodeJS.Timeout | undefined;
}

/** setTimeout holds at most about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const ownerOf = (viewer: Viewer): AccessRevoked => {
  switch (viewer.kind) {
    case 'staff':
      return { userId: viewer.userId, sessionId: viewer.sessionId };
    case 'visitor':
      return { sessionId: viewer.sessionId };
    case 'apiKey':
      return { apiKeyId: viewer.apiKeyId };
    case 'anonymous':
      return {};
  }
};

const matches = (owner: AccessRevoked, revoked: AccessRevoked): boolean =>
  (revoked.userId !== undefined && owner.userId === revoked.userId) ||
  (revoked.sessionId !== undefined && owner.sessionId === revoked.sessionId) ||
  (revoked.apiKeyId !== undefined && owner.apiKeyId === revoked.apiKeyId);

/**
 * This instance's open sockets and whose credentials opened them. A socket
 * closes (4403) when its session expires, and when any instance announces
 * that its session, user or API key was revoked.
 */
export class SocketRegistry {
  private readonly sockets = new Map<WebSocket, Entry>();
  private readonly stopListening: () => void;

  constructor(pubSub: ParleyPubSub, logger: Logger, private readonly now: () => Date) {
    const iterator = pubSub.subscribe('ACCESS_REVOKED')[Symbol.asyncIterator]();
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        this.revoke(next.value);
      }
    })().catch((err: unknown) => logger.error({ err }, 'access revocation listener stopped'));
    this.stopListening = () => void iterator.return?.();
  }

  add(socket: WebSocket, viewer: Viewer): void {
    const expiresAt = viewer.kind === 'staff' || viewer.kind === 'visitor' ? viewer.expiresAt : undefined;
    const expiry = expiresAt && setTimeout(() => socket.close(CLOSE_FORBIDDEN, 'Session expired'), Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - this.now().getTime())));
    expiry?.unref();
    this.sockets.set(socket, { owner: ownerOf(viewer), expiry });
  }

  remove(socket: WebSocket): void {
    clearTimeout(this.sockets.get(socket)?.expiry);
    this.sockets.delete(socket);
  }

  revoke(revoked: AccessRevoked): void {
    for (const [socket, entry] of this.sockets) if (matches(entry.owner, revoked)) socket.close(CLOSE_FORBIDDEN, 'Forbidden');
  }

  close(): void {
    this.stopListening();
    for (const socket of [...this.sockets.keys()]) this.remove(socket);
  }
}
