import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';

const FIGURES = 'campaignId waiting longestWaitSeconds acdAlert active offered answered answeredWithinServiceLevel abandoned rejected serviceLevel abandonRate waitingContacts { name waitingSeconds } agents { agent { name } state active { contactName status campaignId } }';
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
  agents: { state: string; active: { contactName: string; campaignId: string }[] }[];
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
    assert.deepEqual(answered.agents[0]?.active.map((a) => [a.contactName, a.campaignId]), [['Ulla', campaign.id]]);
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: chat.interaction.id }, { token: chat.token });
    await until('the end of the chat', (f) => f.active === 0 && f.offered === 1 && f.abandoned === 0);
    await socket.dispose();
  });

  it('gives the history in buckets and exports statistics and recordings as CSV that no spreadsheet runs as formulas', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, '=HYPERLINK("http://evil.example","click")');
    await ok(stack.api.url, 'mutation($i: ID!) { closeInteraction(id: $i) { state } }', { i: chat.interaction.id }, { token: agent.token });
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const HISTORY = 'query($c: ID!, $f: DateTime!, $t: DateTime!) { statsHistory(campaignId: $c, from: $f, to: $t, interval: QUARTER_HOUR) { from offered answered } }';
    const buckets = (await ok<{ statsHistory: { offered: number; answered: number }[] }>(stack.api.url, HISTORY, { c: campaign.id, f: from, t: to }, { token: stack.fx.admin })).statsHistory;
    assert.ok(buckets.length >= 8 && buckets.length <= 9, `${buckets.length} quarter hours in two hours`);
    assert.deepEqual([buckets.reduce((n, b) => n + b.offered, 0), buckets.reduce((n, b) => n + b.answered, 0)], [1, 1]);
    const tooMany = await graphql(stack.api.url, HISTORY, { c: campaign.id, f: '2020-01-01T00:00:00Z', t: to }, { token: stack.fx.admin });
    assert.equal(tooMany.errors?.[0]?.extensions?.field, 'interval');

    const download = (path: string, token?: string) => fetch(`${stack.api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const query = `campaignId=${campaign.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const stats = await download(`/exports/stats.csv?${query}&interval=HOUR`, stack.fx.admin);
    assert.equal(stats.status, 200);
    assert.match(stats.headers.get('content-type') ?? '', /^text\/csv/);
    const statsLines = (await stats.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(statsLines[0], 'from,to,offered,answered,answeredWithinServiceLevel,abandoned,rejected,serviceLevel,abandonRate,averageWaitSeconds,averageHandleSeconds');
    const recordings = await (await download(`/exports/recordings.csv?${query}`, stack.fx.admin)).text();
    assert.match(recordings, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)",/);
    assert.equal((await download(`/exports/stats.csv?${query}`, agent.token)).status, 403);
    assert.equal((await download(`/exports/recordings.csv?${query}`)).status, 401);
    const badDate = await download(`/exports/stats.csv?campaignId=${campaign.id}&from=yesterday&to=${encodeURIComponent(to)}`, stack.fx.admin);
    assert.deepEqual([badDate.status, ((await badDate.json()) as { error: { field: string } }).error.field], [400, 'from']);
  });
});
