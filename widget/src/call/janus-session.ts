/// <reference path="./webrtc-adapter.d.ts" />
import Janus, { type JanusJS } from 'janus-gateway';
import { detectBrowser } from 'webrtc-adapter/src/js/utils.js';
import { readMessage, RoomError, type RoomMessage } from './janus-messages';

/**
 * A typed layer over janus.js (janus-gateway 1.x): one session over a
 * WebSocket, and VideoRoom handles whose requests answer promises.
 */

export type Jsep = JanusJS.JSEP;
export type TrackOption = JanusJS.TrackOption;

const PLUGIN = 'janus.plugin.videoroom';
const REQUEST_TIMEOUT_MS = 20_000;

let initialised: Promise<void> | undefined;

/**
 * Janus.init once per page. The adapter it asks for is webrtc-adapter's
 * browser detection only: janus.js reads `browserDetails` and nothing else,
 * and the full adapter would rewrite the page's own WebRTC globals (the widget
 * runs on customers' pages).
 */
function initialise(): Promise<void> {
  initialised ??= new Promise((resolve) => {
    const adapter = { browserDetails: detectBrowser(window) };
    Janus.init({ debug: false, dependencies: Janus.useDefaultDependencies({ adapter }), callback: () => resolve() });
  });
  return initialised;
}

export interface HandleEvents {
  onMessage(message: RoomMessage, jsep: Jsep | undefined): void;
  onLocalTrack?(track: MediaStreamTrack, on: boolean): void;
  onRemoteTrack?(track: MediaStreamTrack, on: boolean): void;
}

interface Waiter {
  accepts(message: RoomMessage): boolean;
  resolve(answer: { message: RoomMessage; jsep: Jsep | undefined }): void;
  reject(error: Error): void;
}

/** One VideoRoom handle: requests whose answers come back as plugin events, matched in order. */
export class VideoRoomHandle {
  private readonly waiters: Waiter[] = [];

  constructor(private readonly handle: JanusJS.PluginHandle) {}

  /** Sends a request and resolves with the first message `accepts` takes (or rejects on the plugin's error). */
  request(body: Record<string, unknown>, accepts: (message: RoomMessage) => boolean, jsep?: Jsep): Promise<{ message: RoomMessage; jsep: Jsep | undefined }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new RoomError(0, `No answer to ${String(body['request'])}`)), REQUEST_TIMEOUT_MS);
      const waiter: Waiter = {
        accepts,
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const fail = (error: Error) => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        waiter.reject(error);
      };
      this.waiters.push(waiter);
      this.handle.send({ message: { request: String(body['request']), ...body }, jsep, error: (cause: string) => fail(new RoomError(0, cause)) });
    });
  }

  /** Sends a request whose answer does not matter (leave). */
  notify(body: Record<string, unknown>): void {
    this.handle.send({ message: { request: String(body['request']), ...body } });
  }

  /** Routes a plugin message to the request waiting for it; answers whether one took it. */
  settle(message: RoomMessage, jsep: Jsep | undefined): boolean {
    if (message.error) {
      const waiter = this.waiters.shift();
      waiter?.reject(new RoomError(message.error.code, message.error.reason));
      return waiter !== undefined;
    }
    const index = this.waiters.findIndex((waiter) => waiter.accepts(message));
    const waiter = index >= 0 ? this.waiters.splice(index, 1)[0] : undefined;
    waiter?.resolve({ message, jsep });
    return waiter !== undefined;
  }

  offer(tracks: TrackOption[]): Promise<Jsep> {
    return new Promise((resolve, reject) => this.handle.createOffer({ tracks, success: resolve, error: reject }));
  }

  answer(jsep: Jsep): Promise<Jsep> {
    return new Promise((resolve, reject) => this.handle.createAnswer({ jsep, tracks: [], success: resolve, error: (cause: string) => reject(new RoomError(0, cause)) }));
  }

  accept(jsep: Jsep): Promise<void> {
    return new Promise((resolve, reject) => this.handle.handleRemoteJsep({ jsep, success: () => resolve(), error: (cause: string) => reject(new RoomError(0, cause)) }));
  }

  /** Fails whatever still waits: the session is going away. */
  abandon(): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(new RoomError(0, 'Left the room'));
  }
}

/** A Janus session over one WebSocket. */
export class JanusSession {
  private constructor(private readonly janus: JanusJS.Janus) {}

  /** Connects; `onLost` is told when the connection drops afterwards. */
  static async open(server: string, iceServers: string[], onLost: (reason: string) => void): Promise<JanusSession> {
    await initialise();
    return new Promise((resolve, reject) => {
      let open = false;
      const janus: JanusJS.Janus = new Janus({
        server,
        // Without this janus.js falls back to a public STUN server: nothing but what the API names.
        iceServers: iceServers.map((urls) => ({ urls })),
        success: () => {
          open = true;
          resolve(new JanusSession(janus));
        },
        error: (cause: unknown) => {
          const reason = typeof cause === 'string' ? cause : 'Cannot reach the media server';
          if (open) onLost(reason);
          else reject(new RoomError(0, reason));
        },
      });
    });
  }

  attach(events: HandleEvents): Promise<VideoRoomHandle> {
    return new Promise((resolve, reject) => {
      let room: VideoRoomHandle | undefined;
      this.janus.attach({
        plugin: PLUGIN,
        success: (handle) => resolve((room = new VideoRoomHandle(handle))),
        error: (cause) => reject(new RoomError(0, cause)),
        onmessage: (raw: unknown, jsep?: Jsep) => {
          const message = readMessage(raw);
          if (!room?.settle(message, jsep)) events.onMessage(message, jsep);
        },
        onlocaltrack: (track, on) => events.onLocalTrack?.(track, on),
        onremotetrack: (track, _mid, on) => events.onRemoteTrack?.(track, on),
      });
    });
  }

  /** Ends the session (Janus detaches its handles, which leaves the room); settles within a few seconds even if the socket is gone. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      try {
        this.janus.destroy({ cleanupHandles: true, notifyDestroyed: false, success: done, error: done });
      } catch {
        done();
      }
    });
  }
}
