import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';
import { untilListening, waitFor } from '../testing/wait-for';

interface Stored {
  state: string;
  holdSeconds: number | null;
  agent: { id: string } | null;
  routing: { strategy: string; reason: string; decidedAt: string | null; candidates: { agentId: string; eligible: boolean; reason: string }[] } | null;
  messages: { seq: number; text: string | null; sender: { kind: string; name: string | null } }[];
}
const READ = `query($id: ID!) { interaction(id: $id) { state holdSeconds agent { id } routing { strategy reason decidedAt candidates { agentId eligible reason } } messages { seq text sender { kind name } } } }`;

describe('routing a burst of starts in one run', () => {
  const stack = conversationApi();
  const read = async (id: string) => (await ok<{ interaction: Stored }>(stack.api.url, READ, { id }, { token: stack.fx.admin })).interaction;

  it('assigns every chat once, no agent above the limit, each with its automatic message numbered first', async () => {
    const campaign = await stack.fx.campaign({
      distribution: 'RRMEMORY' as never,
      maxInteractionsPerAgent: 3,
      showAgentName: true,
      thresholds: { ...validCampaignInput().thresholds, maxChats: 200 },
    });
    const agents = [];
    for (let i = 0; i < 5; i += 1) agents.push(await stack.fx.agent([campaign.id]));
    for (const agent of agents) await stack.fx.setState(agent, 'AVAILABLE');

    // 5 agents × 3 chats: 15 of the 24 arriving at once are answered, the rest wait.
    const started = await Promise.all(Array.from({ length: 24 }, (_, i) => stack.fx.started(campaign.key, `Burst ${i}`)));
    const chats = await Promise.all(started.map((chat) => read(chat.interaction.id)));
    const active = chats.filter((chat) => chat.state === 'ACTIVE');
    assert.equal(active.length, 15);
    assert.equal(chats.filter((chat) => chat.state === 'QUEUED').length, 9);
    const perAgent = new Map<string, number>();
    for (const chat of active) perAgent.set(chat.agent?.id as string, (perAgent.get(chat.agent?.id as string) ?? 0) + 1);
    assert.deepEqual([...perAgent.values()], [3, 3, 3, 3, 3]);
    assert.deepEqual(new Set(perAgent.keys()), new Set(agents.map((a) => a.id)));
    for (const chat of active) {
      // The automatic message once, as the first message, with the agent's name shown as the campaign says.
      assert.deepEqual(chat.messages.map((m) => [m.seq, m.sender.kind, m.text]), [[1, 'AGENT', 'Hi, I am here']]);
      assert.match(chat.messages[0]?.sender.name ?? '', /^Agent \d+$/);
      assert.equal(chat.routing?.strategy, 'RRMEMORY');
      assert.ok(chat.routing?.decidedAt);
      assert.ok((chat.holdSeconds ?? -1) >= 0);
    }
    for (const chat of chats.filter((c) => c.state === 'QUEUED')) assert.deepEqual(chat.messages, []);
    // Each explanation reads back every member, in member order, as each decision saw them: the last chats given found the others full.
    for (const chat of active) assert.deepEqual(chat.routing?.candidates.map((c) => c.agentId), agents.map((a) => a.id));
    const full = active.flatMap((chat) => chat.routing?.candidates ?? []).filter((c) => !c.eligible);
    assert.ok(full.length >= 4, 'the last assignment saw four agents full');
    assert.ok(full.every((c) => c.reason === 'at capacity (3/3)'), JSON.stringify(full));
    for (const chat of active) assert.equal(chat.routing?.candidates.find((c) => c.agentId === chat.agent?.id)?.eligible, true);

    // The customer's next message takes the seq after the automatic one.
    const first = started.find((chat) => chats[started.indexOf(chat)]?.state === 'ACTIVE');
    const sent = await stack.fx.send(first?.interaction.id as string, first?.token as string, 'thanks');
    assert.equal(sent.data?.sendMessage.seq, 2);

    // Agents freeing a place get the waiting chats, oldest first, still one each.
    const LEAVE = 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }';
    const leaving = started.filter((_, i) => chats[i]?.state === 'ACTIVE').slice(0, 4);
    await Promise.all(leaving.map((chat) => ok(stack.api.url, LEAVE, { i: chat.interaction.id }, { token: chat.token })));
    // Oldest by when each was queued (chats of the same instant by id, as the router takes them), not by when its request left.
    const QUEUED_AT = 'query($id: ID!) { interaction(id: $id) { id queuedAt } }';
    const queuedAt = async (id: string) => (await ok<{ interaction: { id: string; queuedAt: string } }>(stack.api.url, QUEUED_AT, { id }, { token: stack.fx.admin })).interaction;
    const waitingSince = await Promise.all(started.filter((_, i) => chats[i]?.state === 'QUEUED').map((chat) => queuedAt(chat.interaction.id)));
    waitingSince.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || (a.id < b.id ? -1 : 1));
    const waiting = waitingSince.map((chat) => ({ interaction: { id: chat.id } }));
    const after = await waitFor('four waiting chats answered', async () => {
      const now = await Promise.all(waiting.map((chat) => read(chat.interaction.id)));
      return now.filter((chat) => chat.state === 'ACTIVE').length === 4 ? now : undefined;
    });
    assert.deepEqual(after.map((chat) => chat.state), ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);
    for (const chat of after.filter((c) => c.state === 'ACTIVE')) assert.deepEqual(chat.messages.map((m) => m.seq), [1]);
  });

  it("tells the agent of the assignment, with the router's explanation when their console asks for it", async () => {
    const campaign = await stack.fx.campaign({ distribution: 'LINEAR' as never });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const client = wsClient(stack.api.url, agent.token);
    try {
      const events = subscribe<{ myInteractions: { kind: string; interaction: { id: string; contact: { name: string }; routing: { strategy: string; candidates: { agentId: string }[] } | null } } }>(
        client,
        'subscription { myInteractions { kind interaction { id contact { name } routing { strategy candidates { agentId } } } } }',
      );
      await untilListening(`AGENT_INTERACTION:${agent.id}`);
      const chat = await stack.fx.started(campaign.key, 'Explained');
      const event = (await events.next(10_000)).data?.myInteractions;
      assert.deepEqual(
        [event?.kind, event?.interaction.id, event?.interaction.contact.name, event?.interaction.routing?.strategy, event?.interaction.routing?.candidates.map((c) => c.agentId)],
        ['ASSIGNED', chat.interaction.id, 'Explained', 'LINEAR', [agent.id]],
      );
    } finally {
      await client.dispose();
    }
  });

  it('sees a campaign change at once in the next start', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'PAUSED');
    // Twice: the second start is answered from what the instance keeps of the campaign.
    assert.equal((await stack.fx.started(campaign.key, 'Before')).interaction.state, 'QUEUED');
    assert.equal((await stack.fx.started(campaign.key, 'Before again')).interaction.state, 'QUEUED');
    const UPDATE = 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }';
    await ok(stack.api.url, UPDATE, { id: campaign.id, input: validCampaignInput({ qualityModelId: null, emailRequired: true }) }, { token: stack.fx.admin });
    const refused = await stack.fx.start(campaign.key, 'After');
    assert.equal(refused.errors?.[0]?.extensions?.field, 'email');
    await ok(stack.api.url, UPDATE, { id: campaign.id, input: validCampaignInput({ qualityModelId: null, enabled: false }) }, { token: stack.fx.admin });
    assert.equal((await stack.fx.start(campaign.key, 'Disabled', { email: 'a@example.test' })).errors?.[0]?.extensions?.code, 'CAMPAIGN_DISABLED');
    const ARCHIVE = 'mutation($id: ID!) { archiveCampaign(id: $id) { id } }';
    const enabled = await stack.fx.campaign();
    await stack.fx.started(enabled.key, 'Cached');
    await stack.fx.started(enabled.key, 'Cached again');
    const archived = await graphql(stack.api.url, ARCHIVE, { id: enabled.id }, { token: stack.fx.admin });
    assert.equal(archived.errors, undefined);
    assert.equal((await stack.fx.start(enabled.key, 'Archived')).errors?.[0]?.extensions?.code, 'CAMPAIGN_DISABLED');
  });
});
