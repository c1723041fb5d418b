import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from 'graphql-ws';
import { queryDatabase } from '../testing/api-process';
import { conversationApi } from '../testing/conversation-fixtures';
import { ok, subscribe, wsClient, type GraphQLResponse } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';

const MESSAGES = 'subscription($i: ID!) { messageAdded(interactionId: $i) { seq text } }';
const KEY = 'mutation($s: [ApiScope!]!) { createApiKey(name: "BI", scopes: $s) { key apiKey { id } } }';

/** Runs a query or mutation on an open socket, as the console and widget do. */
function run<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T> | { closed: unknown }> {
  return new Promise((resolve) => {
    let result: GraphQLResponse<T> | undefined;
    client.subscribe<T>({ query, variables }, {
      next: (value) => (result = value as GraphQLResponse<T>),
      error: (error) => resolve(Array.isArray(error) ? { errors: error } : { closed: error }),
      complete: () => resolve(result ?? { errors: [] }),
    });
  });
}

const codeOf = (outcome: GraphQLResponse<unknown> | { closed: unknown }) => ('errors' in outcome ? outcome.errors?.[0]?.extensions?.code : undefined);
const closeCode = (ended: unknown) => (ended as { code?: number } | undefined)?.code;

/** A message sent after `subscription` is known to be live: resent until it arrives. */
async function sendUntilSeen(stack: ReturnType<typeof conversationApi>, interactionId: string, token: string, reader: { next(ms?: number): Promise<GraphQLResponse<{ messageAdded: { text: string } }>> }) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await stack.fx.send(interactionId, token, 'are you there?', 'probe');
    const seen = await reader.next(1000).catch(() => undefined);
    if (seen?.data?.messageAdded.text === 'are you there?') return;
  }
  throw new Error('the subscription never delivered a message');
}

