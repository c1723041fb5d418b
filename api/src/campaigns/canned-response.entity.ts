import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Campaign } from './campaign.entity';

@ObjectType()
@Entity({ tableName: 'canned_responses' })
@Unique({ properties: ['campaign', 'shortcut'] })
export class CannedResponse {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Campaign, { deleteRule: 'cascade' })
  campaign!: Campaign;

  /** Typed after "/" in the agent's composer, e.g. "hello". */
  @Field()
  @Property({ type: 'text' })
  shortcut!: string;

  @Field()
  @Property({ type: 'text' })
  text!: string;
}
