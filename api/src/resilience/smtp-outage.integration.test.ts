import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createTestDatabase, freePort, queryDatabase, startApi, TEST_REDIS_URL, type ApiProcess } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { ok } from '../testing/graphql-client';
import { startLoopbackSmtp } from '../testing/loopback-smtp';
import { waitFor } from '../testing/wait-for';

const SEND = 'mutation($input: OfflineMessageInput!) { sendOfflineMessage(input: $input) { id } }';
const closedHours = { timezone: 'UTC', ranges: [], exceptions: [] };

interface OutboxRow {
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

/**
 * The outbox's retry schedule (1 s doubling to at most 5 minutes) and its
 * clock are not configurable, so an hour-long outage is not replayed here:
 * the server is down long enough for deliveries to fail and be put off, and
 * then it is back. Two instances share the outbox, and the server takes a
 * while to accept each mail, so a mail claimed twice would be sent twice.
 */
describe('the SMTP server down, then back', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('sends a mail left during the outage once it is back, exactly once', async () => {
    const port = await freePort();
    const smtp = await startLoopbackSmtp(port, 1500);
    cleanups.push(() => smtp.stop());
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const env = { ...ADMIN_ENV, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Parley <parley@example.test>' };
    const [a, b] = (await Promise.all([0, 1].map(() => startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env })))) as [ApiProcess, ApiProcess];
    cleanups.push(() => Promise.all([a.stop(), b.stop()]).then(() => undefined));
    const fx = await ConversationFixture.connect(a.url);
    const campaign = await fx.campaign({ schedule: closedHours, offlineMessageEnabled: true, offlineMessageEmail: 'ops@example.test' });
    const leave = (url: string, text: string) => ok(url, SEND, { input: { campaignKey: campaign.key, name: 'Rita', email: 'rita@example.test', text } });
    const mails = (text: string) => smtp.received.filter((mail) => mail.raw.includes(text));

    await leave(a.url, 'Before the outage');
    await waitFor('the first mail', () => (mails('Before the outage').length > 0 ? true : undefined), 15_000);

    await smtp.stop();
    await leave(b.url, 'During the outage');
    const failing = await waitFor(
      'deliveries to fail and be put off',
      async () => {
        const [row] = await queryDatabase<OutboxRow>(db.url, `select attempts, last_error, sent_at from outbox_emails where text like '%During the outage%'`);
        return row && row.attempts >= 2 && row.last_error !== null ? row : undefined;
      },
      15_000,
    );
    assert.equal(failing.sent_at, null);
    assert.match(failing.last_error ?? '', /ECONNREFUSED/);

    await smtp.start();
    await waitFor('the mail left during the outage', () => (mails('During the outage').length > 0 ? true : undefined), 20_000);
    await waitFor('the mail to be marked sent', async () => {
      const [row] = await queryDatabase<OutboxRow>(db.url, `select sent_at from outbox_emails where text like '%During the outage%'`);
      return row?.sent_at ? true : undefined;
    });
    // A mail left later goes through the same instances' outbox ticks: once it has arrived, a second copy would have too.
    await leave(a.url, 'After the outage');
    await waitFor('a later mail', () => (mails('After the outage').length > 0 ? true : undefined), 15_000);
    assert.equal(mails('Before the outage').length, 1);
    assert.equal(mails('During the outage').length, 1, 'sent exactly once');
    assert.deepEqual(mails('During the outage')[0]?.to, ['ops@example.test']);
    assert.equal(mails('After the outage').length, 1);
  });
});