describe('rights on open sockets', () => {
  const stack = conversationApi({ WS_MAX_SUBSCRIPTIONS: '5', ACCESS_CACHE_SECONDS: '2' });

  it('closes the sockets of a revoked API key on every subscription it holds', async () => {
    const campaign = await stack.fx.campaign();
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'PAUSED'));
    const chat = await stack.fx.started(campaign.key, 'Bea');
    const { createApiKey } = await ok<{ createApiKey: { key: string; apiKey: { id: string } } }>(stack.api.url, KEY, { s: ['INTERACTIONS_READ'] }, { token: stack.fx.admin });
    const socket = wsClient(stack.api.url, createApiKey.key);
    const stream = subscribe<{ messageAdded: { text: string } }>(socket, MESSAGES, { i: chat.interaction.id });
    await sendUntilSeen(stack, chat.interaction.id, chat.token, stream);
    await ok(stack.api.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: createApiKey.apiKey.id }, { token: stack.fx.admin });
    assert.equal(closeCode(await stream.ended), 4403);
    await socket.dispose();
  });

  it('checks each operation on an open socket against revocations announced since it opened', async () => {
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const socket = wsClient(stack.api.url, supervisor.token);
    for (let i = 0; i < 3; i += 1) assert.equal(codeOf(await run(socket, '{ me { id } }')), undefined);
    await ok(stack.api.url, 'mutation { logout }', {}, { token: supervisor.token });
    const after = await run(socket, '{ campaigns { id } }');
    assert.ok(codeOf(after) === 'UNAUTHENTICATED' || closeCode((after as { closed?: unknown }).closed) === 4403, JSON.stringify(after));
    await socket.dispose();
  });

  it('reads a session again once its time in memory is over, so a revocation lost on the way is trusted only that long', async () => {
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const socket = wsClient(stack.api.url, supervisor.token);
    assert.equal(codeOf(await run(socket, '{ me { id } }')), undefined);
    // Revoked in storage only, as if the announcement had been lost; this API keeps answers for ACCESS_CACHE_SECONDS=2.
    await queryDatabase(stack.databaseUrl, 'UPDATE staff_sessions SET revoked_at = now() WHERE user_id = $1', [supervisor.id]);
    await waitFor('the revoked session refused', async () => {
      const after = await run(socket, '{ campaigns { id } }');
      return codeOf(after) === 'UNAUTHENTICATED' || closeCode((after as { closed?: unknown }).closed) === 4403 || undefined;
    });
    await socket.dispose();
  });

  it('closes a socket when its staff session expires', async () => {
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    await queryDatabase(stack.databaseUrl, "UPDATE staff_sessions SET expires_at = now() + interval '2 seconds' WHERE user_id = $1", [supervisor.id]);
    const socket = wsClient(stack.api.url, supervisor.token);
    const events = subscribe(socket, 'subscription { myInteractions { kind } }');
    assert.equal(closeCode(await events.ended), 4403);
    await socket.dispose();
  });

  it('ends an agent’s subscriptions on a campaign the moment they are removed from it', async () => {
    const campaign = await stack.fx.campaign({ distribution: 'AGENT_PICKS' as never });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Cruz');
    const socket = wsClient(stack.api.url, agent.token);
    const queued = subscribe<{ messageAdded: { text: string } }>(socket, MESSAGES, { i: chat.interaction.id });
    const settings = subscribe<{ campaignUpdated: { id: string } }>(socket, 'subscription($c: ID!) { campaignUpdated(id: $c) { id } }', { c: campaign.id });
    await sendUntilSeen(stack, chat.interaction.id, chat.token, queued);
    await ok(stack.api.url, 'mutation($c: ID!, $a: ID!) { removeCampaignMember(campaignId: $c, agentId: $a) { id } }', { c: campaign.id, a: agent.id }, { token: stack.fx.admin });
    for (const ended of [await queued.ended, await settings.ended]) assert.equal((ended as { extensions?: { code?: string } }[])[0]?.extensions?.code, 'FORBIDDEN');
    // The socket itself stays usable for what the agent may still do.
    assert.equal(codeOf(await run(socket, '{ me { id } }')), undefined);
    await socket.dispose();
  });

  it('bounds the subscriptions one socket may hold', async () => {
    const socket = wsClient(stack.api.url, stack.fx.admin);
    const open = Array.from({ length: 5 }, () => subscribe(socket, 'subscription { myInteractions { kind } }'));
    const refused = subscribe(socket, 'subscription { myInteractions { kind } }');
    assert.equal((await refused.ended as { extensions?: { code?: string } }[])[0]?.extensions?.code, 'RATE_LIMITED');
    open[0]?.close();
    const room = await run(socket, '{ me { id } }');
    assert.equal(codeOf(room), undefined);
    await socket.dispose();
  });

  it('answers bad variables over the socket with BAD_USER_INPUT, as over HTTP', async () => {
    const socket = wsClient(stack.api.url, stack.fx.admin);
    const outcome = await run(socket, 'query($r: Role) { users(role: $r) { id } }', { r: 'OVERLORD' });
    assert.equal(codeOf(outcome), 'BAD_USER_INPUT');
    await socket.dispose();
  });
});

describe('schema privacy in production, over HTTP and WebSocket alike', () => {
  const stack = conversationApi({ NODE_ENV: 'production' });

  it('refuses introspection and sends no field suggestions', async () => {
    const socket = wsClient(stack.api.url, stack.fx.admin);
    const introspection = await run(socket, '{ __schema { types { name } } }');
    assert.equal(codeOf(introspection), 'GRAPHQL_VALIDATION_FAILED');
    const typo = await run(socket, '{ campaignz { id } }');
    assert.equal(codeOf(typo), 'GRAPHQL_VALIDATION_FAILED');
    assert.doesNotMatch(JSON.stringify(typo), /Did you mean/);
    const overHttp = await fetch(`${stack.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.fx.admin}` }, body: JSON.stringify({ query: '{ campaignz { id } }' }) });
    assert.doesNotMatch(await overHttp.text(), /Did you mean/);
    await socket.dispose();
  });
});
