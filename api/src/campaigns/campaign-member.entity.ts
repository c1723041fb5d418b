import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { Campaign } from './campaign.entity';

/** An agent's membership of a campaign; `position` keeps member order for LINEAR routing. */
@ObjectType()
@Entity({ tableName: 'campaign_members' })
@Unique({ properties: ['campaign', 'agent'] })
export class CampaignMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Campaign, { deleteRule: 'cascade' })
  campaign!: Campaign;

  @Field(() => User)
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  agent!: User;

  @Field(() => Int)
  @Property({ type: 'integer' })
  penalty!: number;

  @Property({ type: 'integer' })
  position!: number;
}
