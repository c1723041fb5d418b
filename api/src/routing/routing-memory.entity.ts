import { Entity, ManyToOne, OneToOne, Property } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';

/** What RRMEMORY remembers per campaign: the last agent served. */
@Entity({ tableName: 'routing_memory' })
export class RoutingMemory {
  @OneToOne(() => Campaign, { primary: true, deleteRule: 'cascade' })
  campaign!: Campaign;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  lastAgent?: User | null;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
