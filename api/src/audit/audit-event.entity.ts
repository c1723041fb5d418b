import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';

/** Who changed which setting, and when. */
@ObjectType({ description: 'A change to the configuration, for the audit log.' })
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['at'] })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => User, { nullable: true, description: 'null when the account was deleted' })
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor?: User | null;

  @Field({ description: 'what was done, e.g. campaign.updated, user.deactivated, apiKey.revoked' })
  @Property({ type: 'text' })
  action!: string;

  @Field({ description: 'the kind of thing changed: campaign, user, apiKey, qualityModel, pauseReasons' })
  @Property({ type: 'text' })
  subjectType!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  subjectId?: string | null;

  @Field(() => [String], { description: 'the settings that changed (names, never secrets)' })
  @Property({ type: 'json' })
  changes: string[] = [];

  @Field()
  @Property({ type: 'datetime' })
  at!: Date;
}
