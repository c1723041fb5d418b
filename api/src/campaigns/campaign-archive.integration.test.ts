import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { queryDatabase } from '../testing/api-process';
import { conversationApi, type Agent } from '../testing/conversation-fixtures';
import { errorCode, graphql, login, ok } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';
import { validCampaignInput } from './campaign.fixtures';

const ARCHIVE = 'mutation($id: ID!) { archiveCampaign(id: $id) { id archived archivedAt enabled } }';
const RESTORE = 'mutation($id: ID!) { restoreCampaign(id: $id) { id archived archivedAt enabled } }';
const DELETE = 'mutation($id: ID!) { deleteCampaign(id: $id) }';
const ARCHIVE_MODEL = 'mutation($id: ID!) { archiveQualityModel(id: $id) { id archived archivedAt campaignCount } }';
const RESTORE_MODEL = 'mutation($id: ID!) { restoreQualityModel(id: $id) { id archived } }';
const DELETE_MODEL = 'mutation($id: ID!) { deleteQualityModel(id: $id) }';
const CREATE_MODEL = 'mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id questions { id } } }';
const UPDATE_CAMPAIGN = 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id qualityModelId } }';
const WIDGET = 'query($key: String!) { widgetConfig(campaignKey: $key) { name } }';
const LIST = 'query($all: Boolean) { campaigns(includeArchived: $all) { id archived } }';

interface Refusal {
  code: string | undefined;
  field: string | undefined;
  message: string;
}

