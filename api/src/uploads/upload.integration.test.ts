import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture, type Agent, type StartedChat } from '../testing/conversation-fixtures';
import { graphql } from '../testing/graphql-client';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { TEMP_PREFIX } from './upload.receive';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% test document\n');
const OGG = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(100, 1)]);
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');
const SHOP = 'https://shop.example.com';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Real-looking files that are also something a browser or another reader would run. */
const POLYGLOTS: [string, Buffer, RegExp][] = [
  ['a PNG with <script> in a tEXt chunk', Buffer.concat([PNG_SIGNATURE, Buffer.alloc(40, 7), Buffer.from('tEXtComment\0<script>alert(document.domain)</script>'), Buffer.from('IEND')]), /markup \(<script>\)/],
  ['a PNG with an HTML page after IEND', Buffer.concat([PNG, Buffer.from('IEND\xaeB`\x82<!DOCTYPE html><body onload=alert(1)>', 'latin1')]), /markup/],
  ['a JPEG with an SVG in a comment segment', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x40]), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), Buffer.from([0xff, 0xd9])]), /markup \(<svg\)/],
  ['a GIF that is also a JAR (GIFAR)', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(60, 3), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]), /ZIP archive/],
  ['a PDF with a JavaScript open action', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >> >> endobj\n'), /active JavaScript/],
  ['an Ogg voice note with <script> in a comment', Buffer.concat([OGG, Buffer.from('ARTIST=<script>alert(1)</script>')]), /audio also carries markup/],
];

