import { Migration } from '@mikro-orm/migrations';

/** Live WebSocket connections of contacts and agents (presence). */
export class Migration20261125030000_connections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "connections" ("id" uuid not null, "subject" text check ("subject" in ('CONTACT', 'AGENT')) not null, "subject_id" uuid not null, "instance_id" text not null, "seen_at" timestamptz not null, constraint "connections_pkey" primary key ("id"));`);
    this.addSql(`create index "connections_subject_id_index" on "connections" ("subject_id");`);
  }
}
