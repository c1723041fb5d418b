import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ApiScope } from './role';
import { User } from './user.entity';

@ObjectType()
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', unique: true, hidden: true })
  keyHash!: string;

  @Field(() => [ApiScope])
  @Property({ type: 'json' })
  scopes!: ApiScope[];

  @ManyToOne(() => User, { deleteRule: 'set null', nullable: true })
  createdBy?: User | null;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used, to the minute.' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}

@ObjectType({ description: 'The secret key is shown once, here; only its hash is stored.' })
export class ApiKeyCreated {
  @Field()
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
