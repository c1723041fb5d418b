import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, subscribe, wsClient } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';

type Added = { messageAdded: { seq: number; text?: string; sender: { kind: string; userId: string | null } } };
const FOLLOW = 'subscription($i: ID!, $a: Int, $t: Boolean!) { messageAdded(interactionId: $i, afterSeq: $a) { seq text @include(if: $t) sender { kind userId } } }';
const SEND = 'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { seq } }';

describe('one event, many subscribers with the same selection', () => {
  const stack = conversationApi();

  it('gives each reader what their kind may see and what their own variables select', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Ines');
    const agentSocket = wsClient(stack.api.url, agent.token);
    const customerSocket = wsClient(stack.api.url, chat.token);
    const followers = [
      { who: 'agent, with text', reader: subscribe<Added>(agentSocket, FOLLOW, { i: chat.interaction.id, a: 0, t: true }) },
      { who: 'agent, without text', reader: subscribe<Added>(agentSocket, FOLLOW, { i: chat.interaction.id, a: 0, t: false }) },
      { who: 'customer, with text', reader: subscribe<Added>(customerSocket, FOLLOW, { i: chat.interaction.id, a: 0, t: true }) },
    ];
    // Sent once all three follow the chat live: until then a probe is resent.
    const seen = new Map<string, Added['messageAdded'][]>(followers.map((f) => [f.who, []]));
    await waitFor('every follower live', async () => {
      await graphql(stack.api.url, SEND, { i: chat.interaction.id, c: `probe-${Date.now()}`, t: 'probe' }, { token: chat.token });
      for (const { who, reader } of followers) {
        const next = await reader.next(500).catch(() => undefined);
        if (next?.data) seen.get(who)?.push(next.data.messageAdded);
      }
      return [...seen.values()].every((list) => list.length > 0) || undefined;
    });
    const { data } = await graphql<{ sendMessage: { seq: number } }>(stack.api.url, SEND, { i: chat.interaction.id, c: 'reply', t: 'From the agent' }, { token: agent.token });
    const seq = data?.sendMessage.seq ?? -1;
    const reply = async (who: string) => {
      const reader = followers.find((f) => f.who === who)?.reader;
      for (;;) {
        const event = (await reader?.next(5000))?.data?.messageAdded;
        if (!event || event.seq === seq) return event;
      }
    };
    assert.deepEqual(await reply('agent, with text'), { seq, text: 'From the agent', sender: { kind: 'AGENT', userId: agent.id } });
    assert.deepEqual(await reply('agent, without text'), { seq, sender: { kind: 'AGENT', userId: agent.id } });
    assert.deepEqual(await reply('customer, with text'), { seq, text: 'From the agent', sender: { kind: 'AGENT', userId: null } }, 'the customer never sees staff accounts');
    await Promise.all([agentSocket.dispose(), customerSocket.dispose()]);
  });
});
