import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { SenderKind } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';
import { CallEndReason, CallKind, CallSide, CallState } from './call.enums';
import { durationSeconds } from './call-policy';

/** An audio or video call within a chat, through the media server: at most one ringing or active per chat. */
@ObjectType({ description: 'An audio or video call within a chat, through the media server.' })
@Entity({ tableName: 'calls' })
@Index({ properties: ['interaction', 'createdAt'] })
@Index({ name: 'calls_open_index', expression: `create index "calls_open_index" on "calls" ("state") where "state" in ('RINGING', 'ACTIVE')` })
@Unique({ name: 'calls_one_open_per_chat', expression: `create unique index "calls_one_open_per_chat" on "calls" ("interaction_id") where "state" in ('RINGING', 'ACTIVE')` })
export class Call {
  [OptionalProps]?: 'answeredAt' | 'endedAt' | 'endReason' | 'mediaSeen' | 'mediaAbsentSince' | 'interactionId' | 'durationSeconds';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Interaction, { deleteRule: 'cascade' })
  interaction!: Interaction;

  @Field(() => ID)
  get interactionId(): string {
    return this.interaction.id;
  }

  @Field(() => CallKind)
  @Enum({ items: () => CallKind })
  kind!: CallKind;

  @Field(() => CallState)
  @Enum({ items: () => CallState })
  state!: CallState;

  @Field(() => SenderKind, { description: 'CONTACT or AGENT' })
  @Enum({ items: () => CallSide })
  startedBy!: CallSide;

  /** The chat's agent when the call started: the call's staff side, whose inMediaCall it sets. */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  agent!: User;

  /** The Janus VideoRoom (string id). */
  @Property({ type: 'text' })
  room!: string;

  @Field()
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;

  @Field(() => CallEndReason, { nullable: true })
  @Enum({ items: () => CallEndReason, nullable: true })
  endReason?: CallEndReason | null;

  /** Participants the sweeper has seen in the room: one of them missing for long ends the call. */
  @Property({ type: 'json' })
  mediaSeen: string[] = [];

  @Property({ type: 'datetime', nullable: true })
  mediaAbsentSince?: Date | null;

  @Field(() => Int, { nullable: true, description: 'answered to ended; null until ended (0 when never answered)' })
  get durationSeconds(): number | null {
    return this.endedAt ? durationSeconds(this.answeredAt ?? null, this.endedAt) : null;
  }
}
