import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger';
import type { JanusEndpoint } from './janus-process';

/** Janus' own error codes the client acts on. */
const SESSION_NOT_FOUND = 458;
const HANDLE_NOT_FOUND = 459;
/** VideoRoom's "no such room". */
export const NO_SUCH_ROOM = 426;

const REQUEST_TIMEOUT_MS = 5_000;
/** Janus drops a session after 60 s without a request (session_timeout). */
const KEEPALIVE_MS = 25_000;

/** Janus answered, but with an error: its code (core or VideoRoom) and reason. */
export class JanusError extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(`Janus error ${code}: ${reason}`);
  }
}

/** A VideoRoom room as `list` gives it. */
export interface JanusRoom {
  readonly room: string;
  readonly description: string;
}

export interface NewRoom {
  readonly room: string;
  readonly description: string;
  /** Needed to destroy or edit the room. */
  readonly secret: string;
  /** The join tokens: one per participant. */
  readonly allowed: readonly string[];
  readonly publishers: number;
}

interface JanusReply {
  janus: string;
  data?: { id?: number };
  error?: { code: number; reason: string };
  plugindata?: { data?: Record<string, unknown> & { error_code?: number; error?: string } };
}

/**
 * The API's own line to Janus over its HTTP transport: one session with one
 * VideoRoom handle, kept alive, made again when Janus forgot them (a
 * restart), for the synchronous VideoRoom requests (create, destroy,
 * exists, list, listparticipants) that need the admin key or a room secret.
 * Browsers never use it.
 */
export class JanusClient {
  private handle: Promise<{ session: number; handle: number }> | undefined;
  private readonly keepalive: NodeJS.Timeout;

  constructor(
    private readonly endpoint: JanusEndpoint,
    private readonly logger: Logger,
  ) {
    this.keepalive = setInterval(() => void this.keepAlive(), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  async createRoom(room: NewRoom): Promise<void> {
    await this.videoRoom({
      request: 'create',
      room: room.room,
      admin_key: this.endpoint.adminKey,
      description: room.description,
      secret: room.secret,
      allowed: room.allowed,
      is_private: true,
      require_pvtid: true,
      publishers: room.publishers,
      permanent: false,
    });
  }

  /** Destroys a room; one that is gone already counts as destroyed. */
  async destroyRoom(room: string, secret: string): Promise<void> {
    try {
      await this.videoRoom({ request: 'destroy', room, secret, permanent: false });
    } catch (error) {
      if (!(error instanceof JanusError && error.code === NO_SUCH_ROOM)) throw error;
    }
  }

  async roomExists(room: string): Promise<boolean> {
    return (await this.videoRoom({ request: 'exists', room })).exists === true;
  }

  /** Every room, private ones included (the admin key shows them). */
  async listRooms(): Promise<JanusRoom[]> {
    const list = (await this.videoRoom({ request: 'list', admin_key: this.endpoint.adminKey })).list as { room: unknown; description: unknown }[] | undefined;
    return (list ?? []).map((entry) => ({ room: String(entry.room), description: String(entry.description ?? '') }));
  }

  /** The ids of the participants joined to a room now; undefined when the room does not exist. */
  async participants(room: string): Promise<string[] | undefined> {
    try {
      const list = (await this.videoRoom({ request: 'listparticipants', room })).participants as { id: unknown }[] | undefined;
      return (list ?? []).map((participant) => String(participant.id));
    } catch (error) {
      if (error instanceof JanusError && error.code === NO_SUCH_ROOM) return undefined;
      throw error;
    }
  }

  close(): void {
    clearInterval(this.keepalive);
  }

  /** A synchronous VideoRoom request; its answer's data, or a JanusError. Once more on a new session when Janus forgot the old one. */
  private async videoRoom(body: Record<string, unknown>, retried = false): Promise<Record<string, unknown>> {
    const { session, handle } = await this.sessionHandle();
    const reply = await this.post(`/${session}/${handle}`, { janus: 'message', body });
    if (reply.janus === 'error') {
      const code = reply.error?.code ?? 0;
      if (!retried && (code === SESSION_NOT_FOUND || code === HANDLE_NOT_FOUND)) {
        this.handle = undefined;
        return this.videoRoom(body, true);
      }
      throw new JanusError(code, reply.error?.reason ?? 'unknown');
    }
    const data = reply.plugindata?.data ?? {};
    if (typeof data.error_code === 'number') throw new JanusError(data.error_code, String(data.error ?? 'unknown'));
    return data;
  }

  private sessionHandle(): Promise<{ session: number; handle: number }> {
    this.handle ??= (async () => {
      const created = await this.post('', { janus: 'create' });
      const session = created.data?.id;
      if (created.janus !== 'success' || session === undefined) throw new JanusError(created.error?.code ?? 0, created.error?.reason ?? 'no session');
      const attached = await this.post(`/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
      const handle = attached.data?.id;
      if (attached.janus !== 'success' || handle === undefined) throw new JanusError(attached.error?.code ?? 0, attached.error?.reason ?? 'no handle');
      return { session, handle };
    })();
    // A failed attempt is not kept: the next request tries again.
    this.handle.catch(() => (this.handle = undefined));
    return this.handle;
  }

  private async keepAlive(): Promise<void> {
    if (!this.handle) return;
    try {
      const { session } = await this.handle;
      const reply = await this.post(`/${session}`, { janus: 'keepalive' });
      if (reply.janus === 'error') this.handle = undefined;
    } catch (err) {
      this.handle = undefined;
      this.logger.debug({ err }, 'Janus keepalive failed');
    }
  }

  private async post(path: string, body: Record<string, unknown>): Promise<JanusReply> {
    const response = await fetch(`${this.endpoint.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, transaction: randomBytes(8).toString('hex'), apisecret: this.endpoint.apiSecret }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return (await response.json()) as JanusReply;
  }
}
