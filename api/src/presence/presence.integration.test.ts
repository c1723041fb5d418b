import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { queryDatabase } from '../testing/api-process';
import { ok, subscribe, wsClient } from '../testing/graphql-client';
import { untilListening, waitFor } from '../testing/wait-for';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WATCH = 'subscription($i: ID!) { interactionUpdated(interactionId: $i) { state } }';

describe('presence', () => {
  const stack = conversationApi({ AGENT_GRACE_SECONDS: '1' });

  async function stateAfter(id: string, ms: number): Promise<{ state: string; closeReason: string | null } | null> {
    await sleep(ms);
    return stack.fx.interaction(id);
  }

  it('auto-finishes an active chat when every socket of the contact has been gone for autoFinishSeconds', async () => {
    const campaign = await stack.fx.campaign({ thresholds: { ...validCampaignInput().thresholds, autoFinishSeconds: 1 } });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Uma');
    assert.equal(chat.interaction.state, 'ACTIVE');

    // Two tabs: closing one keeps the chat.
    const tabs = [wsClient(stack.api.url, chat.token), wsClient(stack.api.url, chat.token)];
    for (const tab of tabs) subscribe(tab, WATCH, { i: chat.interaction.id });
    await waitFor('both tabs connected', async () => {
      const sql = 'SELECT count(*) AS open FROM connections c JOIN interactions i ON i.contact_id::text = c.subject_id::text WHERE i.id = $1';
      const [row] = await queryDatabase<{ open: string }>(stack.databaseUrl, sql, [chat.interaction.id]);
      return Number(row?.open) === 2 ? true : undefined;
    });
    await tabs[0]?.dispose();
    assert.equal((await stateAfter(chat.interaction.id, 2200))?.state, 'ACTIVE');

    // A reload: gone, then back within the time, keeps the chat.
    await tabs[1]?.dispose();
    await sleep(400);
    const back = wsClient(stack.api.url, chat.token);
    subscribe(back, WATCH, { i: chat.interaction.id });
    assert.equal((await stateAfter(chat.interaction.id, 2200))?.state, 'ACTIVE');

    await back.dispose();
    let ended = await stateAfter(chat.interaction.id, 1500);
    for (let i = 0; i < 20 && ended?.state === 'ACTIVE'; i += 1) ended = await stateAfter(chat.interaction.id, 200);
    assert.deepEqual(ended, { ...ended, state: 'CLOSED', closeReason: 'AUTO_FINISHED' });
  });

  it('signs an agent out after the grace period once all their sockets are gone, returning their chats to the queue', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    const socket = wsClient(stack.api.url, agent.token);
    subscribe(socket, 'subscription { myInteractions { kind interaction { id } } }');
    await untilListening(`AGENT_INTERACTION:${agent.id}`);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Vic');
    assert.equal(chat.interaction.agent?.id, agent.id);
    await socket.dispose();
    const AGENT_STATE = 'mutation { setAgentState(state: AVAILABLE) { state } }';
    let queued = await stateAfter(chat.interaction.id, 1500);
    for (let i = 0; i < 20 && queued?.state !== 'QUEUED'; i += 1) queued = await stateAfter(chat.interaction.id, 200);
    assert.equal(queued?.state, 'QUEUED');
    // Coming back, they choose to be available again.
    assert.deepEqual((await ok<{ setAgentState: unknown }>(stack.api.url, AGENT_STATE, {}, { token: agent.token })).setAgentState, { state: 'AVAILABLE' });
  });

  it('tells an agent about their assignments and closings as they happen', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    const socket = wsClient(stack.api.url, agent.token);
    const events = subscribe<{ myInteractions: { kind: string; interaction: { id: string; state: string } } }>(socket, 'subscription { myInteractions { kind interaction { id state } } }');
    await untilListening(`AGENT_INTERACTION:${agent.id}`);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Wes');
    assert.deepEqual((await events.next()).data?.myInteractions, { kind: 'ASSIGNED', interaction: { id: chat.interaction.id, state: 'ACTIVE' } });
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: chat.interaction.id }, { token: chat.token });
    assert.deepEqual((await events.next()).data?.myInteractions, { kind: 'CLOSED', interaction: { id: chat.interaction.id, state: 'CLOSED' } });
    await socket.dispose();
  });
});
