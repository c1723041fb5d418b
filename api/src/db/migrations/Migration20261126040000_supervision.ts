import { Migration } from '@mikro-orm/migrations';

/** Spy sessions for the audit log, and messages between supervisors and agents. */
export class Migration20261126040000_supervision extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "spy_sessions" ("id" uuid not null, "supervisor_id" uuid not null, "interaction_id" uuid not null, "agent_id" uuid null, "started_at" timestamptz not null, "ended_at" timestamptz null, constraint "spy_sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "spy_sessions_started_at_index" on "spy_sessions" ("started_at");`);
    this.addSql(`alter table "spy_sessions" add constraint "spy_sessions_supervisor_id_foreign" foreign key ("supervisor_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "spy_sessions" add constraint "spy_sessions_interaction_id_foreign" foreign key ("interaction_id") references "interactions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "spy_sessions" add constraint "spy_sessions_agent_id_foreign" foreign key ("agent_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`create table "staff_messages" ("id" uuid not null, "sender_id" uuid not null, "recipient_id" uuid not null, "client_id" text not null, "text" text not null, "created_at" timestamptz not null, constraint "staff_messages_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_messages_sender_id_recipient_id_created_at_index" on "staff_messages" ("sender_id", "recipient_id", "created_at");`);
    this.addSql(`alter table "staff_messages" add constraint "staff_messages_sender_id_client_id_unique" unique ("sender_id", "client_id");`);
    this.addSql(`alter table "staff_messages" add constraint "staff_messages_sender_id_foreign" foreign key ("sender_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "staff_messages" add constraint "staff_messages_recipient_id_foreign" foreign key ("recipient_id") references "users" ("id") on update cascade on delete cascade;`);
  }
}