/** Waits for `condition` by polling: file removal and socket teardown finish at no fixed time. */
async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A multipart upload written by hand, so a test can stop it anywhere. */
function multipart(interactionId: string, file: Buffer) {
  const boundary = 'parley-test-boundary';
  const head = Buffer.from(
    [`--${boundary}`, 'Content-Disposition: form-data; name="interactionId"', '', interactionId, `--${boundary}`, 'Content-Disposition: form-data; name="kind"', '', 'FILE',
      `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="cut.png"', 'Content-Type: image/png', '', ''].join('\r\n'),
  );
  const full = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, full, halfway: full.subarray(0, head.length + Math.floor(file.length / 2)) };
}

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
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-uploads-'));
  const uploadsDir = path.join(dataDir, 'uploads');
  // What a process killed mid-upload left behind two days ago.
  const stale = path.join(uploadsDir, `${TEMP_PREFIX}left-by-a-crash`);
  const temps = () => readdirSync(uploadsDir).filter((name) => name.startsWith(TEMP_PREFIX) && name !== path.basename(stale));
  /** Temporary files made since it was called, so one test's leftovers do not fail another. */
  const tempsSince = () => {
    const earlier = new Set(temps());
    return () => temps().filter((name) => !earlier.has(name));
  };

  const upload = async (token: string | undefined, file: Buffer, name: string, kind = 'FILE', interactionId = chat.interaction.id, origin?: string) => {
    const form = new FormData();
    form.set('interactionId', interactionId);
    form.set('kind', kind);
    form.set('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), name);
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(origin ? { origin } : {}) };
    const response = await fetch(`${api.url}/uploads`, { method: 'POST', body: form, headers });
    return { status: response.status, body: (await response.json()) as Uploaded & { error?: { code: string; field?: string; message: string } } };
  };
  const download = async (url: string, headers: Record<string, string>) => {
    const response = await fetch(url, { headers });
    return { status: response.status, code: response.ok ? undefined : ((await response.json()) as { error: { code: string } }).error.code };
  };

  before(async () => {
    mkdirSync(uploadsDir, { recursive: true });
    writeFileSync(stale, 'half a file');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { ...ADMIN_ENV, UPLOAD_MAX_BYTES: '1000', DATA_DIR: dataDir } });
    fx = await ConversationFixture.connect(api.url);
    const campaign = await fx.campaign({ mediaEnabled: true });
    agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    chat = await fx.started(campaign.key, 'Xena');
  });
  after(async () => {
    await api?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
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

  it('keeps a file name typed in any script as UTF-8, overrides and all', async () => {
    const { status, body } = await upload(chat.token, PDF, 'Factura año 名前 invoice\u202Efdp.exe.pdf');
    assert.equal(status, 201);
    assert.equal(body.name, 'Factura año 名前 invoice\u202Efdp.exe.pdf');
  });

  it('serves documents as attachments, and only to the chat participants and supervisors', async () => {
    const { body } = await upload(chat.token, PDF, 'contract.pdf');
    const viaQuery = await fetch(`${body.url}?token=${chat.token}`);
    assert.equal(viaQuery.status, 200);
    assert.match(viaQuery.headers.get('content-disposition') ?? '', /^attachment;/);
    const supervisor = await fx.agent([], 0, 'SUPERVISOR');
    assert.equal((await fetch(body.url, { headers: { authorization: `Bearer ${supervisor.token}` } })).status, 200);
    const stranger = await fx.started((await fx.campaign({ mediaEnabled: true })).key, 'Stranger');
    assert.equal((await fetch(body.url, { headers: { authorization: `Bearer ${stranger.token}` } })).status, 404);
    const outsider = await fx.agent([(await fx.campaign()).id]);
    assert.equal((await fetch(body.url, { headers: { authorization: `Bearer ${outsider.token}` } })).status, 404);
    assert.equal((await fetch(body.url)).status, 401);
  });

  it('refuses what is not allowed: unknown types, non-audio voice notes, too large, strangers', async () => {
    const leftovers = tempsSince();
    const html = await upload(chat.token, HTML, 'cat.png');
    assert.deepEqual([html.status, html.body.error?.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    const voice = await upload(chat.token, PNG, 'note.ogg', 'VOICE_NOTE');
    assert.equal(voice.status, 415);
    assert.equal((await upload(chat.token, OGG, 'note.ogg', 'VOICE_NOTE')).body.kind, 'VOICE_NOTE');
    const big = await upload(chat.token, Buffer.concat([PNG, Buffer.alloc(2000)]), 'big.png');
    assert.deepEqual([big.status, big.body.error?.field], [413, 'file']);
    assert.equal((await upload(undefined, PNG, 'a.png')).status, 401);
    const stranger = await fx.started((await fx.campaign({ mediaEnabled: true })).key, 'Other');
    assert.equal((await upload(stranger.token, PNG, 'a.png')).status, 404);
    assert.equal((await upload(chat.token, PNG, 'a.png', 'FILE', 'not-an-id')).status, 404);
    // The refusal is sent first, the temporary file removed right after.
    await until('refused uploads leave no temporary file', () => leftovers().length === 0);
  });

  for (const [what, file, reason] of POLYGLOTS) {
    it(`refuses a polyglot: ${what}`, async () => {
      const refused = await upload(chat.token, file, 'innocent.png', what.includes('voice note') ? 'VOICE_NOTE' : 'FILE');
      assert.deepEqual([refused.status, refused.body.error?.code, refused.body.error?.field], [415, 'UNSUPPORTED_MEDIA_TYPE', 'file']);
      assert.match(refused.body.error?.message ?? '', reason);
    });
  }

  it('serves what it keeps as its sniffed type, sandboxed, whatever the upload declared', async () => {
    // Declared as an HTML page named to traverse folders: the bytes say PNG, the name loses its path.
    const form = new FormData();
    form.set('interactionId', chat.interaction.id);
    form.set('file', new Blob([new Uint8Array(PNG)], { type: 'text/html' }), '../../console/index.html');
    const stored = await fetch(`${api.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${chat.token}` } });
    const body = (await stored.json()) as Uploaded;
    assert.deepEqual([stored.status, body.name, body.mimeType], [201, 'index.png', 'image/png']);
    for (const url of [body.url, (await upload(chat.token, PDF, 'a.pdf')).body.url]) {
      const served = await fetch(url, { headers: { authorization: `Bearer ${agent.token}` } });
      assert.equal(served.status, 200);
      // An opaque origin with no script and no subresources, even opened top-level at the console's own origin.
      assert.equal(served.headers.get('content-security-policy'), "default-src 'none'; sandbox");
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.notEqual(served.headers.get('content-type'), 'text/html');
    }
    const pdf = await fetch((await upload(chat.token, PDF, 'page.html')).body.url, { headers: { authorization: `Bearer ${agent.token}` } });
    assert.deepEqual([pdf.headers.get('content-type'), pdf.headers.get('content-disposition')], ['application/pdf', "attachment; filename*=UTF-8''page.pdf"]);
    // Stored files are named by the server: a path in the URL reaches nothing.
    for (const path of ['..%2F..%2Fetc%2Fpasswd', '..%2Fuploads', `${body.id}%2F..%2F..`]) {
      assert.equal((await fetch(`${api.url}/uploads/${path}`, { headers: { authorization: `Bearer ${agent.token}` } })).status, 404, path);
    }
  });

  it('refuses customers’ files and voice notes when the campaign has media off, and still takes the agent’s', async () => {
    const quiet = await fx.campaign({ mediaEnabled: false });
    const quietAgent = await fx.agent([quiet.id]);
    await fx.setState(quietAgent, 'AVAILABLE');
    const customer = await fx.started(quiet.key, 'Quiet');
    assert.equal(customer.interaction.agent?.id, quietAgent.id);
    for (const [file, kind] of [[PNG, 'FILE'], [OGG, 'VOICE_NOTE']] as const) {
      const refused = await upload(customer.token, file, 'x', kind, customer.interaction.id);
      assert.deepEqual([refused.status, refused.body.error?.code], [403, 'FORBIDDEN']);
      assert.match(refused.body.error?.message ?? '', /mediaEnabled/);
    }
    const fromAgent = await upload(quietAgent.token, PDF, 'form.pdf', 'FILE', customer.interaction.id);
    assert.deepEqual([fromAgent.status, fromAgent.body.mimeType], [201, 'application/pdf']);
  });

  it('refuses to attach a customer’s file uploaded before media was turned off', async () => {
    const switching = await fx.campaign({ mediaEnabled: true });
    const switchingAgent = await fx.agent([switching.id]);
    await fx.setState(switchingAgent, 'AVAILABLE');
    const customer = await fx.started(switching.key, 'Early');
    const early = await upload(customer.token, PNG, 'early.png', 'FILE', customer.interaction.id);
    assert.equal(early.status, 201);
    const UPDATE = 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { mediaEnabled } }';
    await graphql(api.url, UPDATE, { id: switching.id, input: validCampaignInput({ qualityModelId: null, mediaEnabled: false }) }, { token: fx.admin });
    const SEND = 'mutation($i: ID!, $a: ID) { sendMessage(interactionId: $i, clientId: "late", attachmentId: $a) { seq } }';
    const sent = await graphql(api.url, SEND, { i: customer.interaction.id, a: early.body.id }, { token: customer.token });
    assert.deepEqual([sent.errors?.[0]?.extensions?.code, sent.errors?.[0]?.extensions?.field], ['FORBIDDEN', 'attachmentId']);
  });

  it('takes a visitor token on /uploads only from the campaign’s allowed sites, as GraphQL does', async () => {
    const guarded = await fx.campaign({ mediaEnabled: true, allowedDomains: ['shop.example.com'] });
    const guardedAgent = await fx.agent([guarded.id]);
    await fx.setState(guardedAgent, 'AVAILABLE');
    const started = await fx.start(guarded.key, 'Guarded', {}, SHOP);
    const customer = started.data?.startChat as StartedChat;
    const id = customer.interaction.id;

    const stored = await upload(customer.token, PNG, 'a.png', 'FILE', id, SHOP);
    assert.equal(stored.status, 201);
    for (const origin of ['https://evil.test', 'http://shop.example.com:8081', 'https://shop.example.com:8443', undefined]) {
      const refused = await upload(customer.token, PNG, 'a.png', 'FILE', id, origin);
      assert.deepEqual([refused.status, refused.body.error?.code], [403, 'DOMAIN_NOT_ALLOWED'], `upload from ${origin}`);
    }

    const bearer = { authorization: `Bearer ${customer.token}` };
    assert.deepEqual(await download(stored.body.url, { ...bearer, origin: SHOP }), { status: 200, code: undefined });
    assert.deepEqual(await download(stored.body.url, { ...bearer, origin: 'http://shop.example.com:8081' }), { status: 403, code: 'DOMAIN_NOT_ALLOWED' });
    // An <img src="...?token="> on any page sends no Origin: refused, so a visitor token cannot be used from elsewhere that way.
    assert.deepEqual(await download(stored.body.url, bearer), { status: 403, code: 'DOMAIN_NOT_ALLOWED' });
    assert.deepEqual(await download(`${stored.body.url}?token=${customer.token}`, {}), { status: 403, code: 'DOMAIN_NOT_ALLOWED' });
    // Staff are not bound to the customer's site.
    assert.equal((await download(stored.body.url, { authorization: `Bearer ${guardedAgent.token}` })).status, 200);
    assert.equal((await download(`${stored.body.url}?token=${guardedAgent.token}`, {})).status, 200);
  });

  it('removes the partial file of an upload cut off mid-file', async () => {
    const leftovers = tempsSince();
    const body = multipart(chat.interaction.id, Buffer.concat([PNG, Buffer.alloc(600, 3)]));
    const socket = connect(api.port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(
      `POST /uploads HTTP/1.1\r\nHost: 127.0.0.1:${api.port}\r\nAuthorization: Bearer ${chat.token}\r\n` +
        `Content-Type: ${body.contentType}\r\nContent-Length: ${body.full.length}\r\n\r\n`,
    );
    socket.write(body.halfway);
    await until('the upload has a temporary file', () => leftovers().length > 0);
    socket.destroy();
    await until('no temporary file is left', () => leftovers().length === 0);
  });

  it('removes the temporary file of a body that ends mid-file, answers 400 and keeps running', async () => {
    const leftovers = tempsSince();
    const body = multipart(chat.interaction.id, Buffer.concat([PNG, Buffer.alloc(600, 3)]));
    const socket = connect(api.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.write(
      `POST /uploads HTTP/1.1\r\nHost: 127.0.0.1:${api.port}\r\nAuthorization: Bearer ${chat.token}\r\n` +
        `Content-Type: ${body.contentType}\r\nContent-Length: ${body.halfway.length}\r\nConnection: close\r\n\r\n`,
    );
    // write, not end: a half-closed socket is an aborted request to Node's HTTP server.
    socket.write(body.halfway);
    await until('the API answers', () => answer.includes('}}'));
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /"code":"BAD_USER_INPUT","message":"file: Unexpected end of form"/);
    await until('no temporary file is left', () => leftovers().length === 0);
    assert.equal((await fetch(`${api.url}/healthz`)).status, 200);
  });

  it('sweeps, at start, temporary files a crashed process left behind', async () => {
    await until('the stale temporary file is gone', () => !readdirSync(uploadsDir).includes(path.basename(stale)));
  });
});
