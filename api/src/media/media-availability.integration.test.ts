import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { createTestDatabase, freePort, startApi, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { codeOf, servedChat } from '../testing/call-fixtures';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { ok } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';

const SECRETS = { MEDIA: 'on', JANUS_API_SECRET: 'an-api-secret-of-the-deployment', JANUS_ADMIN_KEY: 'an-admin-key-of-the-deployment' };

describe('media availability: calls off, on, or with the media server down, said plainly', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  async function api(env: Record<string, string>, media = false): Promise<{ api: ApiProcess; fx: ConversationFixture }> {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    const started = await startApi({ databaseUrl: db.url, env: { ...ADMIN_ENV, ...env }, media });
    cleanups.push(() => started.stop());
    return { api: started, fx: await ConversationFixture.connect(started.url) };
  }
  const readiness = async (url: string) => {
    const response = await fetch(`${url}/readyz`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('without a media server: calls are off, said in the log, the banner and /readyz, and refused as SERVICE_UNAVAILABLE', async () => {
    const { api: off, fx } = await api({ MEDIA: 'off', PARLEY_DEMO: '1' });
    assert.match(off.output(), /calls and screen monitoring are off/);
    await waitFor('the banner', () => (/Calls: off — install Debian's janus package to turn them on/.test(off.output()) ? true : undefined));
    assert.deepEqual(await readiness(off.url), { status: 200, body: { status: 'ready', media: 'off' } });
    const chat = await servedChat(fx);
    assert.equal(codeOf(await chat.customer.start(chat.interactionId)), 'SERVICE_UNAVAILABLE');
    assert.equal((await ok<{ mediaAvailable: boolean }>(off.url, '{ mediaAvailable }', {}, { token: chat.agent.token })).mediaAvailable, false);
    const { widgetConfig } = await ok<{ widgetConfig: { mediaEnabled: boolean; callsAvailable: boolean } }>(off.url, 'query($k: String!) { widgetConfig(campaignKey: $k) { mediaEnabled callsAvailable } }', { k: chat.campaign.key });
    assert.deepEqual(widgetConfig, { mediaEnabled: true, callsAvailable: false });
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${off.url.replace(/^http/, 'ws')}/janus?ticket=x`, 'janus-protocol');
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('error', () => undefined);
    });
    assert.equal(status, 404);
  });

  it('with its embedded Janus: calls are on, in the banner and /readyz', async () => {
    const { api: on } = await api({ PARLEY_DEMO: '1' }, true);
    await waitFor('the banner', () => (/Calls: on \(Janus 1\.1\.\d+, embedded\)/.test(on.output()) ? true : undefined));
    assert.deepEqual(await readiness(on.url), { status: 200, body: { status: 'ready', media: 'ready' } });
  });

  it('with a Janus that does not answer: ready for chats, media reported unreachable, calls SERVICE_UNAVAILABLE', async () => {
    const port = await freePort();
    const { api: down, fx } = await api({ JANUS_URL: `http://127.0.0.1:${port}/janus`, JANUS_WS_URL: `ws://127.0.0.1:${port}`, ...SECRETS });
    assert.deepEqual(await readiness(down.url), { status: 200, body: { status: 'ready', media: 'unreachable' } });
    const chat = await servedChat(fx);
    assert.equal(codeOf(await chat.customer.start(chat.interactionId)), 'SERVICE_UNAVAILABLE');
    assert.equal((await chat.customer.chat(chat.interactionId)).call, null);
  });

  it('refuses to start with half a media configuration, naming what is missing', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    await assert.rejects(startApi({ databaseUrl: db.url, env: { MEDIA: 'on', JANUS_URL: 'http://127.0.0.1:8088/janus' } }), /JANUS_WS_URL, JANUS_API_SECRET and JANUS_ADMIN_KEY/);
    await assert.rejects(startApi({ databaseUrl: db.url, env: { MEDIA: 'maybe' } }), /MEDIA must be on or off/);
    await assert.rejects(startApi({ databaseUrl: db.url, env: { MEDIA: 'on', ICE_SERVERS: 'http://stun.example' } }), /ICE_SERVERS/);
  });
});
