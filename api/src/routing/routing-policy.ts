/**
 * Routing decisions: pure. Given a campaign's rules, its waiting chats
 * (oldest first) and its members' state and load, returns who gets what.
 * No I/O, no clock, no randomness of its own: `random` is passed in.
 */

export type Distribution = 'RRMEMORY' | 'LEASTRECENT' | 'FEWEST' | 'LINEAR' | 'RANDOM' | 'WRANDOM' | 'RINGALL' | 'AGENT_PICKS';
export type Availability = 'INTERACTION' | 'NOCALL' | 'INCALL' | 'NOPAUSE';
export type AgentRoutingState = 'OFFLINE' | 'AVAILABLE' | 'PAUSED';

export interface RoutingRules {
  readonly distribution: Distribution;
  readonly availability: Availability;
  readonly maxInteractionsPerAgent: number;
  /** RRMEMORY: member position of the agent served last; null when none (or no longer a member). */
  readonly lastPosition?: number | null;
}

export interface MemberSnapshot {
  readonly agentId: string;
  /** Member order, for LINEAR and RRMEMORY. */
  readonly position: number;
  /** 0-100; WRANDOM makes high penalties less likely. */
  readonly penalty: number;
  readonly state: AgentRoutingState;
  /** Active interactions, on every campaign. */
  readonly activeCount: number;
  readonly inMediaCall: boolean;
  /** ms epoch when their last interaction ended; null when none. */
  readonly lastEndedAt: number | null;
  /** Interactions answered today, for FEWEST. */
  readonly handledToday: number;
}

export interface WaitingChat {
  readonly interactionId: string;
  /** Agents holding an open offer of this chat (RINGALL). */
  readonly offeredTo: readonly string[];
  /** Agents whose offer of this chat expired unanswered (RINGALL): others get it first. */
  readonly passedBy?: readonly string[];
}

export interface CandidateNote {
  readonly agentId: string;
  readonly eligible: boolean;
  readonly reason: string;
}

/**
 * Why a chat went where it went. The members are the same array for every
 * decision of a run; a decision adds only who was skipped and why, so a
 * run's explanations grow with its skipped members, not chats × members.
 */
export interface Explanation {
  readonly strategy: Distribution;
  readonly availability: Availability;
  /** Every member's id, in the order they were given. */
  readonly members: readonly string[];
  /** Each reason a member was not eligible, with the indexes (in `members`) of those it applies to. */
  readonly skipped: Readonly<Record<string, readonly number[]>>;
  readonly reason: string;
}

/** The note an eligible member gets. */
export const ELIGIBLE = 'eligible';

/** An explanation's note for each member, in member order. */
export function candidatesOf(explanation: Pick<Explanation, 'members' | 'skipped'>): CandidateNote[] {
  const why = new Map<number, string>();
  for (const [reason, indexes] of Object.entries(explanation.skipped)) for (const index of indexes) why.set(index, reason);
  return explanation.members.map((agentId, index) => {
    const reason = why.get(index);
    return { agentId, eligible: reason === undefined, reason: reason ?? ELIGIBLE };
  });
}

export type Decision =
  | { readonly kind: 'assign'; readonly interactionId: string; readonly agentId: string; readonly explanation: Explanation }
  | { readonly kind: 'offer'; readonly interactionId: string; readonly agentIds: readonly string[]; readonly explanation: Explanation };

interface Load {
  active: number;
  handledToday: number;
}

/** How many interactions a member may hold at once under the availability rule. */
export function capacity(rules: Pick<RoutingRules, 'availability' | 'maxInteractionsPerAgent'>): number {
  const max = Math.max(0, rules.maxInteractionsPerAgent);
  return rules.availability === 'INTERACTION' || rules.availability === 'INCALL' ? Math.min(1, max) : max;
}

/** Why a member cannot take one more interaction now, or undefined when they can. */
export function ineligibility(rules: RoutingRules, member: MemberSnapshot, active = member.activeCount): string | undefined {
  if (member.state === 'OFFLINE') return 'offline';
  if (member.state === 'PAUSED') return 'paused';
  if (rules.availability === 'INCALL' && member.inMediaCall) return 'in a media call';
  if (active >= capacity(rules)) return `at capacity (${active}/${capacity(rules)})`;
  return undefined;
}

const byPosition = (a: MemberSnapshot, b: MemberSnapshot) => a.position - b.position || a.agentId.localeCompare(b.agentId);

