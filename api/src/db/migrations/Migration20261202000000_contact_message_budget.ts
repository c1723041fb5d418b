import { Migration } from '@mikro-orm/migrations';

/** A chat's budget of customer messages: the minute counted in, its messages and the previous minute's (see message-budget.ts). */
export class Migration20261202000000_contact_message_budget extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "interactions" add column "contact_messages_window" int not null default 0, add column "contact_messages_now" int not null default 0, add column "contact_messages_before" int not null default 0;`,
    );
  }
}
