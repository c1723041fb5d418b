import { Migration } from '@mikro-orm/migrations';

/** The email outbox for offline messages. */
export class Migration20261125020000_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "outbox_emails" ("id" uuid not null, "to" text not null, "reply_to" text null, "subject" text not null, "text" text not null, "created_at" timestamptz not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "sent_at" timestamptz null, "last_error" text null, constraint "outbox_emails_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_emails_sent_at_next_attempt_at_index" on "outbox_emails" ("sent_at", "next_attempt_at");`);
  }
}
