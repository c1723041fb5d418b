import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, freePort, queryDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { graphql, ok } from '../testing/graphql-client';
import { startLoopbackSmtp, type LoopbackSmtp } from '../testing/loopback-smtp';
import { waitFor } from '../testing/wait-for';

const SEND = 'mutation($input: OfflineMessageInput!) { sendOfflineMessage(input: $input) { id state outOfHours messages { text sender { kind } } } }';
const closedHours = { timezone: 'UTC', ranges: [], exceptions: [] };

describe('offline messages', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let fx: ConversationFixture;
  let smtpPort: number;
  let smtp: LoopbackSmtp;
  const closers: (() => Promise<void>)[] = [];

  before(async () => {
    smtpPort = await freePort();
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { ...ADMIN_ENV, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'Parley <parley@example.test>' } });
    fx = await ConversationFixture.connect(api.url);
  });
  after(async () => {
    for (const close of closers) await close();
    await api?.stop();
    await db?.drop();
  });

  it('keeps the message and emails it once the SMTP server, down at first, comes up', async () => {
    const campaign = await fx.campaign({ schedule: closedHours, offlineMessageEnabled: true, offlineMessageEmail: 'ops@example.test' });
    const result = await ok<{ sendOfflineMessage: { id: string; state: string; outOfHours: boolean; messages: { text: string }[] } }>(api.url, SEND, {
      input: { campaignKey: campaign.key, name: 'Rita', email: 'rita@example.test', text: 'Please call me back about order 42.' },
    });
    assert.deepEqual([result.sendOfflineMessage.state, result.sendOfflineMessage.outOfHours], ['OFFLINE_MESSAGE', true]);
    assert.equal(result.sendOfflineMessage.messages[0]?.text, 'Please call me back about order 42.');

    const attempts = async () => (await queryDatabase<{ attempts: number }>(db.url, 'select attempts from outbox_emails'))[0]?.attempts ?? 0;
    await waitFor('a delivery attempt that fails', async () => ((await attempts()) > 0 ? true : undefined), 15_000);
    smtp = await startLoopbackSmtp(smtpPort);
    closers.push(smtp.stop);
    const mail = await waitFor('the email', () => smtp.received.find((m) => m.raw.includes('order 42')), 15_000);
    assert.deepEqual(mail.to, ['ops@example.test']);
    assert.match(mail.raw, /Reply-To: rita@example\.test/i);
    assert.match(mail.raw, /Subject: Offline message from Rita/);

    // It shows in recordings.
    const listed = await ok<{ interactions: { edges: { node: { id: string } }[] } }>(api.url, 'query($c: ID!) { interactions(filter: { campaignId: $c, state: OFFLINE_MESSAGE }) { edges { node { id } } } }', { c: campaign.id }, { token: fx.admin });
    assert.deepEqual(listed.interactions.edges.map((e) => e.node.id), [result.sendOfflineMessage.id]);
    // Sent once only: the outbox marks it sent, and nothing more arrives.
    await waitFor('the outbox to mark it sent', async () => (await queryDatabase<{ sent: boolean }>(db.url, 'select sent_at is not null as sent from outbox_emails'))[0]?.sent || undefined, 10_000);
    assert.equal(smtp.received.filter((m) => m.raw.includes('order 42')).length, 1);
  });

  it('refuses when the campaign takes no offline messages, names bad fields, and mails what was typed as plain text with no injected header', async () => {
    const off = await fx.campaign({ schedule: closedHours });
    const refused = await graphql(api.url, SEND, { input: { campaignKey: off.key, name: 'Sam', email: 'sam@example.test', text: 'hi' } });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const on = await fx.campaign({ schedule: closedHours, offlineMessageEnabled: true, offlineMessageEmail: 'ops@example.test' });
    const badEmail = await graphql(api.url, SEND, { input: { campaignKey: on.key, name: 'Sam', email: 'nope', text: 'hi' } });
    assert.equal(badEmail.errors?.[0]?.extensions?.field, 'email');
    const empty = await graphql(api.url, SEND, { input: { campaignKey: on.key, name: 'Sam', email: 'sam@example.test', text: '  ' } });
    assert.equal(empty.errors?.[0]?.extensions?.field, 'text');
    const injected = await ok<{ sendOfflineMessage: { id: string } }>(api.url, SEND, { input: { campaignKey: on.key, name: 'Eve\r\nBcc: victim@example.test', email: 'eve@example.test', text: 'header injection <img src=x onerror=alert(1)> <a href="javascript:alert(1)">me</a>' } });
    assert.ok(injected.sendOfflineMessage.id);
    const mail = await waitFor('the email', () => smtp.received.find((m) => m.raw.includes('header injection')), 10_000);
    assert.deepEqual(mail.to, ['ops@example.test']);
    const headers = mail.raw.split('\r\n\r\n')[0] ?? '';
    assert.doesNotMatch(headers, /^Bcc:/im);
    assert.match(mail.raw, /Eve Bcc: victim@example\.test <eve@example\.test> left a message/);
    // The mail is plain text only: markup a customer typed is never an HTML part a mail client would render.
    assert.match(headers, /^Content-Type: text\/plain/im);
    assert.doesNotMatch(mail.raw, /text\/html/i);
  });
});
