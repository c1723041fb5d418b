import type { Config } from '../config';
import { AppError } from '../graphql/app-error';
import type { Logger } from '../logger';
import { JanusClient } from './janus-client';
import { janusInfo, startEmbeddedJanus, type JanusEndpoint } from './janus-process';
import type { MediaJoin } from './media-join.types';
import { MediaKeys, type ParticipantRole } from './media-keys';

/** What a media room is for: a call in a chat, or a supervisor watching an agent's screen. */
export type RoomKind = 'call' | 'monitoring';

/** Rooms Parley makes are described `parley:<kind>:<row id>`: the sweeper finds the row (or its absence) from it. */
export const roomDescription = (kind: RoomKind, id: string): string => `parley:${kind}:${id}`;

export function parseRoomDescription(description: string): { kind: RoomKind; id: string } | undefined {
  const match = /^parley:(call|monitoring):([0-9a-f-]{36})$/.exec(description);
  return match ? { kind: match[1] as RoomKind, id: match[2] as string } : undefined;
}

export const roomIdOf = (kind: RoomKind, id: string): string => `${kind}-${id}`;

export type MediaReadiness = 'ready' | 'unreachable';

const unavailable = () => new AppError('SERVICE_UNAVAILABLE', 'The media server cannot be reached now: try again in a moment');

/**
 * Calls' and monitoring's way to Janus: rooms opened and closed with the
 * admin key and derived secrets, what each participant gets to join, and
 * whether Janus answers. One per process, in AppDeps.
 */
export class Media {
  readonly janus: JanusClient;
  readonly keys: MediaKeys;

  constructor(
    readonly endpoint: JanusEndpoint,
    /** For the log and the welcome banner: which Janus, and how it runs. */
    readonly label: string,
    private readonly iceServers: readonly string[],
    logger: Logger,
    private readonly stopServer: () => Promise<void> = async () => undefined,
  ) {
    this.janus = new JanusClient(endpoint, logger);
    this.keys = new MediaKeys(endpoint.apiSecret);
  }

  /** Creates the room of a call or monitoring, joinable only with the tokens of `participants`; SERVICE_UNAVAILABLE when Janus does not answer. */
  async openRoom(kind: RoomKind, id: string, participants: readonly ParticipantRole[]): Promise<string> {
    const room = roomIdOf(kind, id);
    try {
      await this.janus.createRoom({
        room,
        description: roomDescription(kind, id),
        secret: this.keys.roomSecret(room),
        allowed: participants.map((participant) => this.keys.token(room, participant)),
        publishers: participants.length,
      });
    } catch {
      throw unavailable();
    }
    return room;
  }

  closeRoom(room: string): Promise<void> {
    return this.janus.destroyRoom(room, this.keys.roomSecret(room));
  }

  /** What one participant joins with: a ticket for the API's /janus socket, and their own token. */
  join(room: string, participant: ParticipantRole, display: string, now: Date, campaignId?: string): MediaJoin {
    const ticket = this.keys.sign({ room, participant, campaignId }, now);
    return { url: `/janus?ticket=${encodeURIComponent(ticket)}`, room, token: this.keys.token(room, participant), display, iceServers: [...this.iceServers] };
  }

  async readiness(): Promise<MediaReadiness> {
    return (await janusInfo(this.endpoint.url)) ? 'ready' : 'unreachable';
  }

  async close(): Promise<void> {
    this.janus.close();
    await this.stopServer();
  }
}

/** Whether calls can work in this process: a media server is configured; SERVICE_UNAVAILABLE otherwise. */
export function requireMedia(media: Media | undefined): Media {
  if (!media) throw new AppError('SERVICE_UNAVAILABLE', 'Calls are off: no media server is configured');
  return media;
}

/**
 * The media server of this process as configured: an embedded Janus
 * started now, an external one (not waited for: /readyz reports it), or
 * none. Says plainly in the log which it is.
 */
export async function startMedia(config: Config, logger: Logger): Promise<Media | undefined> {
  const media = config.media;
  if (media.mode === 'off') {
    logger.warn({ why: media.why }, "calls and screen monitoring are off: install Debian's janus package (or set JANUS_URL) to turn them on");
    return undefined;
  }
  if (media.mode === 'external') {
    const endpoint = { url: media.url, wsUrl: media.wsUrl, apiSecret: media.apiSecret, adminKey: media.adminKey };
    logger.info({ janus: media.url }, 'calls are on: Janus at JANUS_URL');
    return new Media(endpoint, `Janus at ${media.url}`, config.iceServers, logger);
  }
  // Rooms live in the Janus that made them: instances each running their own cannot share calls (nor sweep each other's).
  if (config.redisUrl !== undefined) logger.warn('each instance starts a Janus of its own: with several instances, run one Janus and give them all JANUS_URL, JANUS_WS_URL, JANUS_API_SECRET and JANUS_ADMIN_KEY');
  const janus = await startEmbeddedJanus({ binary: media.binary, dataDir: config.dataDir, logger, apiSecret: media.apiSecret, adminKey: media.adminKey, iceInterfaces: media.iceInterfaces, nat11: media.nat11 });
  logger.info({ janus: janus.url, version: janus.version }, 'calls are on: embedded Janus started');
  return new Media(janus, `Janus ${janus.version}, embedded`, config.iceServers, logger, janus.stop);
}
