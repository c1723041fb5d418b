import { Migration } from '@mikro-orm/migrations';

/** Calls within chats and supervisors' screen monitoring, through media rooms; a call's ring time-out is a stored deadline. */
export class Migration20261201000000_calls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "calls" ("id" uuid not null, "interaction_id" uuid not null, "kind" text check ("kind" in ('AUDIO', 'VIDEO')) not null, "state" text check ("state" in ('RINGING', 'ACTIVE', 'ENDED')) not null, "started_by" text check ("started_by" in ('CONTACT', 'AGENT')) not null, "agent_id" uuid not null, "room" text not null, "created_at" timestamptz not null, "answered_at" timestamptz null, "ended_at" timestamptz null, "end_reason" text check ("end_reason" in ('HUNG_UP', 'DECLINED', 'NOT_ANSWERED', 'DISCONNECTED', 'CHAT_CLOSED')) null, "media_seen" jsonb not null, "media_absent_since" timestamptz null, constraint "calls_pkey" primary key ("id"));`);
    this.addSql(`create index "calls_open_index" on "calls" ("state") where "state" in ('RINGING', 'ACTIVE');`);
    this.addSql(`create index "calls_interaction_id_created_at_index" on "calls" ("interaction_id", "created_at");`);
    this.addSql(`create unique index "calls_one_open_per_chat" on "calls" ("interaction_id") where "state" in ('RINGING', 'ACTIVE');`);
    this.addSql(`alter table "calls" add constraint "calls_interaction_id_foreign" foreign key ("interaction_id") references "interactions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "calls" add constraint "calls_agent_id_foreign" foreign key ("agent_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "screen_monitorings" ("id" uuid not null, "agent_id" uuid not null, "supervisor_id" uuid not null, "state" text check ("state" in ('STARTING', 'LIVE', 'ENDED')) not null, "room" text not null, "started_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" text null, "media_seen" jsonb not null, "media_absent_since" timestamptz null, constraint "screen_monitorings_pkey" primary key ("id"));`);
    this.addSql(`create index "screen_monitorings_open_index" on "screen_monitorings" ("state") where "state" in ('STARTING', 'LIVE');`);
    this.addSql(`create index "screen_monitorings_started_at_index" on "screen_monitorings" ("started_at");`);
    this.addSql(`create unique index "screen_monitorings_one_open_per_pair" on "screen_monitorings" ("agent_id", "supervisor_id") where "state" in ('STARTING', 'LIVE');`);
    this.addSql(`alter table "screen_monitorings" add constraint "screen_monitorings_agent_id_foreign" foreign key ("agent_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "screen_monitorings" add constraint "screen_monitorings_supervisor_id_foreign" foreign key ("supervisor_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "deadlines" drop constraint if exists "deadlines_kind_check";`);
    this.addSql(`alter table "deadlines" add constraint "deadlines_kind_check" check ("kind" in ('WAIT_TIMEOUT', 'AUTO_FINISH', 'AGENT_GONE', 'OFFER_EXPIRY', 'CALL_RING'));`);
  }
}
