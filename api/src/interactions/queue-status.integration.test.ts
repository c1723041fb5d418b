import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { ok, subscribe, wsClient } from '../testing/graphql-client';

const QUEUE = 'subscription($i: ID!) { queueStatus(interactionId: $i) { interactionId position estimatedWaitSeconds } }';
type Status = { queueStatus: { interactionId: string; position: number | null; estimatedWaitSeconds: number | null } };

describe('queue status for waiting customers', () => {
  const stack = conversationApi();

  it('tells a waiting customer their place and expected wait, live, until an agent answers', async () => {
    const campaign = await stack.fx.campaign({ availability: 'INTERACTION' as never, automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const served = await stack.fx.started(campaign.key, 'First');
    assert.equal(served.interaction.state, 'ACTIVE');
    const ahead = await stack.fx.started(campaign.key, 'Second');
    const behind = await stack.fx.started(campaign.key, 'Third');

    // One agent, one chat at a time, no history yet: a default handle time of three minutes per place.
    const READ = 'query($i: ID!) { interaction(id: $i) { queue { position estimatedWaitSeconds } } }';
    const read = await ok<{ interaction: { queue: unknown } }>(stack.api.url, READ, { i: behind.interaction.id }, { token: behind.token });
    assert.deepEqual(read.interaction.queue, { position: 2, estimatedWaitSeconds: 360 });

    const socket = wsClient(stack.api.url, behind.token);
    const updates = subscribe<Status>(socket, QUEUE, { i: behind.interaction.id });
    assert.deepEqual((await updates.next(10_000)).data?.queueStatus, { interactionId: behind.interaction.id, position: 2, estimatedWaitSeconds: 360 });

    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: ahead.interaction.id }, { token: ahead.token });
    assert.deepEqual((await updates.next(10_000)).data?.queueStatus, { interactionId: behind.interaction.id, position: 1, estimatedWaitSeconds: 180 });

    await ok(stack.api.url, 'mutation($i: ID!) { closeInteraction(id: $i) { state } }', { i: served.interaction.id }, { token: agent.token });
    // The closed chat is the campaign's first handle time, so a new estimate for first place may come before the agent takes this one.
    let status = (await updates.next(10_000)).data?.queueStatus;
    while (status?.position === 1) status = (await updates.next(10_000)).data?.queueStatus;
    assert.deepEqual(status, { interactionId: behind.interaction.id, position: null, estimatedWaitSeconds: null });
    assert.equal(await updates.ended, 'complete');
    assert.equal((await stack.fx.interaction(behind.interaction.id))?.state, 'ACTIVE');
    await socket.dispose();
  });

  it('gives no estimate while no agent is available, and nothing to a stranger', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'PAUSED');
    const waiting = await stack.fx.started(campaign.key, 'Patient');
    const READ = 'query($i: ID!) { interaction(id: $i) { queue { position estimatedWaitSeconds } } }';
    const read = await ok<{ interaction: { queue: unknown } }>(stack.api.url, READ, { i: waiting.interaction.id }, { token: waiting.token });
    assert.deepEqual(read.interaction.queue, { position: 1, estimatedWaitSeconds: null });

    const stranger = await stack.fx.started(campaign.key, 'Nosy');
    const socket = wsClient(stack.api.url, stranger.token);
    const refused = subscribe<Status>(socket, QUEUE, { i: waiting.interaction.id });
    assert.equal((await refused.next()).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    await socket.dispose();
  });
});
