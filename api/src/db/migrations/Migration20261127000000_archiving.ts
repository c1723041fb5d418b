import { Migration } from '@mikro-orm/migrations';

/** Archived campaigns and quality models: out of use and off the lists, with their chats and statistics kept. */
export class Migration20261127000000_archiving extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "campaigns" add column "archived_at" timestamptz null;`);
    this.addSql(`alter table "quality_models" add column "archived_at" timestamptz null;`);
  }
}
