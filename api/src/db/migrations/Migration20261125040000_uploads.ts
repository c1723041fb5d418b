import { Migration } from '@mikro-orm/migrations';

/** Files and voice notes uploaded into chats. */
export class Migration20261125040000_uploads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "uploads" ("id" uuid not null, "interaction_id" uuid not null, "uploader_id" uuid not null, "kind" text check ("kind" in ('FILE', 'VOICE_NOTE')) not null, "name" text not null, "mime_type" text not null, "size" int not null, "storage_name" text not null, "used" boolean not null default false, "created_at" timestamptz not null, constraint "uploads_pkey" primary key ("id"));`);
    this.addSql(`alter table "uploads" add constraint "uploads_interaction_id_foreign" foreign key ("interaction_id") references "interactions" ("id") on update cascade on delete cascade;`);
  }
}
