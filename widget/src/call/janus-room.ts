import type { FeedId, Publisher, RoomMessage } from './janus-messages';
import { JanusSession, type Jsep, type TrackOption, type VideoRoomHandle } from './janus-session';

/**
 * A seat in a Janus VideoRoom, for the widget's calls and the console's calls
 * and screen monitoring: publish what this side sends, subscribe to everyone
 * else, hand the streams to the view. Framework-free; reached only through a
 * dynamic import() so janus.js loads when a call or a monitoring starts.
 */

/** What the API's joinCall / joinScreenMonitoring answer: for one participant, good for 60 s. */
export interface RoomJoin {
  /** The WebSocket path on the API (`/janus?ticket=…`), or an absolute http(s)/ws(s) URL of it. */
  url: string;
  room: string;
  token: string;
  display: string;
  iceServers: string[];
}

export interface RoomOptions {
  /** What this side sends: microphone (+ camera), the screen, or nothing (watch only). */
  send: { audio: boolean; video: boolean } | 'screen' | 'nothing';
  onLocalStream?(stream: MediaStream): void;
  onRemoteStream(stream: MediaStream): void;
  /**
   * The room went away without leave(): `lost` (the connection dropped), `ended` (the room was
   * destroyed or this seat removed), `screen-ended` (the person stopped sharing from the browser).
   */
  onClosed?(reason: string): void;
}

export interface RoomConnection {
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): void;
  leave(): Promise<void>;
}

/**
 * Joins the room as a publisher (VideoRoom rooms require subscribers to be
 * publishers first, `require_pvtid`), publishes per `send`, and subscribes to
 * every other publisher, now and as they come. Rejects when the server, the
 * room or the devices refuse (a DOMException such as NotAllowedError for the
 * camera, microphone or screen).
 */
export async function joinRoom(join: RoomJoin, options: RoomOptions): Promise<RoomConnection> {
  const room = new Room(join, options);
  try {
    await room.enter();
  } catch (error) {
    await room.leave();
    throw error;
  }
  return room;
}

/** `/janus?ticket=…` on the page's origin, or an absolute API URL, as ws(s). */
export function webSocketUrl(url: string, base: string = location.href): string {
  const resolved = new URL(url, base);
  resolved.protocol = resolved.protocol === 'https:' || resolved.protocol === 'wss:' ? 'wss:' : 'ws:';
  return resolved.href;
}

class Room implements RoomConnection {
  private session: JanusSession | undefined;
  private publisher: VideoRoomHandle | undefined;
  private subscriber: Promise<VideoRoomHandle> | undefined;
  private privateId: number | null = null;
  private readonly feeds = new Set<FeedId>();
  private readonly local: MediaStreamTrack[] = [];
  private readonly remote: MediaStreamTrack[] = [];
  /** Subscription changes one after another: each is a request and a renegotiation. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** onClosed is for a room that was joined: a failure while joining rejects joinRoom instead. */
  private entered = false;

  constructor(
    private readonly join: RoomJoin,
    private readonly options: RoomOptions,
  ) {}

  async enter(): Promise<void> {
    this.session = await JanusSession.open(webSocketUrl(this.join.url), this.join.iceServers, () => this.close('lost'));
    this.publisher = await this.session.attach({
      onMessage: (message) => this.onPublisherMessage(message),
      onLocalTrack: (track, on) => this.localTrack(track, on),
    });
    const { message } = await this.publisher.request(
      { request: 'join', ptype: 'publisher', room: this.join.room, display: this.join.display, token: this.join.token },
      (answer) => answer.kind === 'joined',
    );
    this.privateId = message.privateId;
    const tracks = tracksToSend(this.options.send);
    if (tracks.length > 0) {
      const offer = await this.publisher.offer(tracks);
      const send = this.options.send;
      const { jsep } = await this.publisher.request(
        { request: 'configure', audio: send !== 'screen' && send !== 'nothing' && send.audio, video: send !== 'nothing' && (send === 'screen' || send.video) },
        (answer) => answer.configured,
        offer,
      );
      if (jsep) await this.publisher.accept(jsep);
    }
    this.subscribe(message.publishers);
    this.entered = true;
  }

