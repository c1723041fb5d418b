import { Migration } from '@mikro-orm/migrations';

/** Interactions, messages, agent states, routing memory, RINGALL offers and stored deadlines. */
export class Migration20261125010000_conversations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "deadlines" ("kind" text check ("kind" in ('WAIT_TIMEOUT', 'AUTO_FINISH', 'AGENT_GONE')) not null, "subject_id" uuid not null, "due_at" timestamptz not null, constraint "deadlines_pkey" primary key ("kind", "subject_id"));`);
    this.addSql(`create index "deadlines_due_at_index" on "deadlines" ("due_at");`);
    this.addSql(`create table "routing_memory" ("campaign_id" uuid not null, "last_agent_id" uuid null, "updated_at" timestamptz not null, constraint "routing_memory_pkey" primary key ("campaign_id"));`);
    this.addSql(`create table "interactions" ("id" uuid not null, "campaign_id" uuid not null, "contact_id" uuid not null, "state" text check ("state" in ('QUEUED', 'OFFERED', 'ACTIVE', 'CLOSED', 'ABANDONED', 'REJECTED', 'OFFLINE_MESSAGE')) not null, "close_reason" text check ("close_reason" in ('AGENT_CLOSED', 'CONTACT_LEFT', 'AUTO_FINISHED', 'NOT_AVAILABLE', 'QUEUE_FULL', 'WAIT_TIMEOUT', 'OUT_OF_TIME', 'CAMPAIGN_DISABLED', 'AGENT_LOGGED_OUT')) null, "agent_id" uuid null, "origin" text null, "out_of_hours" boolean not null default false, "language" text check ("language" in ('EN', 'ES', 'PT')) not null default 'EN', "queued_at" timestamptz not null, "answered_at" timestamptz null, "closed_at" timestamptz null, "hold_seconds" int null, "feedback" jsonb null, "quality" jsonb null, "quality_score" double precision null, "routing" jsonb null, "next_seq" int not null default 1, constraint "interactions_pkey" primary key ("id"));`);
    this.addSql(`create index "interactions_contact_id_queued_at_index" on "interactions" ("contact_id", "queued_at");`);
    this.addSql(`create index "interactions_agent_id_state_index" on "interactions" ("agent_id", "state");`);
    this.addSql(`create index "interactions_campaign_id_state_queued_at_index" on "interactions" ("campaign_id", "state", "queued_at");`);
    this.addSql(`create unique index "interactions_one_open_chat" on "interactions" ("contact_id", "campaign_id") where "state" in ('QUEUED', 'OFFERED', 'ACTIVE');`);
    this.addSql(`create table "messages" ("id" uuid not null, "interaction_id" uuid not null, "seq" int not null, "client_id" text null, "sender_kind" text check ("sender_kind" in ('CONTACT', 'AGENT', 'SUPERVISOR', 'SYSTEM')) not null, "sender_name" text null, "sender_user_id" uuid null, "text" text null, "attachment" jsonb null, "created_at" timestamptz not null, constraint "messages_pkey" primary key ("id"));`);
    this.addSql(`alter table "messages" add constraint "messages_interaction_id_client_id_unique" unique ("interaction_id", "client_id");`);
    this.addSql(`alter table "messages" add constraint "messages_interaction_id_seq_unique" unique ("interaction_id", "seq");`);
    this.addSql(`create table "interaction_offers" ("interaction_id" uuid not null, "agent_id" uuid not null, "created_at" timestamptz not null, constraint "interaction_offers_pkey" primary key ("interaction_id", "agent_id"));`);
    this.addSql(`create table "agent_status" ("agent_id" uuid not null, "state" text check ("state" in ('OFFLINE', 'AVAILABLE', 'PAUSED')) not null default 'OFFLINE', "pause_reason" text null, "changed_at" timestamptz not null, "in_media_call" boolean not null default false, "last_interaction_ended_at" timestamptz null, constraint "agent_status_pkey" primary key ("agent_id"));`);
    this.addSql(`alter table "routing_memory" add constraint "routing_memory_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "routing_memory" add constraint "routing_memory_last_agent_id_foreign" foreign key ("last_agent_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "interactions" add constraint "interactions_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interactions" add constraint "interactions_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interactions" add constraint "interactions_agent_id_foreign" foreign key ("agent_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "messages" add constraint "messages_interaction_id_foreign" foreign key ("interaction_id") references "interactions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "messages" add constraint "messages_sender_user_id_foreign" foreign key ("sender_user_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "interaction_offers" add constraint "interaction_offers_interaction_id_foreign" foreign key ("interaction_id") references "interactions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interaction_offers" add constraint "interaction_offers_agent_id_foreign" foreign key ("agent_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agent_status" add constraint "agent_status_agent_id_foreign" foreign key ("agent_id") references "users" ("id") on update cascade on delete cascade;`);
  }
}
