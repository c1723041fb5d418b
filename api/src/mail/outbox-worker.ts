import nodemailer, { type Transporter } from 'nodemailer';
import type { AppDeps } from '../graphql/context';

const BATCH = 20;
/** A claimed row is not claimed again for this long, so two instances never send it twice. */
const LEASE_SECONDS = 60;

/** Wait before the next try: 1 s, 2 s, 4 s ... at most 5 minutes. */
export const retryDelaySeconds = (attempts: number): number => Math.min(300, 2 ** Math.max(0, attempts - 1));

/**
 * Sends due outbox emails through SMTP_URL. A failure leaves the row for a
 * later try with a growing delay; nothing is lost while the server is down.
 */
export function createOutboxSender(deps: AppDeps): { sendDue(): Promise<number>; close(): void } {
  const transport: Transporter | undefined = deps.config.smtpUrl ? nodemailer.createTransport(deps.config.smtpUrl) : undefined;
  let warned = false;
  return {
    close: () => transport?.close(),
    sendDue: async () => {
      if (!transport) {
        if (!warned) deps.logger.warn('SMTP_URL is not set: offline-message emails wait in the outbox');
        warned = true;
        return 0;
      }
      const connection = deps.orm.em.fork().getConnection();
      const claimed = await connection.execute<{ id: string; to: string; reply_to: string | null; subject: string; text: string; attempts: number }[]>(
        `update outbox_emails set next_attempt_at = ?::timestamptz + interval '${LEASE_SECONDS} seconds', attempts = attempts + 1
          where id in (select id from outbox_emails where sent_at is null and next_attempt_at <= ? order by next_attempt_at limit ${BATCH} for update skip locked)
          returning id, "to", reply_to, subject, text, attempts`,
        [deps.now(), deps.now()],
      );
      let sent = 0;
      for (const email of claimed) {
        try {
          await transport.sendMail({ from: deps.config.mailFrom, to: email.to, replyTo: email.reply_to ?? undefined, subject: email.subject, text: email.text });
          await connection.execute('update outbox_emails set sent_at = ?, last_error = null where id = ?', [deps.now(), email.id]);
          sent += 1;
        } catch (error) {
          const retryAt = new Date(deps.now().getTime() + retryDelaySeconds(email.attempts) * 1000);
          await connection.execute('update outbox_emails set next_attempt_at = ?, last_error = ? where id = ?', [retryAt, String((error as Error).message).slice(0, 500), email.id]);
          deps.logger.warn({ email: email.id, attempts: email.attempts, err: error }, 'offline-message email not sent yet; will retry');
        }
      }
      return sent;
    },
  };
}