  setMuted(muted: boolean): void {
    for (const track of this.local) if (track.kind === 'audio') track.enabled = !muted;
  }

  setCameraOff(off: boolean): void {
    for (const track of this.local) if (track.kind === 'video') track.enabled = !off;
  }

  async leave(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.publisher?.abandon();
    void this.subscriber?.then((handle) => handle.abandon(), () => undefined);
    const session = this.session;
    this.session = undefined;
    await session?.close();
    // janus.js stops the tracks it captured when it cleans up; make sure of it (the camera light goes off).
    for (const track of this.local.splice(0)) track.stop();
    this.remote.splice(0);
  }

  private close(reason: string): void {
    if (this.closed) return;
    const entered = this.entered;
    void this.leave().then(() => entered && this.options.onClosed?.(reason));
  }

  private onPublisherMessage(message: RoomMessage): void {
    if (message.kind === 'destroyed' || message.removed) return this.close('ended');
    if (message.gone !== null) this.feeds.delete(message.gone);
    this.subscribe(message.publishers);
  }

  private subscribe(publishers: Publisher[]): void {
    const fresh = publishers.filter((publisher) => !this.feeds.has(publisher.id));
    if (fresh.length === 0 || this.closed) return;
    for (const publisher of fresh) this.feeds.add(publisher.id);
    const streams = fresh.map((publisher) => ({ feed: publisher.id }));
    this.queue = this.queue
      .then(async () => {
        if (this.closed) return;
        if (!this.subscriber) {
          this.subscriber = this.attachSubscriber();
          const handle = await this.subscriber;
          const { jsep } = await handle.request(
            { request: 'join', ptype: 'subscriber', room: this.join.room, streams, private_id: this.privateId ?? undefined },
            (answer) => answer.kind === 'attached',
          );
          if (jsep) await this.start(handle, jsep);
        } else {
          const handle = await this.subscriber;
          const { jsep } = await handle.request({ request: 'subscribe', streams }, (answer) => answer.kind === 'updated');
          if (jsep) await this.start(handle, jsep);
        }
      })
      .catch(() => {
        // A feed that left before we subscribed: it is no longer there to show.
        for (const publisher of fresh) this.feeds.delete(publisher.id);
      });
  }

  private async attachSubscriber(): Promise<VideoRoomHandle> {
    if (!this.session) throw new Error('Not connected');
    const handle: VideoRoomHandle = await this.session.attach({
      onMessage: (message, jsep) => {
        // The room renegotiates on its own when a feed comes or goes.
        if (message.kind === 'updated' && jsep) this.queue = this.queue.then(() => this.start(handle, jsep)).catch(() => undefined);
      },
      onRemoteTrack: (track, on) => this.remoteTrack(track, on),
    });
    return handle;
  }

  private async start(handle: VideoRoomHandle, offer: Jsep): Promise<void> {
    const answer = await handle.answer(offer);
    await handle.request({ request: 'start' }, (message) => message.started, answer);
  }

  private localTrack(track: MediaStreamTrack, on: boolean): void {
    const index = this.local.indexOf(track);
    if (on && index < 0) this.local.push(track);
    if (!on) {
      if (index >= 0) this.local.splice(index, 1);
      if (this.options.send === 'screen' && track.readyState === 'ended' && !this.closed) return this.close('screen-ended');
    }
    this.options.onLocalStream?.(new MediaStream(this.local));
  }

  private remoteTrack(track: MediaStreamTrack, on: boolean): void {
    const index = this.remote.findIndex((known) => known.id === track.id);
    if (on && index < 0) this.remote.push(track);
    else if (!on && index >= 0) this.remote.splice(index, 1);
    else return;
    this.options.onRemoteStream(new MediaStream(this.remote));
  }
}

function tracksToSend(send: RoomOptions['send']): TrackOption[] {
  if (send === 'nothing') return [];
  if (send === 'screen') return [{ type: 'screen', capture: true, recv: false }];
  const tracks: TrackOption[] = [];
  if (send.audio) tracks.push({ type: 'audio', capture: true, recv: false });
  if (send.video) tracks.push({ type: 'video', capture: true, recv: false });
  return tracks;
}