/** `eligible` in member order (see byPosition). */
function choose(
  rules: RoutingRules,
  eligible: readonly MemberSnapshot[],
  loads: Map<string, Load>,
  lastPosition: number | null,
  random: () => number,
): { member: MemberSnapshot; reason: string } {
  const ordered = eligible;
  const first = ordered[0] as MemberSnapshot;
  switch (rules.distribution) {
    case 'LINEAR':
      return { member: first, reason: `first eligible member in member order (position ${first.position})` };
    case 'RRMEMORY': {
      const next = lastPosition === null ? first : (ordered.find((m) => m.position > lastPosition) ?? first);
      return { member: next, reason: lastPosition === null ? 'no agent served yet: first in member order' : `next in member order after position ${lastPosition}` };
    }
    case 'LEASTRECENT': {
      const member = ordered.reduce((best, m) => ((m.lastEndedAt ?? -Infinity) < (best.lastEndedAt ?? -Infinity) ? m : best));
      return { member, reason: member.lastEndedAt === null ? 'has not finished an interaction yet' : 'idle longest since their last interaction ended' };
    }
    case 'FEWEST': {
      const member = ordered.reduce((best, m) => ((loads.get(m.agentId)?.handledToday ?? 0) < (loads.get(best.agentId)?.handledToday ?? 0) ? m : best));
      return { member, reason: `fewest interactions handled today (${loads.get(member.agentId)?.handledToday ?? 0})` };
    }
    case 'RANDOM': {
      const member = ordered[Math.min(ordered.length - 1, Math.floor(random() * ordered.length))] as MemberSnapshot;
      return { member, reason: `drawn at random among ${ordered.length}` };
    }
    case 'WRANDOM': {
      const weights = ordered.map((m) => 101 - Math.min(100, Math.max(0, m.penalty)));
      const total = weights.reduce((sum, w) => sum + w, 0);
      let draw = random() * total;
      let index = 0;
      while (index < ordered.length - 1 && draw >= (weights[index] as number)) draw -= weights[index++] as number;
      const member = ordered[index] as MemberSnapshot;
      return { member, reason: `drawn at random weighted by penalty (weight ${weights[index]} of ${total})` };
    }
    default:
      return { member: first, reason: 'first eligible member' };
  }
}

/**
 * Decides for each waiting chat, oldest first, updating loads as it goes, so
 * no member is given more than capacity and no chat goes to two agents.
 * `allMembers` may include members that are not eligible: they are noted in
 * the explanation.
 */
export function decideRouting(
  rules: RoutingRules,
  waiting: readonly WaitingChat[],
  allMembers: readonly MemberSnapshot[],
  random: () => number,
): Decision[] {
  if (rules.distribution === 'AGENT_PICKS') return [];
  const loads = new Map<string, Load>(allMembers.map((m) => [m.agentId, { active: m.activeCount, handledToday: m.handledToday }]));
  const members = allMembers.map((m) => m.agentId);
  // Indexes of allMembers in member order, sorted once: each chat's eligible members come out in that order.
  const order = allMembers.map((_, index) => index).sort((a, b) => byPosition(allMembers[a] as MemberSnapshot, allMembers[b] as MemberSnapshot));
  let lastPosition = rules.lastPosition ?? null;
  const decisions: Decision[] = [];
  for (const chat of waiting) {
    const eligible: MemberSnapshot[] = [];
    const skipped: Record<string, number[]> = {};
    for (const index of order) {
      const member = allMembers[index] as MemberSnapshot;
      const why = ineligibility(rules, member, loads.get(member.agentId)?.active ?? member.activeCount);
      if (why === undefined) eligible.push(member);
      else (skipped[why] ??= []).push(index);
    }
    for (const indexes of Object.values(skipped)) indexes.sort((a, b) => a - b);
    const explain = (reason: string): Explanation => ({ strategy: rules.distribution, availability: rules.availability, members, skipped, reason });
    if (rules.distribution === 'RINGALL') {
      const unoffered = eligible.filter((m) => !chat.offeredTo.includes(m.agentId));
      const untried = unoffered.filter((m) => !(chat.passedBy ?? []).includes(m.agentId));
      // Every eligible agent let it pass and no offer is open: a new round for all of them.
      const fresh = untried.length > 0 || chat.offeredTo.length > 0 ? untried : unoffered;
      if (fresh.length > 0) {
        decisions.push({
          kind: 'offer',
          interactionId: chat.interactionId,
          agentIds: fresh.map((m) => m.agentId),
          explanation: explain(`offered to every eligible agent (${fresh.length}); the first to accept wins`),
        });
      }
      continue;
    }
    if (eligible.length === 0) continue;
    const { member, reason } = choose(rules, eligible, loads, lastPosition, random);
    const load = loads.get(member.agentId) as Load;
    load.active += 1;
    load.handledToday += 1;
    lastPosition = member.position;
    decisions.push({ kind: 'assign', interactionId: chat.interactionId, agentId: member.agentId, explanation: explain(reason) });
  }
  return decisions;
}
