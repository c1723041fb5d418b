import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture, type Agent, type StartedChat } from '../testing/conversation-fixtures';
import { graphql } from '../testing/graphql-client';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% test document\n');
const OGG = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(100, 1)]);
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');

interface Uploaded {
  id: string;
  kind: string;
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

describe('uploads', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let fx: ConversationFixture;
  let chat: StartedChat;
  let agent: Agent;

  const upload = async (token: string | undefined, file: Buffer, name: string, kind = 'FILE', interactionId = chat.interaction.id) => {
    const form = new FormData();
    form.set('interactionId', interactionId);
    form.set('kind', kind);
    form.set('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), name);
    const response = await fetch(`${api.url}/uploads`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as Uploaded & { error?: { code: string; field?: string } } };
  };

  before(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { ...ADMIN_ENV, UPLOAD_MAX_BYTES: '1000' } });
    fx = await ConversationFixture.connect(api.url);
    const campaign = await fx.campaign();
    agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    chat = await fx.started(campaign.key, 'Xena');
  });
  after(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('stores a file checked on its bytes and attaches it to a message, once', async () => {
    const { status, body } = await upload(chat.token, PNG, 'holiday photo.exe');
    assert.equal(status, 201);
    assert.deepEqual([body.kind, body.name, body.mimeType, body.size], ['FILE', 'holiday photo.png', 'image/png', PNG.length]);
    const SEND = 'mutation($i: ID!, $c: ID!, $a: ID) { sendMessage(interactionId: $i, clientId: $c, attachmentId: $a) { seq text attachment { id kind name mimeType size url } } }';
    const sent = await graphql<{ sendMessage: { text: string | null; attachment: Uploaded } }>(api.url, SEND, { i: chat.interaction.id, c: 'photo', a: body.id }, { token: chat.token });
    assert.deepEqual(sent.data?.sendMessage.attachment, body);
    assert.equal(sent.data?.sendMessage.text, null);
    const twice = await graphql(api.url, SEND, { i: chat.interaction.id, c: 'photo-again', a: body.id }, { token: chat.token });
    assert.equal(twice.errors?.[0]?.extensions?.code, 'CONFLICT');
    const notMine = await graphql(api.url, SEND, { i: chat.interaction.id, c: 'stolen', a: (await upload(chat.token, PDF, 'a.pdf')).body.id }, { token: agent.token });
    assert.equal(notMine.errors?.[0]?.extensions?.field, 'attachmentId');

    const download = await fetch(body.url, { headers: { authorization: `Bearer ${agent.token}` } });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.match(download.headers.get('content-disposition') ?? '', /^inline; filename\*=UTF-8''holiday%20photo\.png$/);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);
  });

  it('serves documents as attachments, and only to the chat participants and supervisors', async () => {
    const { body } = await upload(chat.token, PDF, 'contract.pdf');
    const viaQuery = await fetch(`${body.url}?token=${chat.token}`);
    assert.equal(viaQuery.status, 200);
    assert.match(viaQuery.headers.get('content-disposition') ?? '', /^attachment;/);
    const supervisor = await fx.agent([], 0, 'SUPERVISOR');
    assert.equal((await fetch(body.url, { headers: { authorization: `Bearer ${supervisor.token}` } })).status, 200);
    const stranger = await fx.started((await fx.campaign()).key, 'Stranger');
    assert.equal((await fetch(body.url, { headers: { authorization: `Bearer ${stranger.token}` } })).status, 404);
    const outsider = await fx.agent([(await fx.campaign()).id]);
    assert.equal((await fetch(body.url, { headers: { authorization: `Bearer ${outsider.token}` } })).status, 404);
    assert.equal((await fetch(body.url)).status, 401);
  });

  it('refuses what is not allowed: unknown types, non-audio voice notes, too large, strangers', async () => {
    const html = await upload(chat.token, HTML, 'cat.png');
    assert.deepEqual([html.status, html.body.error?.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    const voice = await upload(chat.token, PNG, 'note.ogg', 'VOICE_NOTE');
    assert.equal(voice.status, 415);
    assert.equal((await upload(chat.token, OGG, 'note.ogg', 'VOICE_NOTE')).body.kind, 'VOICE_NOTE');
    const big = await upload(chat.token, Buffer.concat([PNG, Buffer.alloc(2000)]), 'big.png');
    assert.deepEqual([big.status, big.body.error?.field], [413, 'file']);
    assert.equal((await upload(undefined, PNG, 'a.png')).status, 401);
    const stranger = await fx.started((await fx.campaign()).key, 'Other');
    assert.equal((await upload(stranger.token, PNG, 'a.png')).status, 404);
    assert.equal((await upload(chat.token, PNG, 'a.png', 'FILE', 'not-an-id')).status, 404);
  });
});
