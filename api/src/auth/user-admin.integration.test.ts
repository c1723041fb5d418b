import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, login, ok, subscribe, wsClient } from '../testing/graphql-client';
import { untilListening } from '../testing/wait-for';

const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { active } }';
const REACTIVATE = 'mutation($id: ID!) { reactivateUser(id: $id) { active } }';
const LOG = '{ auditLog { action subjectType subjectId changes actor { id } } }';
type Log = { auditLog: { action: string; subjectType: string; subjectId: string | null; changes: string[]; actor: { id: string } | null }[] };

describe('staff accounts and the audit log', () => {
  const stack = conversationApi();

  it('deactivates an agent at once: open console signed out, chats back to the queue, no sign-in until reactivated', async () => {
    const campaign = await stack.fx.campaign();
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Dora');
    assert.equal(chat.interaction.agent?.id, agent.id);
    const socket = wsClient(stack.api.url, agent.token);
    const events = subscribe(socket, 'subscription { myInteractions { kind } }');
    await untilListening(`AGENT_INTERACTION:${agent.id}`);

    assert.equal((await graphql(stack.api.url, DEACTIVATE, { id: agent.id }, { token: agent.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.deepEqual((await ok<{ deactivateUser: unknown }>(stack.api.url, DEACTIVATE, { id: agent.id }, { token: stack.fx.admin })).deactivateUser, { active: false });
    assert.equal(((await events.ended) as { code?: number }).code, 4403);
    assert.equal((await graphql(stack.api.url, '{ me { id } }', {}, { token: agent.token })).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal((await stack.fx.interaction(chat.interaction.id))?.state, 'QUEUED');
    const email = (await ok<{ users: { id: string; email: string }[] }>(stack.api.url, '{ users { id email } }', {}, { token: stack.fx.admin })).users.find((u) => u.id === agent.id)?.email as string;
    await assert.rejects(login(stack.api.url, email, 'agent password'), /Wrong email or password/);
    await ok(stack.api.url, REACTIVATE, { id: agent.id }, { token: stack.fx.admin });
    assert.ok(await login(stack.api.url, email, 'agent password'));
    await socket.dispose();
  });

  it('changes details, role and password, ending sessions that carried the old ones, and keeps admins from locking themselves out', async () => {
    const agent = await stack.fx.agent([]);
    const UPDATE = 'mutation($id: ID!, $input: UserUpdateInput!) { updateUser(id: $id, input: $input) { name email role } }';
    const updated = await ok<{ updateUser: unknown }>(stack.api.url, UPDATE, { id: agent.id, input: { name: 'Sue Pervisor', email: 'SUE@example.test', role: 'SUPERVISOR' } }, { token: stack.fx.admin });
    assert.deepEqual(updated.updateUser, { name: 'Sue Pervisor', email: 'sue@example.test', role: 'SUPERVISOR' });
    assert.equal((await graphql(stack.api.url, '{ me { id } }', {}, { token: agent.token })).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');

    const RESET = 'mutation($id: ID!, $p: String!) { resetPassword(id: $id, password: $p) { id } }';
    const weak = await graphql(stack.api.url, RESET, { id: agent.id, p: 'password123' }, { token: stack.fx.admin });
    assert.deepEqual([weak.errors?.[0]?.extensions?.code, weak.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'password']);
    const session = await login(stack.api.url, 'sue@example.test', 'agent password');
    await ok(stack.api.url, RESET, { id: agent.id, p: 'a much better passphrase' }, { token: stack.fx.admin });
    assert.equal((await graphql(stack.api.url, '{ me { id } }', {}, { token: session })).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.ok(await login(stack.api.url, 'sue@example.test', 'a much better passphrase'));

    const me = (await ok<{ me: { id: string } }>(stack.api.url, '{ me { id } }', {}, { token: stack.fx.admin })).me.id;
    assert.equal((await graphql(stack.api.url, DEACTIVATE, { id: me }, { token: stack.fx.admin })).errors?.[0]?.extensions?.code, 'CONFLICT');
    const demote = await graphql(stack.api.url, UPDATE, { id: me, input: { name: 'Admin', email: 'admin@example.test', role: 'AGENT' } }, { token: stack.fx.admin });
    assert.equal(demote.errors?.[0]?.extensions?.field, 'role');
  });

  it('records who changed which setting, for admins only', async () => {
    const campaign = await stack.fx.campaign();
    await ok(stack.api.url, 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }', { id: campaign.id, input: validCampaignInput({ qualityModelId: null, name: 'Renamed', colour: '#0055AA' }) }, { token: stack.fx.admin });
    await ok(stack.api.url, 'mutation { createApiKey(name: "BI", scopes: [STATS_READ]) { key } }', {}, { token: stack.fx.admin });
    const log = (await ok<Log>(stack.api.url, LOG, {}, { token: stack.fx.admin })).auditLog;
    const update = log.find((entry) => entry.action === 'campaign.updated' && entry.subjectId === campaign.id);
    assert.deepEqual(update?.changes, ['colour', 'name']);
    assert.ok(update?.actor);
    assert.ok(log.some((entry) => entry.action === 'campaign.created' && entry.subjectId === campaign.id));
    assert.deepEqual(log.find((entry) => entry.action === 'apiKey.created')?.changes, ['scopes:STATS_READ']);
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    assert.equal((await graphql(stack.api.url, LOG, {}, { token: supervisor.token })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });
});
