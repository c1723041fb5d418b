import { randomUUID } from 'node:crypto';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from './role';

@ObjectType()
@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?: 'createdAt' | 'active';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  /** Stored lower-cased; unique. */
  @Field()
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => Role)
  @Enum({ items: () => Role })
  role!: Role;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** A deactivated account cannot sign in; its sessions ended when it was deactivated. */
  @Field()
  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}
