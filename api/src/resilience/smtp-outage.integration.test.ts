import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
 * Two instances share the outbox, and the server takes a while to accept each
 * mail, so a mail claimed twice would be sent twice. The hour-long outage is
 * replayed with both instances' wall clocks moved forward (testing/shifted-clock.ts):
 * the outbox's retry times come from that clock, its timers from the real one.
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

  it('keeps retrying through an hour of the server down, never giving up, and sends the mail once when it is back', async () => {
    const clockDir = mkdtempSync(path.join(tmpdir(), 'parley-clock-'));
    cleanups.push(async () => rmSync(clockDir, { recursive: true, force: true }));
    const clockFile = path.join(clockDir, 'offset-ms');
    let shifted = 0;
    /** Moves both instances' clocks to `shifted` ms ahead of the real time (written whole, then renamed into place). */
    const setClock = (ms: number) => {
      shifted = ms;
      writeFileSync(`${clockFile}.next`, String(ms));
      renameSync(`${clockFile}.next`, clockFile);
    };
    setClock(0);
    const port = await freePort();
    const smtp = await startLoopbackSmtp(port, 1500);
    cleanups.push(() => smtp.stop());
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const env = { ...ADMIN_ENV, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Parley <parley@example.test>' };
    const [a, b] = (await Promise.all([0, 1].map(() => startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env, clockFile })))) as [ApiProcess, ApiProcess];
    cleanups.push(() => Promise.all([a.stop(), b.stop()]).then(() => undefined));
    const fx = await ConversationFixture.connect(a.url);
    const campaign = await fx.campaign({ schedule: closedHours, offlineMessageEnabled: true, offlineMessageEmail: 'ops@example.test' });
    const leave = (url: string, text: string) => ok(url, SEND, { input: { campaignKey: campaign.key, name: 'Hal', email: 'hal@example.test', text } });
    const mails = (text: string) => smtp.received.filter((mail) => mail.raw.includes(text));
    type Row = OutboxRow & { created_at: Date; next_attempt_at: Date };
    const row = async () =>
      (await queryDatabase<Row>(db.url, `select attempts, last_error, sent_at, created_at, next_attempt_at from outbox_emails where text like '%The hour-long outage%'`))[0];

    await smtp.stop();
    await leave(b.url, 'The hour-long outage');
    await waitFor('a first failed delivery', async () => ((await row())?.last_error ? true : undefined), 15_000);
    const createdAt = (await row())?.created_at as Date;

    // Five minutes at a time (the longest retry delay), an hour and five minutes in all: every step is retried, and fails.
    while (shifted < 65 * 60_000) {
      const before = (await row())?.attempts ?? 0;
      setClock(shifted + 5 * 60_000);
      const retried = await waitFor('a retry on the moved clock', async () => {
        const now = await row();
        return now && now.attempts > before ? now : undefined;
      }, 15_000);
      assert.equal(retried.sent_at, null);
      assert.match(retried.last_error ?? '', /ECONNREFUSED/);
    }
    // The last failure is recorded: after ten tries its next one is 5 minutes away, past the 60 s claim lease.
    const lastFailure = await waitFor('the last failure to be recorded', async () => {
      const now = await row();
      return now && now.attempts >= 10 && now.next_attempt_at.getTime() > Date.now() + shifted + 90_000 ? now : undefined;
    });
    assert.ok(lastFailure.next_attempt_at.getTime() - createdAt.getTime() > 60 * 60_000, 'still being retried more than an hour after it was left');
    assert.equal(mails('The hour-long outage').length, 0);

    await smtp.start();
    setClock(shifted + 5 * 60_000);
    await waitFor('the mail left an hour ago', () => (mails('The hour-long outage').length > 0 ? true : undefined), 20_000);
    await waitFor('the mail to be marked sent', async () => ((await row())?.sent_at ? true : undefined));
    // A mail left later goes through the same outbox ticks: once it has arrived, a second copy of the first would have too.
    await leave(a.url, 'After the long outage');
    await waitFor('a later mail', () => (mails('After the long outage').length > 0 ? true : undefined), 15_000);
    assert.equal(mails('The hour-long outage').length, 1, 'sent exactly once');
    assert.deepEqual(mails('The hour-long outage')[0]?.to, ['ops@example.test']);
  });
});
