import { Migration } from '@mikro-orm/migrations';

/** When the recipient of a staff message read it. */
export class Migration20261126060000_staff_read_marks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "staff_messages" add column "read_at" timestamptz null;`);
  }
}
