import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { SenderKind } from './interaction.enums';
import { Interaction } from './interaction.entity';
import { Attachment, Sender } from './interaction.types';

@ObjectType()
@Entity({ tableName: 'messages' })
@Unique({ properties: ['interaction', 'seq'] })
@Unique({ properties: ['interaction', 'clientId'] })
export class Message {
  [OptionalProps]?: 'createdAt' | 'interactionId' | 'sender';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Interaction, { deleteRule: 'cascade' })
  interaction!: Interaction;

  @Field(() => Int)
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  clientId?: string | null;

  @Enum({ items: () => SenderKind })
  senderKind!: SenderKind;

  @Property({ type: 'text', nullable: true })
  senderName?: string | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  senderUser?: User | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  text?: string | null;

  @Field(() => Attachment, { nullable: true })
  @Property({ type: 'json', nullable: true })
  attachment?: Attachment | null;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => ID)
  get interactionId(): string {
    return this.interaction.id;
  }

  @Field(() => Sender)
  get sender(): Sender {
    return { kind: this.senderKind, name: this.senderName ?? null, userId: this.senderUser?.id ?? null };
  }
}
