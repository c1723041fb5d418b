import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { errorCode, graphql, login, ok } from '../testing/graphql-client';
import { validCampaignInput } from './campaign.fixtures';
import type { CampaignInput } from './campaign.inputs';

const ADMIN = { email: 'admin@example.test', password: 'admin password' };
const FIELDS = `id key name enabled colour openNow embedCode allowedDomains qualityModelId distribution availability serviceLevelTarget
  schedule { timezone ranges { weekday start end } exceptions { date closed ranges { weekday start end } } }
  welcomeMessage { en es pt } thresholds { maxChats chatTimeWarnSeconds chatTimeLimitSeconds }
  members { agent { id name } penalty } cannedResponses { id shortcut text }`;
const CREATE = `mutation($input: CampaignInput!) { createCampaign(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { ${FIELDS} } }`;
const WIDGET = 'query($key: String!, $language: Language) { widgetConfig(campaignKey: $key, language: $language) { name colour openNow welcomeMessage customField { label } } }';

interface CampaignData {
  id: string;
  key: string;
  name: string;
  embedCode: string;
  openNow: boolean;
  colour: string;
  allowedDomains: string[];
  qualityModelId: string | null;
  members: { agent: { id: string; name: string }; penalty: number }[];
  cannedResponses: { id: string; shortcut: string; text: string }[];
  schedule: { timezone: string };
}

