import { Migration } from '@mikro-orm/migrations';

/** Users, sessions, API keys, contacts, quality models, campaigns with members and canned responses. */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "contacts" ("id" uuid not null, "name" text not null, "email" text null, "custom_field_value" text null, "created_at" timestamptz not null, constraint "contacts_pkey" primary key ("id"));`);
    this.addSql(`create index "contacts_email_index" on "contacts" ("email");`);
    this.addSql(`create table "login_failures" ("id" bigserial primary key, "email" text not null, "at" timestamptz not null);`);
    this.addSql(`create index "login_failures_email_at_index" on "login_failures" ("email", "at");`);
    this.addSql(`create table "quality_models" ("id" uuid not null, "name" text not null, "questions" jsonb not null, "created_at" timestamptz not null, constraint "quality_models_pkey" primary key ("id"));`);
    this.addSql(`create table "campaigns" ("id" uuid not null, "key" text not null, "name" text not null, "enabled" boolean not null, "distribution" text check ("distribution" in ('RRMEMORY', 'LEASTRECENT', 'FEWEST', 'LINEAR', 'RANDOM', 'WRANDOM', 'RINGALL', 'AGENT_PICKS')) not null, "availability" text check ("availability" in ('INTERACTION', 'NOCALL', 'INCALL', 'NOPAUSE')) not null, "service_level_target" double precision not null, "schedule" jsonb not null, "welcome_message" jsonb not null, "out_of_time_message" jsonb not null, "not_available_message" jsonb not null, "feedback_message" jsonb not null, "max_interactions_per_agent" int not null, "quality_model_id" uuid null, "automatic_agent_message" text null, "thresholds" jsonb not null, "colour" text not null, "show_agent_name" boolean not null, "feedback_enabled" boolean not null, "email_required" boolean not null, "media_enabled" boolean not null, "offline_message_enabled" boolean not null, "offline_message_email" text null, "custom_field" jsonb not null, "allowed_domains" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "campaigns_pkey" primary key ("id"));`);
    this.addSql(`alter table "campaigns" add constraint "campaigns_key_unique" unique ("key");`);
    this.addSql(`create table "canned_responses" ("id" uuid not null, "campaign_id" uuid not null, "shortcut" text not null, "text" text not null, constraint "canned_responses_pkey" primary key ("id"));`);
    this.addSql(`alter table "canned_responses" add constraint "canned_responses_campaign_id_shortcut_unique" unique ("campaign_id", "shortcut");`);
    this.addSql(`create table "users" ("id" uuid not null, "name" text not null, "email" text not null, "password_hash" text not null, "role" text check ("role" in ('ADMIN', 'SUPERVISOR', 'AGENT')) not null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`create table "staff_sessions" ("id" uuid not null, "token_hash" text not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "staff_sessions_pkey" primary key ("id"));`);
    this.addSql(`alter table "staff_sessions" add constraint "staff_sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create table "campaign_members" ("id" uuid not null, "campaign_id" uuid not null, "agent_id" uuid not null, "penalty" int not null, "position" int not null, constraint "campaign_members_pkey" primary key ("id"));`);
    this.addSql(`alter table "campaign_members" add constraint "campaign_members_campaign_id_agent_id_unique" unique ("campaign_id", "agent_id");`);
    this.addSql(`create table "api_keys" ("id" uuid not null, "name" text not null, "key_hash" text not null, "scopes" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);
    this.addSql(`create table "visitor_sessions" ("id" uuid not null, "token_hash" text not null, "contact_id" uuid not null, "campaign_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "visitor_sessions_pkey" primary key ("id"));`);
    this.addSql(`alter table "visitor_sessions" add constraint "visitor_sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "campaigns" add constraint "campaigns_quality_model_id_foreign" foreign key ("quality_model_id") references "quality_models" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "canned_responses" add constraint "canned_responses_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "staff_sessions" add constraint "staff_sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "campaign_members" add constraint "campaign_members_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "campaign_members" add constraint "campaign_members_agent_id_foreign" foreign key ("agent_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "visitor_sessions" add constraint "visitor_sessions_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "visitor_sessions" add constraint "visitor_sessions_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`);
  }
}
