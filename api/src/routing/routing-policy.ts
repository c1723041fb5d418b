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

export interface Explanation {
  readonly strategy: Distribution;
  readonly availability: Availability;
  readonly candidates: readonly CandidateNote[];
  readonly reason: string;
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

function choose(
  rules: RoutingRules,
  eligible: MemberSnapshot[],
  loads: Map<string, Load>,
  lastPosition: number | null,
  random: () => number,
): { member: MemberSnapshot; reason: string } {
  const ordered = [...eligible].sort(byPosition);
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
  let lastPosition = rules.lastPosition ?? null;
  const decisions: Decision[] = [];
  for (const chat of waiting) {
    const candidates = allMembers.map((member) => {
      const why = ineligibility(rules, member, loads.get(member.agentId)?.active ?? member.activeCount);
      return { member, eligible: why === undefined, reason: why ?? 'eligible' };
    });
    const eligible = candidates.filter((c) => c.eligible).map((c) => c.member);
    const notes = candidates.map((c) => ({ agentId: c.member.agentId, eligible: c.eligible, reason: c.reason }));
    if (rules.distribution === 'RINGALL') {
      const unoffered = eligible.filter((m) => !chat.offeredTo.includes(m.agentId));
      const untried = unoffered.filter((m) => !(chat.passedBy ?? []).includes(m.agentId));
      // Every eligible agent let it pass and no offer is open: a new round for all of them.
      const fresh = (untried.length > 0 || chat.offeredTo.length > 0 ? untried : unoffered).sort(byPosition);
      if (fresh.length > 0) {
        decisions.push({
          kind: 'offer',
          interactionId: chat.interactionId,
          agentIds: fresh.map((m) => m.agentId),
          explanation: { strategy: rules.distribution, availability: rules.availability, candidates: notes, reason: `offered to every eligible agent (${fresh.length}); the first to accept wins` },
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
    decisions.push({
      kind: 'assign',
      interactionId: chat.interactionId,
      agentId: member.agentId,
      explanation: { strategy: rules.distribution, availability: rules.availability, candidates: notes, reason },
    });
  }
  return decisions;
}