describe('campaigns', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let admin: string;
  let agentToken: string;
  let agentId: string;
  let supervisorId: string;

  const create = async (input: CampaignInput, token = admin) => (await ok<{ createCampaign: CampaignData }>(api.url, CREATE, { input }, { token })).createCampaign;
  const count = async () => (await ok<{ campaigns: unknown[] }>(api.url, '{ campaigns { id } }', {}, { token: admin })).campaigns.length;

  before(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { PARLEY_ADMIN_EMAIL: ADMIN.email, PARLEY_ADMIN_PASSWORD: ADMIN.password } });
    admin = await login(api.url, ADMIN.email, ADMIN.password);
    const user = 'mutation($input: UserInput!) { createUser(input: $input) { id } }';
    agentId = (await ok<{ createUser: { id: string } }>(api.url, user, { input: { name: 'Ana', email: 'ana@example.test', password: 'agent password', role: 'AGENT' } }, { token: admin })).createUser.id;
    supervisorId = (await ok<{ createUser: { id: string } }>(api.url, user, { input: { name: 'Sol', email: 'sol@example.test', password: 'super password', role: 'SUPERVISOR' } }, { token: admin })).createUser.id;
    agentToken = await login(api.url, 'ana@example.test', 'agent password');
  });
  after(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('stores the whole model and gives each campaign an unguessable key and embed code', async () => {
    const input = validCampaignInput({ name: 'Sales', allowedDomains: ['shop.example.com', '*.example.org'] });
    const a = await create(input);
    const b = await create({ ...input, name: 'Sales 2' });
    assert.match(a.key, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(a.key, b.key);
    assert.ok(a.embedCode.includes(`data-campaign="${a.key}"`));
    assert.ok(a.embedCode.includes('/widget.js'));
    assert.equal(a.openNow, true);
    const read = await ok<{ campaign: Record<string, unknown> }>(api.url, `query($id: ID!) { campaign(id: $id) { ${FIELDS} } }`, { id: a.id }, { token: admin });
    assert.deepEqual(read.campaign, a);
    assert.deepEqual(a.allowedDomains, ['shop.example.com', '*.example.org']);
  });

  it('refuses bad settings with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const before = await count();
    const base = validCampaignInput();
    const cases: [Partial<CampaignInput>, string][] = [
      [{ colour: '#12345G' }, 'colour'],
      [{ thresholds: { ...base.thresholds, chatTimeWarnSeconds: 400, chatTimeLimitSeconds: 300 } }, 'thresholds.chatTimeWarnSeconds'],
      [{ thresholds: { ...base.thresholds, acd: -3 } }, 'thresholds.acd'],
      [{ schedule: { ...base.schedule, ranges: [{ weekday: 2, start: '17:00', end: '08:00' }] } }, 'schedule.ranges[0].start'],
      [{ schedule: { ...base.schedule, timezone: 'Europe/Atlantis' } }, 'schedule.timezone'],
      [{ allowedDomains: ['ok.example.com', 'bad domain'] }, 'allowedDomains[1]'],
      [{ offlineMessageEnabled: true, offlineMessageEmail: '' }, 'offlineMessageEmail'],
      [{ notAvailableMessage: { en: 'Busy', es: 'Ocupado', pt: '' } }, 'notAvailableMessage.pt'],
      [{ serviceLevelTarget: 80 }, 'serviceLevelTarget'],
      [{ qualityModelId: '00000000-0000-4000-8000-000000000000' }, 'qualityModelId'],
    ];
    for (const [overrides, field] of cases) {
      const result = await graphql(api.url, CREATE, { input: validCampaignInput(overrides) }, { token: admin });
      assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', field);
      assert.equal(result.errors?.[0]?.extensions?.field, field);
      assert.ok(result.errors?.[0]?.message.includes(field), result.errors?.[0]?.message);
    }
    assert.equal(await count(), before);
  });

  it('updates a campaign without losing its key', async () => {
    const campaign = await create(validCampaignInput({ name: 'Before' }));
    const updated = (await ok<{ updateCampaign: CampaignData }>(api.url, UPDATE, { id: campaign.id, input: validCampaignInput({ name: 'After', colour: '#ff0000' }) }, { token: admin })).updateCampaign;
    assert.equal(updated.name, 'After');
    assert.equal(updated.colour, '#FF0000');
    assert.equal(updated.key, campaign.key);
    const refused = await graphql(api.url, UPDATE, { id: campaign.id, input: validCampaignInput({ name: '' }) }, { token: admin });
    assert.equal(refused.errors?.[0]?.extensions?.field, 'name');
    const read = await ok<{ campaign: CampaignData }>(api.url, 'query($id: ID!) { campaign(id: $id) { name } }', { id: campaign.id }, { token: admin });
    assert.equal(read.campaign.name, 'After');
    assert.equal(await errorCode(api.url, UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: validCampaignInput() }, { token: admin }), 'NOT_FOUND');
  });

  it('computes openNow from the schedule in the campaign timezone', async () => {
    const closed = await create(validCampaignInput({ name: 'Never open', schedule: { timezone: 'Asia/Tokyo', ranges: [], exceptions: [] } }));
    assert.equal(closed.openNow, false);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const holiday = await create(validCampaignInput({ name: 'Holiday', schedule: { ...validCampaignInput().schedule, timezone: 'Asia/Tokyo', exceptions: [{ date: today, closed: true }] } }));
    assert.equal(holiday.openNow, false);
  });

  it('manages members with penalties, only agents, in order', async () => {
    const campaign = await create(validCampaignInput({ name: 'Members' }));
    const SET = 'mutation($c: ID!, $a: ID!, $p: Int!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: $p) { members { agent { id } penalty } } }';
    assert.equal((await graphql(api.url, SET, { c: campaign.id, a: agentId, p: 101 }, { token: admin })).errors?.[0]?.extensions?.field, 'penalty');
    assert.equal((await graphql(api.url, SET, { c: campaign.id, a: agentId, p: -1 }, { token: admin })).errors?.[0]?.extensions?.field, 'penalty');
    assert.equal((await graphql(api.url, SET, { c: campaign.id, a: supervisorId, p: 10 }, { token: admin })).errors?.[0]?.extensions?.field, 'agentId');
    await ok(api.url, SET, { c: campaign.id, a: agentId, p: 30 }, { token: admin });
    const again = await ok<{ setCampaignMember: { members: { agent: { id: string }; penalty: number }[] } }>(api.url, SET, { c: campaign.id, a: agentId, p: 40 }, { token: admin });
    assert.deepEqual(again.setCampaignMember.members, [{ agent: { id: agentId }, penalty: 40 }]);
    assert.equal(await errorCode(api.url, SET, { c: campaign.id, a: agentId, p: 1 }, { token: agentToken }), 'FORBIDDEN');
    const removed = await ok<{ removeCampaignMember: { members: unknown[] } }>(api.url, 'mutation($c: ID!, $a: ID!) { removeCampaignMember(campaignId: $c, agentId: $a) { members { penalty } } }', { c: campaign.id, a: agentId }, { token: admin });
    assert.deepEqual(removed.removeCampaignMember.members, []);
  });

  it('shows an agent only the campaigns they belong to, read-only', async () => {
    const mine = await create(validCampaignInput({ name: 'Agent campaign' }));
    const other = await create(validCampaignInput({ name: 'Other campaign' }));
    await ok(api.url, 'mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: mine.id, a: agentId }, { token: admin });
    const seen = await ok<{ campaigns: { id: string }[] }>(api.url, '{ campaigns { id } }', {}, { token: agentToken });
    assert.deepEqual(seen.campaigns.map((c) => c.id), [mine.id]);
    assert.equal((await ok<{ campaign: null }>(api.url, 'query($id: ID!) { campaign(id: $id) { id } }', { id: other.id }, { token: agentToken })).campaign, null);
    assert.equal(await errorCode(api.url, UPDATE, { id: mine.id, input: validCampaignInput() }, { token: agentToken }), 'FORBIDDEN');
    assert.equal(await errorCode(api.url, CREATE, { input: validCampaignInput() }, { token: agentToken }), 'FORBIDDEN');
    assert.equal(await errorCode(api.url, '{ campaigns { id } }'), 'UNAUTHENTICATED');
  });

  it('keeps canned responses with unique shortcuts per campaign', async () => {
    const campaign = await create(validCampaignInput({ name: 'Canned' }));
    const CREATE_CANNED = 'mutation($c: ID!, $s: String!, $t: String!) { createCannedResponse(campaignId: $c, shortcut: $s, text: $t) { id shortcut text } }';
    const hello = (await ok<{ createCannedResponse: { id: string; shortcut: string } }>(api.url, CREATE_CANNED, { c: campaign.id, s: '/Hello', t: 'Hello there!' }, { token: admin })).createCannedResponse;
    assert.equal(hello.shortcut, 'hello');
    assert.equal(await errorCode(api.url, CREATE_CANNED, { c: campaign.id, s: 'hello', t: 'Again' }, { token: admin }), 'CONFLICT');
    assert.equal((await graphql(api.url, CREATE_CANNED, { c: campaign.id, s: 'has space', t: 'x' }, { token: admin })).errors?.[0]?.extensions?.field, 'shortcut');
    await ok(api.url, 'mutation($id: ID!) { updateCannedResponse(id: $id, shortcut: "hi", text: "Hi!") { id } }', { id: hello.id }, { token: admin });
    const read = await ok<{ campaign: CampaignData }>(api.url, 'query($id: ID!) { campaign(id: $id) { cannedResponses { shortcut text } } }', { id: campaign.id }, { token: admin });
    assert.deepEqual(read.campaign.cannedResponses, [{ shortcut: 'hi', text: 'Hi!' }]);
    await ok(api.url, 'mutation($id: ID!) { deleteCannedResponse(id: $id) }', { id: hello.id }, { token: admin });
    assert.equal(await errorCode(api.url, 'mutation($id: ID!) { deleteCannedResponse(id: $id) }', { id: hello.id }, { token: admin }), 'NOT_FOUND');
  });

  it('assigns quality models with ordered, weighted questions', async () => {
    const model = await ok<{ createQualityModel: { id: string; questions: { id: string; kind: string }[] } }>(
      api.url,
      'mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id questions { id text kind weight } } }',
      { input: { name: 'QA', questions: [{ text: 'Polite', kind: 'YES_NO', weight: 1 }, { text: 'Solved', kind: 'SCORE', weight: 2 }, { text: 'Notes', kind: 'TEXT', weight: 0 }] } },
      { token: admin },
    );
    assert.deepEqual(model.createQualityModel.questions.map((q) => q.kind), ['YES_NO', 'SCORE', 'TEXT']);
    const campaign = await create(validCampaignInput({ name: 'Quality', qualityModelId: model.createQualityModel.id }));
    assert.equal(campaign.qualityModelId, model.createQualityModel.id);
    const bad = await graphql(api.url, 'mutation($input: QualityModelInput!) { createQualityModel(input: $input) { id } }', { input: { name: 'QA', questions: [{ text: '', kind: 'SCORE', weight: 1 }] } }, { token: admin });
    assert.equal(bad.errors?.[0]?.extensions?.field, 'questions[0].text');
  });

  it('serves the widget config in the visitor language, only to allowed sites', async () => {
    const campaign = await create(validCampaignInput({ name: 'Widget', allowedDomains: ['shop.example.com', '*.example.org'] }));
    const spanish = await ok<{ widgetConfig: { welcomeMessage: string; name: string } }>(api.url, WIDGET, { key: campaign.key, language: 'ES' }, { origin: 'https://shop.example.com' });
    assert.equal(spanish.widgetConfig.welcomeMessage, 'Welcome (es)');
    const sub = await ok<{ widgetConfig: { welcomeMessage: string } }>(api.url, WIDGET, { key: campaign.key }, { origin: 'https://help.example.org' });
    assert.equal(sub.widgetConfig.welcomeMessage, 'Welcome');
    assert.equal(await errorCode(api.url, WIDGET, { key: campaign.key }, { origin: 'https://evil.test' }), 'DOMAIN_NOT_ALLOWED');
    assert.equal(await errorCode(api.url, WIDGET, { key: campaign.key }, { origin: 'https://shop.example.com.evil.test' }), 'DOMAIN_NOT_ALLOWED');
    assert.equal(await errorCode(api.url, WIDGET, { key: campaign.key }), 'DOMAIN_NOT_ALLOWED');
    assert.equal(await errorCode(api.url, WIDGET, { key: 'no-such-key' }), 'NOT_FOUND');
    await ok(api.url, UPDATE, { id: campaign.id, input: validCampaignInput({ name: 'Widget', enabled: false }) }, { token: admin });
    assert.equal(await errorCode(api.url, WIDGET, { key: campaign.key }, { origin: 'https://shop.example.com' }), 'CAMPAIGN_DISABLED');
  });

  it('treats hostile ids and queries as data, not as queries', async () => {
    for (const id of ["' OR 1=1 --", '{"$ne":null}', 'x'.repeat(5000)]) {
      const result = await graphql<{ campaign: null }>(api.url, 'query($id: ID!) { campaign(id: $id) { id } }', { id }, { token: admin });
      assert.equal(result.data?.campaign, null, id.slice(0, 20));
    }
    const objectId = await graphql(api.url, 'query($id: ID!) { campaign(id: $id) { id } }', { id: { $ne: null } }, { token: admin });
    assert.equal(objectId.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    assert.equal((await graphql(api.url, aliases, {}, { token: admin })).errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('asks for a token before telling whether a campaign’s statistics exist', async () => {
    assert.equal(await errorCode(api.url, 'query($id: ID!) { campaignStats(campaignId: $id) { waiting } }', { id: agentId }), 'UNAUTHENTICATED');
    assert.equal(await errorCode(api.url, 'query($id: ID!) { campaignStats(campaignId: $id) { waiting } }', { id: agentId }, { token: admin }), 'NOT_FOUND');
  });
});
