import { Migration } from '@mikro-orm/migrations';

/** RINGALL offers expire after the campaign's offerTimeoutSeconds and move on to the next eligible agents. */
export class Migration20261126020000_offer_expiry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "campaigns" add column "offer_timeout_seconds" int not null default 30;`);
    this.addSql(`alter table "interaction_offers" add column "expired_at" timestamptz null;`);
    this.addSql(`alter table "deadlines" drop constraint if exists "deadlines_kind_check";`);
    this.addSql(`alter table "deadlines" add constraint "deadlines_kind_check" check ("kind" in ('WAIT_TIMEOUT', 'AUTO_FINISH', 'AGENT_GONE', 'OFFER_EXPIRY'));`);
  }
}
