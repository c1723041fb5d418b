import { Migration } from '@mikro-orm/migrations';

/** Sign-in counters per account and per client address, counted before the password is checked; replaces login_failures. */
export class Migration20261126010000_sign_in_throttle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists "login_failures";`);
    this.addSql(`create table "sign_in_throttles" ("key" text not null, "failures" int not null, "last_attempt_at" timestamptz not null, constraint "sign_in_throttles_pkey" primary key ("key"));`);
    this.addSql(`create index "sign_in_throttles_last_attempt_at_index" on "sign_in_throttles" ("last_attempt_at");`);
  }
}
