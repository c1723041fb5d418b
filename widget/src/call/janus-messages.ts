export type FeedId = string | number;

export interface Publisher {
  id: FeedId;
  display: string | null;
}

/** A VideoRoom message, read from the untyped JSON janus.js hands over (only the fields the room uses). */
export interface RoomMessage {
  /** `joined`, `event`, `attached`, `updated`, `destroyed`, `talking`... */
  kind: string | null;
  error: { code: number; reason: string } | null;
  privateId: number | null;
  publishers: Publisher[];
  /** A participant who left or stopped publishing. */
  gone: FeedId | null;
  /** This seat was removed from the room (`leaving: "ok"`, e.g. kicked). */
  removed: boolean;
  configured: boolean;
  started: boolean;
}

/** A refusal from the room or the server (`code` is the VideoRoom's error code, 0 when none). */
export class RoomError extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RoomError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isFeedId = (value: unknown): value is FeedId => typeof value === 'string' || typeof value === 'number';

export function readMessage(raw: unknown): RoomMessage {
  const data = isRecord(raw) ? raw : {};
  const publishers = Array.isArray(data['publishers']) ? data['publishers'] : [];
  const gone = [data['leaving'], data['unpublished']].find((value) => isFeedId(value) && value !== 'ok');
  const errorCode = data['error_code'];
  return {
    kind: typeof data['videoroom'] === 'string' ? data['videoroom'] : null,
    error: typeof data['error'] === 'string' ? { code: typeof errorCode === 'number' ? errorCode : 0, reason: data['error'] } : null,
    privateId: typeof data['private_id'] === 'number' ? data['private_id'] : null,
    publishers: publishers.flatMap((entry: unknown) =>
      isRecord(entry) && isFeedId(entry['id']) && entry['dummy'] !== true ? [{ id: entry['id'], display: typeof entry['display'] === 'string' ? entry['display'] : null }] : [],
    ),
    gone: isFeedId(gone) ? gone : null,
    removed: data['leaving'] === 'ok',
    configured: data['configured'] === 'ok',
    started: data['started'] === 'ok',
  };
}
