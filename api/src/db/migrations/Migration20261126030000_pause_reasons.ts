import { Migration } from '@mikro-orm/migrations';

/** The installation's pause reasons, with a default list admins can change. */
export class Migration20261126030000_pause_reasons extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "pause_reasons" ("position" int not null, "text" text not null, constraint "pause_reasons_pkey" primary key ("position"));`);
    this.addSql(`alter table "pause_reasons" add constraint "pause_reasons_text_unique" unique ("text");`);
    this.addSql(`insert into "pause_reasons" ("position", "text") values (1, 'Break'), (2, 'Lunch'), (3, 'Training'), (4, 'Meeting'), (5, 'Back-office work');`);
  }
}
