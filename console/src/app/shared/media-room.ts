import type { RoomConnection, RoomJoin, RoomOptions } from '../../../../widget/src/call/janus-room';

/** What joinCall and joinScreenMonitoring answer: one participant's way into a media room, good for 60 s. */
export type MediaJoin = RoomJoin;
export type { RoomConnection, RoomOptions };
export const MEDIA_JOIN_FIELDS = 'url room token display iceServers';

/**
 * Takes a seat in a media room. janus.js and the room code (shared with the widget) are fetched the
 * first time a call or a screen monitoring needs them: a lazy chunk, never in the console's first load.
 */
export async function joinMediaRoom(join: MediaJoin, options: RoomOptions): Promise<RoomConnection> {
  const { joinRoom } = await import('../../../../widget/src/call/janus-room');
  return joinRoom(join, options);
}
