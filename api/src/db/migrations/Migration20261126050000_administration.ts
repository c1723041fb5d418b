import { Migration } from '@mikro-orm/migrations';

/** Deactivated accounts, and the audit log of configuration changes. */
export class Migration20261126050000_administration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "active" boolean not null default true;`);
    this.addSql(`create table "audit_events" ("id" uuid not null, "actor_id" uuid null, "action" text not null, "subject_type" text not null, "subject_id" uuid null, "changes" jsonb not null, "at" timestamptz not null, constraint "audit_events_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_events_at_index" on "audit_events" ("at");`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
  }
}
