import { createHash } from 'node:crypto';
import { candidatesOf, type CandidateNote, type Explanation } from './routing-policy';

/**
 * The routing explanation as stored with a chat. A note per member made it
 * about 16 KB a chat with 200 members, and the members' ids alone 7 KB,
 * written for every chat of a burst. Stored, it names the roster (the
 * members in order, kept once in routing_rosters under a hash of their ids)
 * and each reason of those skipped once, with the members it applies to;
 * read back, it is the same explanation, note for note.
 */
export interface StoredExplanation {
  readonly strategy: string;
  readonly availability: string;
  readonly reason: string;
  /** The routing_rosters row holding the members' ids, in the order of the candidates. */
  readonly roster: string;
  readonly skipped: Readonly<Record<string, readonly number[]>>;
}

/** A campaign's members as a run saw them, under the id their row has in routing_rosters. */
export interface Roster {
  readonly id: string;
  readonly members: readonly string[];
}

export function rosterOf(members: readonly string[]): Roster {
  return { id: createHash('sha256').update(members.join(',')).digest('base64url'), members };
}

export function storedExplanation(explanation: Explanation, roster: Roster): StoredExplanation {
  return { strategy: explanation.strategy, availability: explanation.availability, reason: explanation.reason, roster: roster.id, skipped: explanation.skipped };
}

/** What may be stored with a chat: a note per member (the first form), the members inline (the second), or a roster's id. */
export interface StoredForm {
  readonly candidates?: readonly CandidateNote[];
  readonly members?: readonly string[];
  readonly roster?: string;
  readonly skipped?: Readonly<Record<string, readonly number[]>>;
}

/** The candidates of a stored explanation, given its roster's members when it names one. */
export function storedCandidates(stored: StoredForm, rosterMembers: readonly string[] = []): CandidateNote[] {
  if (stored.roster !== undefined) return candidatesOf({ members: rosterMembers, skipped: stored.skipped ?? {} });
  if (stored.members) return candidatesOf({ members: stored.members, skipped: stored.skipped ?? {} });
  return [...(stored.candidates ?? [])];
}
