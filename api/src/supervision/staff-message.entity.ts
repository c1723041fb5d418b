import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';

/** A message between a supervisor and an agent, beside the customers' chats. */
@ObjectType({ description: 'A message between staff: a supervisor and an agent.' })
@Entity({ tableName: 'staff_messages' })
@Index({ properties: ['sender', 'recipient', 'createdAt'] })
@Unique({ properties: ['sender', 'clientId'] })
export class StaffMessage {
  [OptionalProps]?: 'readAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => User, { name: 'from' })
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  sender!: User;

  @Field(() => User, { name: 'to' })
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  recipient!: User;

  @Field(() => ID, { description: 'sender-chosen id; a resend returns the first message' })
  @Property({ type: 'text' })
  clientId!: string;

  @Field()
  @Property({ type: 'text' })
  text!: string;

  @Field()
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'when the recipient read it' })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;
}
