/**
 * Whether the people of a media room are still there: pure. Janus is asked
 * who is in the room every few seconds; a participant seen once and missing
 * since `absenceMs` has left (a closed tab, a lost network, a crash).
 */
export interface RoomPresence {
  /** Participants ever seen in the room. */
  readonly seen: readonly string[];
  /** Since when one of them has been missing; null while all are there. */
  readonly absentSince: Date | null;
}

export interface PresenceStep extends RoomPresence {
  /** The participant who left, once missing long enough. */
  readonly gone: string | undefined;
  /** Whether `seen` or `absentSince` moved, so they are stored again. */
  readonly changed: boolean;
}

export function presenceStep(before: RoomPresence, present: readonly string[], now: Date, absenceMs: number): PresenceStep {
  const seen = [...new Set([...before.seen, ...present])].sort();
  const missing = seen.filter((participant) => !present.includes(participant));
  const absentSince = missing.length === 0 ? null : (before.absentSince ?? now);
  const gone = absentSince && now.getTime() - absentSince.getTime() >= absenceMs ? missing[0] : undefined;
  const changed = seen.length !== before.seen.length || (absentSince?.getTime() ?? null) !== (before.absentSince?.getTime() ?? null);
  return { seen, absentSince, gone, changed };
}
