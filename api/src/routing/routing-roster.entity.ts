import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A campaign's members in order, as routing explanations name them: kept
 * once under a hash of their ids (see stored-explanation.ts), never changed.
 */
@Entity({ tableName: 'routing_rosters' })
export class RoutingRoster {
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The members' ids. */
  @Property({ type: 'json' })
  members!: string[];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
