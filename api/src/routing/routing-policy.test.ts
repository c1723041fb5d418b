import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidatesOf, capacity, decideRouting, ineligibility, type Availability, type Decision, type Distribution, type MemberSnapshot, type RoutingRules, type WaitingChat } from './routing-policy';

const member = (agentId: string, position: number, extra: Partial<MemberSnapshot> = {}): MemberSnapshot => ({
  agentId,
  position,
  penalty: 0,
  state: 'AVAILABLE',
  activeCount: 0,
  inMediaCall: false,
  lastEndedAt: null,
  handledToday: 0,
  ...extra,
});
const chats = (count: number): WaitingChat[] => Array.from({ length: count }, (_, i) => ({ interactionId: `chat${i + 1}`, offeredTo: [] }));
const rules = (distribution: Distribution, extra: Partial<RoutingRules> = {}): RoutingRules => ({ distribution, availability: 'NOCALL', maxInteractionsPerAgent: 1, ...extra });
const assigned = (decisions: Decision[]) => decisions.map((d) => (d.kind === 'assign' ? `${d.interactionId}->${d.agentId}` : `${d.interactionId}->[${d.agentIds.join(',')}]`));
const never = () => {
  throw new Error('this strategy must not draw');
};

/** A deterministic source of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('routing policy', () => {
  const team = [member('ana', 1), member('bob', 2), member('cy', 3)];

  it('LINEAR always gives the first eligible member in member order', () => {
    assert.deepEqual(assigned(decideRouting(rules('LINEAR', { maxInteractionsPerAgent: 2 }), chats(5), team, never)), [
      'chat1->ana', 'chat2->ana', 'chat3->bob', 'chat4->bob', 'chat5->cy',
    ]);
  });

  it('RRMEMORY continues after the last agent served, wrapping around', () => {
    assert.deepEqual(assigned(decideRouting(rules('RRMEMORY', { lastPosition: 2, maxInteractionsPerAgent: 2 }), chats(4), team, never)), [
      'chat1->cy', 'chat2->ana', 'chat3->bob', 'chat4->cy',
    ]);
    assert.deepEqual(assigned(decideRouting(rules('RRMEMORY', { lastPosition: null }), chats(2), team, never)), ['chat1->ana', 'chat2->bob']);
    // The last agent left the campaign (position 5 no longer exists): start again from the top.
    assert.deepEqual(assigned(decideRouting(rules('RRMEMORY', { lastPosition: 5 }), chats(1), team, never)), ['chat1->ana']);
  });

  it('RRMEMORY skips members who cannot take a chat', () => {
    const busy = [member('ana', 1), member('bob', 2, { state: 'PAUSED' }), member('cy', 3)];
    assert.deepEqual(assigned(decideRouting(rules('RRMEMORY', { lastPosition: 1 }), chats(2), busy, never)), ['chat1->cy', 'chat2->ana']);
  });

  it('LEASTRECENT prefers who never finished a chat, then who has been idle longest', () => {
    const members = [member('ana', 1, { lastEndedAt: 3000 }), member('bob', 2, { lastEndedAt: 1000 }), member('cy', 3, { lastEndedAt: null }), member('dee', 4, { lastEndedAt: 2000 })];
    assert.deepEqual(assigned(decideRouting(rules('LEASTRECENT'), chats(4), members, never)), ['chat1->cy', 'chat2->bob', 'chat3->dee', 'chat4->ana']);
  });

  it('FEWEST gives the chat to who handled fewest today, counting the ones it just gave', () => {
    const members = [member('ana', 1, { handledToday: 4 }), member('bob', 2, { handledToday: 2 }), member('cy', 3, { handledToday: 3 })];
    assert.deepEqual(assigned(decideRouting(rules('FEWEST', { maxInteractionsPerAgent: 5 }), chats(4), members, never)), [
      'chat1->bob', 'chat2->bob', 'chat3->cy', 'chat4->ana',
    ]);
  });

  it('RANDOM draws uniformly among eligible members with the given source', () => {
    const draws = [0.0, 0.5, 0.99];
    assert.deepEqual(assigned(decideRouting(rules('RANDOM'), chats(3), team, () => draws.shift() as number)), ['chat1->ana', 'chat2->cy', 'chat3->bob']);
  });

  it('WRANDOM makes high penalties proportionally less likely', () => {
    const members = [member('low', 1, { penalty: 0 }), member('high', 2, { penalty: 90 })];
    const counts = { low: 0, high: 0 };
    const random = seeded(42);
    for (let i = 0; i < 20_000; i += 1) {
      const [decision] = decideRouting(rules('WRANDOM'), chats(1), members, random);
      if (decision?.kind === 'assign') counts[decision.agentId as 'low' | 'high'] += 1;
    }
    // Weights 101 and 11: low should win about 90% of the time.
    const share = counts.low / (counts.low + counts.high);
    assert.ok(share > 0.88 && share < 0.92, `low got ${share}`);
    // Draw boundaries: the first 101/112 of the range picks low.
    assert.deepEqual(assigned(decideRouting(rules('WRANDOM'), chats(1), members, () => 100.9 / 112)), ['chat1->low']);
    assert.deepEqual(assigned(decideRouting(rules('WRANDOM'), chats(1), members, () => 101.1 / 112)), ['chat1->high']);
  });

  it('RINGALL offers each chat to every eligible agent not offered it yet', () => {
    const waiting = [{ interactionId: 'chat1', offeredTo: ['ana'] }, { interactionId: 'chat2', offeredTo: [] }];
    const members = [member('ana', 1), member('bob', 2), member('cy', 3, { state: 'PAUSED' })];
    assert.deepEqual(assigned(decideRouting(rules('RINGALL'), waiting, members, never)), ['chat1->[bob]', 'chat2->[ana,bob]']);
  });

  it('RINGALL moves an expired offer on to agents who have not had it, and starts a new round when everyone let it pass', () => {
    const members = [member('ana', 1), member('bob', 2), member('cy', 3)];
    const passedByAna = [{ interactionId: 'chat1', offeredTo: [], passedBy: ['ana'] }];
    assert.deepEqual(assigned(decideRouting(rules('RINGALL'), passedByAna, members, never)), ['chat1->[bob,cy]']);
    const stillOpen = [{ interactionId: 'chat1', offeredTo: ['bob'], passedBy: ['ana'] }];
    assert.deepEqual(assigned(decideRouting(rules('RINGALL'), stillOpen, members, never)), ['chat1->[cy]']);
    const allPassed = [{ interactionId: 'chat1', offeredTo: [], passedBy: ['ana', 'bob', 'cy'] }];
    assert.deepEqual(assigned(decideRouting(rules('RINGALL'), allPassed, members, never)), ['chat1->[ana,bob,cy]']);
  });

  it('AGENT_PICKS leaves the queue to the agents', () => {
    assert.deepEqual(decideRouting(rules('AGENT_PICKS'), chats(3), team, never), []);
  });

  it('applies each availability rule', () => {
    const cases: [Availability, Partial<MemberSnapshot>, number, boolean][] = [
      ['INTERACTION', { activeCount: 0 }, 3, true],
      ['INTERACTION', { activeCount: 1 }, 3, false],
      ['INTERACTION', { activeCount: 0, inMediaCall: true }, 3, true],
      ['NOCALL', { activeCount: 2 }, 3, true],
      ['NOCALL', { activeCount: 3 }, 3, false],
      ['NOCALL', { inMediaCall: true }, 3, true],
      ['INCALL', { inMediaCall: true }, 3, false],
      ['INCALL', { activeCount: 1 }, 3, false],
      ['INCALL', {}, 3, true],
      ['NOPAUSE', { activeCount: 2, inMediaCall: true }, 3, true],
      ['NOPAUSE', { state: 'PAUSED' }, 3, false],
      ['NOPAUSE', { state: 'OFFLINE' }, 3, false],
      ['NOCALL', { state: 'PAUSED' }, 3, false],
    ];
    for (const [availability, extra, max, eligible] of cases) {
      const why = ineligibility({ distribution: 'LINEAR', availability, maxInteractionsPerAgent: max }, member('a', 1, extra));
      assert.equal(why === undefined, eligible, `${availability} ${JSON.stringify(extra)}: ${why}`);
    }
    assert.equal(capacity({ availability: 'INTERACTION', maxInteractionsPerAgent: 4 }), 1);
    assert.equal(capacity({ availability: 'NOPAUSE', maxInteractionsPerAgent: 4 }), 4);
  });

  it('explains each decision with the strategy, every candidate and the reason', () => {
    const [decision] = decideRouting(rules('LINEAR'), chats(1), [member('ana', 1, { state: 'PAUSED' }), member('bob', 2)], never);
    assert.equal(decision?.kind, 'assign');
    assert.deepEqual(decision && candidatesOf(decision.explanation), [
      { agentId: 'ana', eligible: false, reason: 'paused' },
      { agentId: 'bob', eligible: true, reason: 'eligible' },
    ]);
    assert.equal(decision?.explanation.strategy, 'LINEAR');
    assert.match(decision?.explanation.reason ?? '', /member order/);
  });

  it('never exceeds capacity, never gives a chat twice, never picks a paused or offline agent (random snapshots)', () => {
    const strategies: Distribution[] = ['RRMEMORY', 'LEASTRECENT', 'FEWEST', 'LINEAR', 'RANDOM', 'WRANDOM', 'RINGALL'];
    const availabilities: Availability[] = ['INTERACTION', 'NOCALL', 'INCALL', 'NOPAUSE'];
    const states = ['OFFLINE', 'AVAILABLE', 'PAUSED'] as const;
    const random = seeded(7);
    for (let round = 0; round < 3000; round += 1) {
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
      const max = 1 + Math.floor(random() * 4);
      const r: RoutingRules = { distribution: pick(strategies), availability: pick(availabilities), maxInteractionsPerAgent: max, lastPosition: random() < 0.5 ? null : Math.floor(random() * 8) };
      const members = Array.from({ length: Math.floor(random() * 6) }, (_, i) =>
        member(`agent${i}`, i + 1, {
          state: pick(states),
          activeCount: Math.floor(random() * (max + 2)),
          inMediaCall: random() < 0.3,
          penalty: Math.floor(random() * 101),
          lastEndedAt: random() < 0.3 ? null : Math.floor(random() * 1e6),
          handledToday: Math.floor(random() * 10),
        }),
      );
      const waiting = chats(Math.floor(random() * 8));
      const decisions = decideRouting(r, waiting, members, random);
      const seen = new Set<string>();
      const given = new Map<string, number>();
      for (const decision of decisions) {
        assert.ok(!seen.has(decision.interactionId), 'a chat decided twice');
        seen.add(decision.interactionId);
        const agents = decision.kind === 'assign' ? [decision.agentId] : decision.agentIds;
        for (const agentId of agents) {
          const m = members.find((x) => x.agentId === agentId) as MemberSnapshot;
          assert.equal(m.state, 'AVAILABLE', `${r.distribution} picked a ${m.state} agent`);
          if (r.availability === 'INCALL') assert.equal(m.inMediaCall, false);
          if (decision.kind === 'assign') given.set(agentId, (given.get(agentId) ?? 0) + 1);
        }
      }
      for (const [agentId, count] of given) {
        const m = members.find((x) => x.agentId === agentId) as MemberSnapshot;
        assert.ok(m.activeCount + count <= capacity(r), `${r.distribution}/${r.availability}: ${agentId} over capacity`);
      }
      // Work-conserving: a chat stays waiting only when nobody could take it.
      if (r.distribution !== 'RINGALL' && decisions.length < waiting.length) {
        const spare = members.some((m) => ineligibility(r, m, m.activeCount + (given.get(m.agentId) ?? 0)) === undefined);
        assert.equal(spare, false, 'a chat was left waiting while an agent was free');
      }
    }
  });
});
