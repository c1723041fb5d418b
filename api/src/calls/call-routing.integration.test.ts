import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallParty, activeCall, type ServedChat } from '../testing/call-fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { ok } from '../testing/graphql-client';

const ROUTED = 'query($i: ID!) { interaction(id: $i) { state agent { id } routing { candidates { agentId eligible reason } } } }';

interface Routed {
  state: string;
  agent: { id: string } | null;
  routing: { candidates: { agentId: string; eligible: boolean; reason: string }[] } | null;
}

describe('calls and routing: inMediaCall under the INCALL and NOCALL availability rules', () => {
  const stack = conversationApi({}, { media: true });

  /** Agent A serves a chat and is in an active call in it; agent B, behind A in member order, becomes available; then a new chat arrives. */
  async function secondChatWhileInCall(availability: 'INCALL' | 'NOCALL', maxInteractionsPerAgent: number): Promise<{ a: string; b: string; second: Routed }> {
    const campaign = await stack.fx.campaign({ mediaEnabled: true, automaticAgentMessage: null, availability: availability as never, distribution: 'LINEAR' as never, maxInteractionsPerAgent });
    const a = await stack.fx.agent([campaign.id]);
    const b = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(a, 'AVAILABLE');
    const first = await stack.fx.started(campaign.key, 'First caller');
    const chat: ServedChat = { campaign, agent: a, interactionId: first.interaction.id, customer: new CallParty(stack.api.url, first.token), staff: new CallParty(stack.api.url, a.token) };
    assert.equal(first.interaction.agent?.id, a.id);
    await activeCall(chat);
    assert.equal((await ok<{ myActivity: { inMediaCall: boolean } }>(stack.api.url, '{ myActivity { inMediaCall } }', {}, { token: a.token })).myActivity.inMediaCall, true);
    await stack.fx.setState(b, 'AVAILABLE');
    const second = await stack.fx.started(campaign.key, 'Second customer');
    const { interaction } = await ok<{ interaction: Routed }>(stack.api.url, ROUTED, { i: second.interaction.id }, { token: stack.fx.admin });
    return { a: a.id, b: b.id, second: interaction };
  }

  it('INCALL: skips the agent in an active call, and the new chat goes to the other agent', async () => {
    const { a, b, second } = await secondChatWhileInCall('INCALL', 1);
    assert.deepEqual([second.state, second.agent?.id], ['ACTIVE', b]);
    assert.deepEqual(second.routing?.candidates.find((candidate) => candidate.agentId === a), { agentId: a, eligible: false, reason: 'in a media call' });
  });

  it('NOCALL (up to 2 chats each): the agent in a call still gets the new chat', async () => {
    const { a, second } = await secondChatWhileInCall('NOCALL', 2);
    assert.deepEqual([second.state, second.agent?.id], ['ACTIVE', a]);
    assert.equal(second.routing?.candidates.find((candidate) => candidate.agentId === a)?.eligible, true);
  });
});
