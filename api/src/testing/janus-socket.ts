import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** What Janus (or the API's proxy in front of it) answered. */
export type JanusFrame = Record<string, unknown> & {
  janus?: string;
  transaction?: string;
  data?: { id?: number };
  error?: { code: number; reason: string };
  plugindata?: { data?: Record<string, unknown> & { error_code?: number } };
};

/**
 * A raw Janus API client over a WebSocket, as janus.js speaks it: for tests
 * that talk to the API's /janus proxy (or Janus itself) frame by frame.
 */
export class JanusSocket {
  private readonly frames: JanusFrame[] = [];
  private readonly waiters: (() => void)[] = [];
  /** The close code once the socket closed. */
  closedWith: number | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as JanusFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', (code) => {
      this.closedWith = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Opens `url` (ws://host/janus?ticket=...) with Janus' subprotocol; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, origin?: string): Promise<JanusSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, 'janus-protocol', origin ? { headers: { origin } } : {});
      socket.once('open', () => resolve(new JanusSocket(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Sends a request and waits for its answer (for a plugin message, the event after the ack). */
  async request(frame: Record<string, unknown>, timeoutMs = 5000): Promise<JanusFrame> {
    const transaction = randomBytes(6).toString('hex');
    this.socket.send(JSON.stringify({ ...frame, transaction }));
    return this.next((f) => f.transaction === transaction && f.janus !== 'ack', timeoutMs);
  }

  /** Sends a frame as given (no transaction added). */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The first frame (already received or to come) that `matches`. */
  async next(matches: (frame: JanusFrame) => boolean, timeoutMs = 5000): Promise<JanusFrame> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(matches);
      if (index >= 0) return this.frames.splice(index, 1)[0] as JanusFrame;
      if (this.closedWith !== undefined) throw new Error(`socket closed (${this.closedWith})`);
      const left = until - Date.now();
      if (left <= 0) throw new Error('no matching Janus frame in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** A session and a VideoRoom handle on it. */
  async attachVideoRoom(): Promise<{ session: number; handle: number }> {
    const created = await this.request({ janus: 'create' });
    const session = created.data?.id as number;
    const attached = await this.request({ janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom' });
    return { session, handle: attached.data?.id as number };
  }

  /** A VideoRoom request on a handle: the plugin's answer (its data), or the core's error frame. */
  async videoRoom(session: number, handle: number, body: Record<string, unknown>): Promise<JanusFrame> {
    const answer = await this.request({ janus: 'message', session_id: session, handle_id: handle, body });
    return (answer.plugindata?.data as JanusFrame | undefined) ?? answer;
  }

  close(): Promise<void> {
    if (this.closedWith !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