describe('archiving and deleting campaigns and quality models', () => {
  const stack = conversationApi();
  let supervisor: string;
  let agent: Agent;
  let apiKey: string;

  const as = (token: string) => ({ token });
  const admin = () => as(stack.fx.admin);
  const refusal = async (query: string, variables: Record<string, unknown>, token?: string): Promise<Refusal> => {
    const result = await graphql(stack.api.url, query, variables, token ? as(token) : {});
    const error = result.errors?.[0];
    if (!error) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
    return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
  };
  const listed = async (token: string, all: boolean) => (await ok<{ campaigns: { id: string; archived: boolean }[] }>(stack.api.url, LIST, { all }, as(token))).campaigns;
  const model = async (name: string) =>
    (await ok<{ createQualityModel: { id: string; questions: { id: string }[] } }>(stack.api.url, CREATE_MODEL, { input: { name, questions: [{ text: 'Solved', kind: 'SCORE', weight: 1 }] } }, admin())).createQualityModel;

  before(async () => {
    const user = 'mutation($input: UserInput!) { createUser(input: $input) { id } }';
    await ok(stack.api.url, user, { input: { name: 'Sol', email: 'sol@example.test', password: 'super password', role: 'SUPERVISOR' } }, admin());
    supervisor = await login(stack.api.url, 'sol@example.test', 'super password');
    agent = await stack.fx.agent([]);
    const key = 'mutation { createApiKey(name: "BI", scopes: [CAMPAIGNS_READ, INTERACTIONS_READ, STATS_READ]) { key } }';
    apiKey = (await ok<{ createApiKey: { key: string } }>(stack.api.url, key, {}, admin())).createApiKey.key;
  });

  it('is for admins only: agents, supervisors and API keys are refused, anonymous callers asked to sign in', async () => {
    const campaign = await stack.fx.campaign({ name: 'Guarded' });
    const qualityModel = await model('Guarded model');
    const mutations: [string, string][] = [
      [ARCHIVE, campaign.id],
      [RESTORE, campaign.id],
      [DELETE, campaign.id],
      [ARCHIVE_MODEL, qualityModel.id],
      [RESTORE_MODEL, qualityModel.id],
      [DELETE_MODEL, qualityModel.id],
    ];
    for (const [mutation, id] of mutations) {
      const name = mutation.slice(mutation.indexOf('{') + 2, mutation.indexOf('('));
      for (const [who, token] of [['agent', agent.token], ['supervisor', supervisor], ['API key', apiKey]] as const) {
        assert.equal(await errorCode(stack.api.url, mutation, { id }, as(token)), 'FORBIDDEN', `${name} as ${who}`);
      }
      assert.equal(await errorCode(stack.api.url, mutation, { id }), 'UNAUTHENTICATED', `${name} anonymous`);
    }
    const read = await ok<{ campaign: { archived: boolean } }>(stack.api.url, 'query($id: ID!) { campaign(id: $id) { archived } }', { id: campaign.id }, admin());
    assert.equal(read.campaign.archived, false);
    assert.equal((await ok<{ qualityModels: { id: string }[] }>(stack.api.url, '{ qualityModels { id } }', {}, admin())).qualityModels.some((m) => m.id === qualityModel.id), true);
    assert.equal(await errorCode(stack.api.url, ARCHIVE, { id: '00000000-0000-4000-8000-000000000000' }, admin()), 'NOT_FOUND');
  });

  it('takes an archived campaign out of use like a disabled one, keeps its chats readable, and restores it as it was', async () => {
    const campaign = await stack.fx.campaign({ name: 'Seasonal desk' });
    const member = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(member, 'PAUSED', 'lunch');
    const waiting = await stack.fx.started(campaign.key, 'Wendy');
    assert.equal(waiting.interaction.state, 'QUEUED');

    const archived = (await ok<{ archiveCampaign: { archived: boolean; archivedAt: string | null; enabled: boolean } }>(stack.api.url, ARCHIVE, { id: campaign.id }, admin())).archiveCampaign;
    assert.equal(archived.archived, true);
    assert.ok(archived.archivedAt && !Number.isNaN(Date.parse(archived.archivedAt)));
    assert.equal(archived.enabled, true, 'enabled is kept for the restore');
    const again = (await ok<{ archiveCampaign: { archivedAt: string } }>(stack.api.url, ARCHIVE, { id: campaign.id }, admin())).archiveCampaign;
    assert.equal(again.archivedAt, archived.archivedAt, 'archiving twice changes nothing');

    // The widget is answered as for a disabled campaign, and the chat that was waiting ends the same way.
    assert.equal(await errorCode(stack.api.url, WIDGET, { key: campaign.key }), 'CAMPAIGN_DISABLED');
    assert.equal((await stack.fx.start(campaign.key, 'Xena')).errors?.[0]?.extensions?.code, 'CAMPAIGN_DISABLED');
    const ended = await waitFor('the waiting chat to end', async () => {
      const chat = await stack.fx.interaction(waiting.interaction.id);
      return chat && chat.state !== 'QUEUED' ? chat : undefined;
    });
    assert.deepEqual([ended.state, ended.closeReason], ['REJECTED', 'CAMPAIGN_DISABLED']);
    assert.equal(ended.messages.at(-1)?.text, 'Busy', 'the campaign’s not-available text, as when disabled');

    // Off the lists unless asked for; still readable by id, in recordings and in statistics.
    assert.equal((await listed(stack.fx.admin, false)).some((c) => c.id === campaign.id), false);
    assert.deepEqual((await listed(stack.fx.admin, true)).find((c) => c.id === campaign.id), { id: campaign.id, archived: true });
    assert.equal((await listed(member.token, false)).some((c) => c.id === campaign.id), false, 'nor in its agents’ lists');
    assert.equal((await listed(apiKey, false)).some((c) => c.id === campaign.id), false);
    const RECORDINGS = 'query($c: ID!) { interactions(filter: { campaignId: $c }) { totalCount edges { node { id state campaign { name archived } messages { text } } } } }';
    for (const token of [stack.fx.admin, supervisor, apiKey]) {
      const recordings = await ok<{ interactions: { totalCount: number; edges: { node: { id: string; campaign: { name: string; archived: boolean } } }[] } }>(stack.api.url, RECORDINGS, { c: campaign.id }, as(token));
      assert.equal(recordings.interactions.totalCount, 1);
      assert.deepEqual(recordings.interactions.edges[0]?.node.campaign, { name: 'Seasonal desk', archived: true });
    }
    for (const token of [supervisor, apiKey]) {
      const stats = await ok<{ campaignStats: { campaignId: string } }>(stack.api.url, 'query($c: ID!) { campaignStats(campaignId: $c) { campaignId rejected } }', { c: campaign.id }, as(token));
      assert.equal(stats.campaignStats.campaignId, campaign.id);
    }

    // Its settings stay as they were until it is restored; taking a member away is still possible.
    const frozen = await refusal(UPDATE_CAMPAIGN, { id: campaign.id, input: validCampaignInput({ name: 'Renamed' }) }, stack.fx.admin);
    assert.deepEqual([frozen.code, frozen.field], ['CONFLICT', 'id']);
    assert.match(frozen.message, /archived: restore it/);
    const SET_MEMBER = 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 1) { id } }';
    assert.equal(await errorCode(stack.api.url, SET_MEMBER, { c: campaign.id, a: agent.id }, admin()), 'CONFLICT');
    await ok(stack.api.url, 'mutation($c: ID!, $a: ID!) { removeCampaignMember(campaignId: $c, agentId: $a) { id } }', { c: campaign.id, a: member.id }, admin());

    // A chat that was refused cannot be deleted away.
    const used = await refusal(DELETE, { id: campaign.id }, stack.fx.admin);
    assert.deepEqual([used.code, used.field], ['CONFLICT', 'id']);
    assert.match(used.message, /^id: the campaign has 1 chat .*archive it instead/);

    const restored = (await ok<{ restoreCampaign: { archived: boolean; archivedAt: string | null; enabled: boolean } }>(stack.api.url, RESTORE, { id: campaign.id }, admin())).restoreCampaign;
    assert.deepEqual(restored, { id: campaign.id, archived: false, archivedAt: null, enabled: true });
    assert.equal((await ok<{ widgetConfig: { name: string } }>(stack.api.url, WIDGET, { key: campaign.key })).widgetConfig.name, 'Seasonal desk');
    await ok(stack.api.url, UPDATE_CAMPAIGN, { id: campaign.id, input: validCampaignInput({ name: 'Seasonal desk' }) }, admin());
    assert.equal((await listed(stack.fx.admin, false)).some((c) => c.id === campaign.id), true);
    assert.equal(await errorCode(stack.api.url, DELETE, { id: campaign.id }, admin()), 'CONFLICT');
  });

  it('restores a disabled campaign disabled', async () => {
    const campaign = await stack.fx.campaign({ name: 'Paused desk', enabled: false });
    await ok(stack.api.url, ARCHIVE, { id: campaign.id }, admin());
    const restored = (await ok<{ restoreCampaign: { enabled: boolean; archived: boolean } }>(stack.api.url, RESTORE, { id: campaign.id }, admin())).restoreCampaign;
    assert.deepEqual([restored.archived, restored.enabled], [false, false]);
    assert.equal(await errorCode(stack.api.url, WIDGET, { key: campaign.key }), 'CAMPAIGN_DISABLED');
  });

  it('deletes a campaign no chat ever reached, with its members and canned responses', async () => {
    const campaign = await stack.fx.campaign({ name: 'Never used' });
    const member = await stack.fx.agent([campaign.id]);
    await ok(stack.api.url, 'mutation($c: ID!) { createCannedResponse(campaignId: $c, shortcut: "hi", text: "Hi!") { id } }', { c: campaign.id }, admin());
    const before = await ok<{ campaign: { hasInteractions: boolean } }>(stack.api.url, 'query($id: ID!) { campaign(id: $id) { hasInteractions } }', { id: campaign.id }, admin());
    assert.equal(before.campaign.hasInteractions, false);
    assert.equal((await ok<{ deleteCampaign: boolean }>(stack.api.url, DELETE, { id: campaign.id }, admin())).deleteCampaign, true);
    assert.equal((await ok<{ campaign: null }>(stack.api.url, 'query($id: ID!) { campaign(id: $id) { id } }', { id: campaign.id }, admin())).campaign, null);
    assert.equal((await listed(stack.fx.admin, true)).some((c) => c.id === campaign.id), false);
    assert.equal((await listed(member.token, true)).some((c) => c.id === campaign.id), false);
    assert.equal(await errorCode(stack.api.url, WIDGET, { key: campaign.key }), 'NOT_FOUND');
    assert.equal(await errorCode(stack.api.url, DELETE, { id: campaign.id }, admin()), 'NOT_FOUND');
    const left = await queryDatabase<{ rows: number }>(
      stack.databaseUrl,
      'select (select count(*) from campaign_members where campaign_id = $1) + (select count(*) from canned_responses where campaign_id = $1) as rows',
      [campaign.id],
    );
    assert.equal(Number(left[0]?.rows), 0);
  });

  it('archives a quality model only when no campaign uses it, and deletes one only when never used', async () => {
    const qualityModel = await model('Service check');
    const campaign = await stack.fx.campaign({ name: 'Scored desk', qualityModelId: qualityModel.id });
    const MODEL = '{ qualityModels(includeArchived: true) { id archived campaignCount } }';
    const state = async () => (await ok<{ qualityModels: { id: string; archived: boolean; campaignCount: number }[] }>(stack.api.url, MODEL, {}, admin())).qualityModels.find((m) => m.id === qualityModel.id);
    assert.deepEqual(await state(), { id: qualityModel.id, archived: false, campaignCount: 1 });

    const inUse = await refusal(ARCHIVE_MODEL, { id: qualityModel.id }, stack.fx.admin);
    assert.deepEqual([inUse.code, inUse.field], ['CONFLICT', 'id']);
    assert.match(inUse.message, /qualityModelId of campaign “Scored desk”/);
    // An archived campaign still counts: restoring it must find its model offered.
    await ok(stack.api.url, ARCHIVE, { id: campaign.id }, admin());
    assert.equal((await refusal(ARCHIVE_MODEL, { id: qualityModel.id }, stack.fx.admin)).code, 'CONFLICT');
    await ok(stack.api.url, RESTORE, { id: campaign.id }, admin());

    // A chat scored with the model: after the campaign moves on, the model can be archived but not deleted.
    const member = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(member, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Quinn');
    assert.equal(chat.interaction.agent?.id, member.id);
    const CLOSE = 'mutation($i: ID!, $q: [QualityAnswerInput!]) { closeInteraction(id: $i, quality: $q) { state } }';
    await ok(stack.api.url, CLOSE, { i: chat.interaction.id, q: [{ questionId: qualityModel.questions[0]?.id, value: '4' }] }, as(member.token));
    await ok(stack.api.url, UPDATE_CAMPAIGN, { id: campaign.id, input: validCampaignInput({ name: 'Scored desk', qualityModelId: null }) }, admin());
    const scored = await refusal(DELETE_MODEL, { id: qualityModel.id }, stack.fx.admin);
    assert.deepEqual([scored.code, scored.field], ['CONFLICT', 'id']);
    assert.match(scored.message, /1 chat was scored with this model: archive it instead/);

    const archived = (await ok<{ archiveQualityModel: { archived: boolean; campaignCount: number } }>(stack.api.url, ARCHIVE_MODEL, { id: qualityModel.id }, admin())).archiveQualityModel;
    assert.deepEqual([archived.archived, archived.campaignCount], [true, 0]);
    assert.equal((await ok<{ qualityModels: { id: string }[] }>(stack.api.url, '{ qualityModels { id } }', {}, as(member.token))).qualityModels.some((m) => m.id === qualityModel.id), false, 'not offered any more');
    const choice = await refusal(UPDATE_CAMPAIGN, { id: campaign.id, input: validCampaignInput({ name: 'Scored desk', qualityModelId: qualityModel.id }) }, stack.fx.admin);
    assert.deepEqual([choice.code, choice.field], ['BAD_USER_INPUT', 'qualityModelId']);
    const UPDATE_MODEL = 'mutation($id: ID!, $input: QualityModelInput!) { updateQualityModel(id: $id, input: $input) { id } }';
    assert.equal((await refusal(UPDATE_MODEL, { id: qualityModel.id, input: { name: 'Changed', questions: [{ text: 'Solved', kind: 'SCORE', weight: 1 }] } }, stack.fx.admin)).code, 'CONFLICT');
    // The scored chat keeps its answers.
    const kept = await ok<{ interaction: { quality: { value: string; questionText: string }[] } }>(stack.api.url, 'query($i: ID!) { interaction(id: $i) { quality { value questionText } } }', { i: chat.interaction.id }, admin());
    assert.deepEqual(kept.interaction.quality, [{ value: '4', questionText: 'Solved' }]);

    assert.equal((await ok<{ restoreQualityModel: { archived: boolean } }>(stack.api.url, RESTORE_MODEL, { id: qualityModel.id }, admin())).restoreQualityModel.archived, false);
    await ok(stack.api.url, UPDATE_CAMPAIGN, { id: campaign.id, input: validCampaignInput({ name: 'Scored desk', qualityModelId: qualityModel.id }) }, admin());

    const unused = await model('Draft form');
    assert.equal((await ok<{ deleteQualityModel: boolean }>(stack.api.url, DELETE_MODEL, { id: unused.id }, admin())).deleteQualityModel, true);
    assert.equal((await state())?.campaignCount, 1);
    assert.equal(await errorCode(stack.api.url, DELETE_MODEL, { id: unused.id }, admin()), 'NOT_FOUND');
  });

  it('records each archive, restore and delete in the audit log', async () => {
    const campaign = await stack.fx.campaign({ name: 'Audited desk' });
    const qualityModel = await model('Audited model');
    for (const [mutation, id] of [[ARCHIVE, campaign.id], [RESTORE, campaign.id], [DELETE, campaign.id], [ARCHIVE_MODEL, qualityModel.id], [RESTORE_MODEL, qualityModel.id], [DELETE_MODEL, qualityModel.id]] as const) {
      await ok(stack.api.url, mutation, { id }, admin());
    }
    const log = await ok<{ auditLog: { action: string; subjectId: string; changes: string[]; actor: { name: string } | null }[] }>(stack.api.url, '{ auditLog(first: 20) { action subjectId changes actor { name } } }', {}, admin());
    const of = (subjectId: string) => log.auditLog.filter((event) => event.subjectId === subjectId).reverse();
    assert.deepEqual(
      of(campaign.id).map((event) => [event.action, event.changes]),
      [
        ['campaign.created', []],
        ['campaign.archived', []],
        ['campaign.restored', []],
        ['campaign.deleted', ['name:Audited desk']],
      ],
    );
    assert.deepEqual(
      of(qualityModel.id).map((event) => [event.action, event.changes]),
      [
        ['qualityModel.created', []],
        ['qualityModel.archived', []],
        ['qualityModel.restored', []],
        ['qualityModel.deleted', ['name:Audited model']],
      ],
    );
    const mine = [...of(campaign.id), ...of(qualityModel.id)];
    assert.ok(mine.every((event) => event.actor !== null));
  });
});
