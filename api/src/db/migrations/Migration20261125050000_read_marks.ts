import { Migration } from '@mikro-orm/migrations';

/** How far the contact and the agent have read each chat. */
export class Migration20261125050000_read_marks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "interactions" add column "contact_read_seq" int not null default 0, add column "agent_read_seq" int not null default 0;`);
  }
}
