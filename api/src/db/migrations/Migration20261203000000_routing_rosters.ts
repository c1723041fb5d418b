import { Migration } from '@mikro-orm/migrations';

/** Routing explanations name their members' roster, kept once (see stored-explanation.ts). */
export class Migration20261203000000_routing_rosters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "routing_rosters" ("id" text not null, "members" jsonb not null, "created_at" timestamptz not null, constraint "routing_rosters_pkey" primary key ("id"));`);
  }
}
