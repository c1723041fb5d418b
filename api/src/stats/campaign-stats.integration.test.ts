import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';

const FIGURES = 'campaignId waiting longestWaitSeconds acdAlert active offered answered answeredWithinServiceLevel abandoned rejected serviceLevel abandonRate waitingContacts { name waitingSeconds } agents { agent { name } state active { contactName status } }';
const QUERY = `query($c: ID!) { campaignStats(campaignId: $c) { ${FIGURES} } }`;
const STREAM = `subscription($c: ID!) { campaignStats(campaignId: $c) { ${FIGURES} } }`;

interface Figures {
  waiting: number;
  active: number;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number;
  waitingContacts: { name: string }[];
  agents: { state: string; active: { contactName: string }[] }[];
}

describe('campaign statistics', () => {
  const stack = conversationApi();

  it('answers supervisors and STATS_READ keys, and refuses agents, visitors and other keys', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const KEY = 'mutation($s: [ApiScope!]!) { createApiKey(name: "BI", scopes: $s) { key } }';
    const key = async (scopes: string[]) => (await ok<{ createApiKey: { key: string } }>(stack.api.url, KEY, { s: scopes }, { token: stack.fx.admin })).createApiKey.key;
    await stack.fx.setState(agent, 'PAUSED');
    const visitor = await stack.fx.started(campaign.key, 'Vera');
    for (const token of [supervisor.token, await key(['STATS_READ'])]) {
      const stats = await ok<{ campaignStats: Figures }>(stack.api.url, QUERY, { c: campaign.id }, { token });
      assert.equal(stats.campaignStats.waiting, 1);
      assert.deepEqual(stats.campaignStats.waitingContacts.map((w) => w.name), ['Vera']);
    }
    for (const [token, code] of [[agent.token, 'FORBIDDEN'], [visitor.token, 'FORBIDDEN'], [await key(['INTERACTIONS_READ']), 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      assert.equal((await graphql(stack.api.url, QUERY, { c: campaign.id }, { token })).errors?.[0]?.extensions?.code, code);
    }
  });

  it('streams the figures to a BI client as chats arrive, are answered and leave', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'PAUSED');
    const bi = (await ok<{ createApiKey: { key: string } }>(stack.api.url, 'mutation { createApiKey(name: "BI", scopes: [STATS_READ]) { key } }', {}, { token: stack.fx.admin })).createApiKey.key;
    const socket = wsClient(stack.api.url, bi);
    const stream = subscribe<{ campaignStats: Figures }>(socket, STREAM, { c: campaign.id });
    const until = async (what: string, check: (figures: Figures) => boolean) => {
      for (;;) {
        const figures = (await stream.next(10_000)).data?.campaignStats;
        if (!figures) throw new Error(`no figures while waiting for ${what}`);
        if (check(figures)) return figures;
      }
    };
    await until('the empty day', (f) => f.offered === 0 && f.serviceLevel === 1);
    const chat = await stack.fx.started(campaign.key, 'Ulla');
    await until('a waiting customer', (f) => f.waiting === 1 && f.waitingContacts[0]?.name === 'Ulla');
    await stack.fx.setState(agent, 'AVAILABLE');
    const answered = await until('the answer', (f) => f.answered === 1 && f.active === 1);
    assert.deepEqual(answered.agents[0]?.active.map((a) => a.contactName), ['Ulla']);
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: chat.interaction.id }, { token: chat.token });
    await until('the end of the chat', (f) => f.active === 0 && f.offered === 1 && f.abandoned === 0);
    await socket.dispose();
  });
});
