import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { Interaction } from '../interactions/interaction.entity';

/** A supervisor or admin following a chat that is not theirs, live: kept for the audit log. */
@ObjectType({ description: 'A supervisor watching a chat live (spy), for the audit log.' })
@Entity({ tableName: 'spy_sessions' })
@Index({ properties: ['startedAt'] })
export class SpySession {
  [OptionalProps]?: 'endedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => User)
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  supervisor!: User;

  @Field(() => Interaction)
  @ManyToOne(() => Interaction, { deleteRule: 'cascade' })
  interaction!: Interaction;

  @Field(() => User, { nullable: true, description: 'the agent of the chat when watching began' })
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  agent?: User | null;

  @Field()
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;
}
