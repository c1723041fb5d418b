import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';
import { untilListening } from '../testing/wait-for';

const EVENTS = 'subscription { myInteractions { kind interaction { id state } } }';
type Event = { myInteractions: { kind: string; interaction: { id: string; state: string } } };
const ACCEPT = 'mutation($i: ID!) { acceptInteraction(id: $i) { state agent { id } } }';

describe('agent workspace support', () => {
  const stack = conversationApi();

  it('expires a ring-all offer nobody accepts in time and offers the chat again, refusing the late accept of a withdrawn offer', async () => {
    const campaign = await stack.fx.campaign({ distribution: 'RINGALL' as never, availability: 'INTERACTION' as never, offerTimeoutSeconds: 3 });
    const [first, second] = [await stack.fx.agent([campaign.id]), await stack.fx.agent([campaign.id])];
    await stack.fx.setState(first, 'AVAILABLE');
    await stack.fx.setState(second, 'PAUSED');
    const socket = wsClient(stack.api.url, first.token);
    const events = subscribe<Event>(socket, EVENTS);
    await untilListening(`AGENT_INTERACTION:${first.id}`);
    const chat = await stack.fx.started(campaign.key, 'Ringo');
    assert.deepEqual((await events.next()).data?.myInteractions, { kind: 'OFFERED', interaction: { id: chat.interaction.id, state: 'OFFERED' } });
    // A console reloading meanwhile finds the offer in its list.
    const OFFERS = '{ interactions(filter: { state: OFFERED }) { edges { node { id } } } }';
    assert.deepEqual((await ok<{ interactions: { edges: { node: { id: string } }[] } }>(stack.api.url, OFFERS, {}, { token: first.token })).interactions.edges, [{ node: { id: chat.interaction.id } }]);
    // Nobody answers: after three seconds the offer is withdrawn...
    const withdrawn = (await events.next(15_000)).data?.myInteractions;
    assert.equal(withdrawn?.kind, 'UPDATED');
    // ...and, with nobody else free, a new round rings the same agent again.
    assert.equal((await events.next(15_000)).data?.myInteractions.kind, 'OFFERED');
    // The second agent comes back: they get the chat too, and win it.
    await stack.fx.setState(second, 'AVAILABLE');
    const taken = await ok<{ acceptInteraction: { state: string; agent: { id: string } } }>(stack.api.url, ACCEPT, { i: chat.interaction.id }, { token: second.token });
    assert.deepEqual(taken.acceptInteraction, { state: 'ACTIVE', agent: { id: second.id } });
    const late = await graphql(stack.api.url, ACCEPT, { i: chat.interaction.id }, { token: first.token });
    assert.ok(['CONFLICT', 'NOT_FOUND'].includes(late.errors?.[0]?.extensions?.code ?? ''), JSON.stringify(late.errors));
    await socket.dispose();
  });

  it('lets only agents picking from a queue take a chat that is not offered to them', async () => {
    const campaign = await stack.fx.campaign({ distribution: 'LINEAR' as never });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'PAUSED');
    const chat = await stack.fx.started(campaign.key, 'Queued');
    assert.equal((await graphql(stack.api.url, ACCEPT, { i: chat.interaction.id }, { token: agent.token })).errors?.[0]?.extensions?.code, 'CONFLICT');
  });

  it('keeps the installation’s pause reasons, changed by admins only, and gives an agent their own state back after a reload', async () => {
    const agent = await stack.fx.agent([]);
    const READ = '{ pauseReasons }';
    assert.deepEqual((await ok<{ pauseReasons: string[] }>(stack.api.url, READ, {}, { token: agent.token })).pauseReasons, ['Break', 'Lunch', 'Training', 'Meeting', 'Back-office work']);
    const SET = 'mutation($r: [String!]!) { setPauseReasons(reasons: $r) }';
    assert.equal((await graphql(stack.api.url, SET, { r: ['Nap'] }, { token: agent.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const twice = await graphql(stack.api.url, SET, { r: ['Coaching', 'coaching'] }, { token: stack.fx.admin });
    assert.deepEqual([twice.errors?.[0]?.extensions?.code, twice.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'reasons[1]']);
    await ok(stack.api.url, SET, { r: [' Coaching ', 'Lunch'] }, { token: stack.fx.admin });
    assert.deepEqual((await ok<{ pauseReasons: string[] }>(stack.api.url, READ, {}, { token: agent.token })).pauseReasons, ['Coaching', 'Lunch']);
    assert.equal((await graphql(stack.api.url, READ)).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');

    await stack.fx.setState(agent, 'PAUSED', 'Coaching');
    const MINE = '{ myActivity { state pauseReason stateSince active { interactionId } } }';
    const mine = (await ok<{ myActivity: { stateSince: string } }>(stack.api.url, MINE, {}, { token: agent.token })).myActivity;
    assert.deepEqual({ ...mine, stateSince: undefined }, { state: 'PAUSED', pauseReason: 'Coaching', stateSince: undefined, active: [] });
    assert.ok(Math.abs(Date.parse(mine.stateSince) - Date.now()) < 60_000, mine.stateSince);
    assert.equal((await ok<{ myActivity: unknown }>(stack.api.url, MINE, {}, { token: stack.fx.admin })).myActivity, null);
  });

  it('tells staff which colleague sent a message, and customers nothing of it', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Ike');
    await stack.fx.send(chat.interaction.id, agent.token, 'Hello Ike');
    await stack.fx.send(chat.interaction.id, chat.token, 'Hi');
    const READ = 'query($i: ID!) { interaction(id: $i) { messages { text sender { kind userId } } } }';
    type Read = { interaction: { messages: { text: string; sender: { kind: string; userId: string | null } }[] } };
    const staff = await ok<Read>(stack.api.url, READ, { i: chat.interaction.id }, { token: agent.token });
    assert.deepEqual(staff.interaction.messages.map((m) => m.sender), [{ kind: 'AGENT', userId: agent.id }, { kind: 'CONTACT', userId: null }]);
    const customer = await ok<Read>(stack.api.url, READ, { i: chat.interaction.id }, { token: chat.token });
    assert.deepEqual(customer.interaction.messages.map((m) => m.sender.userId), [null, null]);
  });
});
