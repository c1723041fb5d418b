import type { CandidateNote, Explanation } from './routing-policy';

/**
 * The routing explanation as stored with a chat. A note per member made it
 * about 16 KB a chat with 200 members, written for every chat of a burst;
 * stored compactly it keeps the members in order (their ids only) and each
 * reason once, with the members it applies to, so the explanation read back
 * is the same, note for note.
 */
export interface CompactExplanation {
  readonly strategy: string;
  readonly availability: string;
  readonly reason: string;
  /** The members' ids, in the order of the candidates. */
  readonly members: readonly string[];
  /** Each reason of a member who was not eligible, with the indexes (in `members`) of those it applies to. */
  readonly skipped: Readonly<Record<string, readonly number[]>>;
}

/** The note an eligible member gets. */
const ELIGIBLE = 'eligible';

export function compactExplanation(explanation: Explanation): CompactExplanation {
  const skipped: Record<string, number[]> = {};
  explanation.candidates.forEach((note, index) => {
    if (note.eligible) return;
    (skipped[note.reason] ??= []).push(index);
  });
  return {
    strategy: explanation.strategy,
    availability: explanation.availability,
    reason: explanation.reason,
    members: explanation.candidates.map((note) => note.agentId),
    skipped,
  };
}

/**
 * The candidates of a stored explanation, compact or (stored before it
 * was compact) a note per member.
 */
export function storedCandidates(stored: { readonly candidates?: readonly CandidateNote[]; readonly members?: readonly string[]; readonly skipped?: Readonly<Record<string, readonly number[]>> }): CandidateNote[] {
  if (!stored.members) return [...(stored.candidates ?? [])];
  const why = new Map<number, string>();
  for (const [reason, indexes] of Object.entries(stored.skipped ?? {})) for (const index of indexes) why.set(index, reason);
  return stored.members.map((agentId, index) => {
    const reason = why.get(index);
    return { agentId, eligible: reason === undefined, reason: reason ?? ELIGIBLE };
  });
}
