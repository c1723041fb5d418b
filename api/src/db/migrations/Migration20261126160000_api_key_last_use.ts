import { Migration } from '@mikro-orm/migrations';

/** When an API key was last used, recorded at most once a minute. */
export class Migration20261126160000_api_key_last_use extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_keys" add column "last_used_at" timestamptz null;`);
  }
}
