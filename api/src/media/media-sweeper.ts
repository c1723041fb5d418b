import { endCallBySystem } from '../calls/call.service';
import { Call } from '../calls/call.entity';
import { CallEndReason, CallState, OPEN_CALL_STATES } from '../calls/call.enums';
import type { AppDeps } from '../graphql/context';
import { endScreenMonitorings } from '../monitoring/screen-monitoring.service';
import { MonitoringEndReason, OPEN_MONITORING_STATES, ScreenMonitoring, ScreenMonitoringState } from '../monitoring/screen-monitoring.entity';
import { parseRoomDescription, type Media } from './media';
import { presenceStep, type RoomPresence } from './room-presence';

const SWEEP_MS = 2_000;
/** A participant who joined and has been missing this long has left. */
export const ABSENCE_MS = 10_000;
/** A row this young may still be waiting for its room (it is made just after the row). */
const ROOM_GRACE_MS = 5_000;
// Any constant works: every Parley instance takes the same lock, so one sweeps at a time.
const SWEEP_LOCK = 7_424_918;

interface Tracked extends RoomPresence {
  readonly id: string;
  readonly room: string;
  readonly since: Date;
}

/**
 * Media rooms against the rows that own them, every two seconds, on one
 * instance at a time (an advisory lock): a call or monitoring whose room is
 * gone ends; one whose participant has been missing from the room for 10 s
 * ends (DISCONNECTED, SUPERVISOR_LEFT, AGENT_LEFT); a `parley:*` room no
 * open row owns, seen so on two sweeps running, is destroyed (a crash
 * between the room and the row, a lost MEDIA_ROOM_ENDED). Every instance
 * also closes the rooms of calls and monitorings as they end.
 */
export function startMediaSweeper(deps: AppDeps, media: Media): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const suspects = new Set<string>();
  const timer = setInterval(() => {
    running = running
      .then(() => (stopped ? undefined : sweepUnderLock(deps, media, suspects)))
      .catch((err: unknown) => deps.logger.error({ err }, 'media sweep failed'));
  }, SWEEP_MS);
  const closings = deps.pubSub.subscribe('MEDIA_ROOM_ENDED')[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await closings.next();
      if (next.done) return;
      await media.closeRoom(next.value.room).catch((err: unknown) => deps.logger.warn({ err, room: next.value.room }, 'closing a media room failed; the sweeper will'));
    }
  })().catch((err: unknown) => deps.logger.error({ err }, 'media room closer stopped'));
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      void closings.return?.();
      await running;
    },
  };
}

async function sweepUnderLock(deps: AppDeps, media: Media, suspects: Set<string>): Promise<void> {
  await deps.orm.em.fork().transactional(async (tx) => {
    const [row] = await tx.getConnection().execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [SWEEP_LOCK], 'all', tx.getTransactionContext());
    if (row?.locked) await sweep(deps, media, suspects);
  });
}

async function sweep(deps: AppDeps, media: Media, suspects: Set<string>): Promise<void> {
  let rooms;
  try {
    rooms = (await media.janus.listRooms()).filter((room) => parseRoomDescription(room.description));
  } catch {
    return; // Janus does not answer: nothing can be decided now (readiness says so)
  }
  const existing = new Set(rooms.map((room) => room.room));
  const em = deps.orm.em.fork();
  const calls = await em.find(Call, { state: { $in: [...OPEN_CALL_STATES] } });
  const monitorings = await em.find(ScreenMonitoring, { state: { $in: [...OPEN_MONITORING_STATES] } });
  const now = deps.now();

  for (const call of calls) {
    const left = await participantLeft(deps, media, existing, { id: call.id, room: call.room, since: call.createdAt, seen: call.mediaSeen, absentSince: call.mediaAbsentSince ?? null }, Call, now);
    if (left === 'room gone') await endCallBySystem(deps, call.id, CallEndReason.DISCONNECTED, OPEN_CALL_STATES);
    else if (left && call.state === CallState.ACTIVE) await endCallBySystem(deps, call.id, CallEndReason.DISCONNECTED, [CallState.ACTIVE]);
  }
  for (const monitoring of monitorings) {
    const tracked = { id: monitoring.id, room: monitoring.room, since: monitoring.startedAt, seen: monitoring.mediaSeen, absentSince: monitoring.mediaAbsentSince ?? null };
    const left = await participantLeft(deps, media, existing, tracked, ScreenMonitoring, now);
    const reason = left === 'room gone' ? MonitoringEndReason.MEDIA_SERVER_LOST : left === 'supervisor' ? MonitoringEndReason.SUPERVISOR_LEFT : left ? MonitoringEndReason.AGENT_LEFT : undefined;
    if (reason) await endScreenMonitorings(deps, { id: monitoring.id }, reason, [ScreenMonitoringState.STARTING, ScreenMonitoringState.LIVE]);
  }

  const owned = new Set([...calls.map((call) => call.room), ...monitorings.map((monitoring) => monitoring.room)]);
  const orphans = rooms.map((room) => room.room).filter((room) => !owned.has(room));
  for (const room of [...suspects]) if (!orphans.includes(room)) suspects.delete(room);
  for (const room of orphans) {
    if (!suspects.has(room)) {
      suspects.add(room);
      continue;
    }
    suspects.delete(room);
    await media.closeRoom(room).catch((err: unknown) => deps.logger.warn({ err, room }, 'destroying an orphan media room failed'));
    deps.logger.info({ room }, 'destroyed a media room no call or monitoring owns');
  }
}

/**
 * Who has left a row's room: 'room gone' when the room is not on Janus (past
 * the grace a new row gets), a participant missing for ABSENCE_MS, or
 * undefined. Stores what it saw on the row.
 */
async function participantLeft(deps: AppDeps, media: Media, existing: ReadonlySet<string>, row: Tracked, entity: typeof Call | typeof ScreenMonitoring, now: Date): Promise<string | undefined> {
  if (!existing.has(row.room)) return now.getTime() - row.since.getTime() > ROOM_GRACE_MS ? 'room gone' : undefined;
  const present = await media.janus.participants(row.room);
  if (present === undefined) return undefined; // destroyed meanwhile: the next sweep decides
  const step = presenceStep(row, present, now, ABSENCE_MS);
  if (step.changed) await deps.orm.em.fork().nativeUpdate(entity as typeof Call, { id: row.id }, { mediaSeen: [...step.seen], mediaAbsentSince: step.absentSince });
  return step.gone;
}
