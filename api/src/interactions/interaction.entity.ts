import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Language } from '../campaigns/campaign.enums';
import { Contact } from '../contacts/contact.entity';
import { CloseReason, InteractionState } from './interaction.enums';
import { Feedback, QualityAnswer } from './interaction.types';

/** States in which an interaction still waits for, or has, an agent. */
export const OPEN_STATES = [InteractionState.QUEUED, InteractionState.OFFERED, InteractionState.ACTIVE] as const;

/**
 * One customer conversation on a campaign, from arrival to its end. At most
 * one open interaction per contact and campaign (a partial unique index).
 */
@ObjectType()
@Entity({ tableName: 'interactions' })
@Index({ properties: ['campaign', 'state', 'queuedAt'] })
@Index({ properties: ['agent', 'state'] })
@Index({ properties: ['contact', 'queuedAt'] })
@Unique({
  name: 'interactions_one_open_chat',
  expression: `create unique index "interactions_one_open_chat" on "interactions" ("contact_id", "campaign_id") where "state" in ('QUEUED', 'OFFERED', 'ACTIVE')`,
})
export class Interaction {
  [OptionalProps]?: 'nextSeq' | 'outOfHours' | 'language' | 'contactReadSeq' | 'agentReadSeq' | 'contactMessagesWindow' | 'contactMessagesNow' | 'contactMessagesBefore';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Campaign)
  @ManyToOne(() => Campaign, { deleteRule: 'cascade' })
  campaign!: Campaign;

  @Field(() => Contact)
  @ManyToOne(() => Contact, { deleteRule: 'cascade' })
  contact!: Contact;

  @Field(() => InteractionState)
  @Enum({ items: () => InteractionState })
  state!: InteractionState;

  @Field(() => CloseReason, { nullable: true })
  @Enum({ items: () => CloseReason, nullable: true })
  closeReason?: CloseReason | null;

  @Field(() => User, { nullable: true })
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  agent?: User | null;

  @Field(() => String, { nullable: true, description: 'page origin the chat came from' })
  @Property({ type: 'text', nullable: true })
  origin?: string | null;

  @Field()
  @Property({ type: 'boolean' })
  outOfHours: boolean = false;

  @Enum({ items: () => Language })
  language: Language = Language.EN;

  @Field()
  @Property({ type: 'datetime' })
  queuedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'waiting time before an agent answered' })
  @Property({ type: 'integer', nullable: true })
  holdSeconds?: number | null;

  @Field(() => Feedback, { nullable: true })
  @Property({ type: 'json', nullable: true })
  feedback?: Feedback | null;

  @Field(() => [QualityAnswer], { nullable: true })
  @Property({ type: 'json', nullable: true })
  quality?: QualityAnswer[] | null;

  /** Weighted score 0..1 of the quality answers, when the campaign has a model. */
  @Field(() => Number, { nullable: true, description: 'weighted quality score from 0 to 1' })
  @Property({ type: 'double', nullable: true })
  qualityScore?: number | null;

  /** Why the router chose the agent: strategy, candidates, reason. */
  @Property({ type: 'json', nullable: true })
  routing?: Record<string, unknown> | null;

  @Field(() => Int, { description: 'the last seq the contact has read' })
  @Property({ type: 'integer' })
  contactReadSeq: number = 0;

  @Field(() => Int, { description: 'the last seq the agent has read' })
  @Property({ type: 'integer' })
  agentReadSeq: number = 0;

  /** The seq the next message takes; messages are numbered 1, 2, 3 ... without gaps. */
  @Property({ type: 'integer' })
  nextSeq: number = 1;

  /** The contact's message budget, counted by the statement that stores each message (see message-budget.ts): the minute counted in... */
  @Property({ type: 'integer', hidden: true })
  contactMessagesWindow: number = 0;

  /** ...the contact's messages in that minute... */
  @Property({ type: 'integer', hidden: true })
  contactMessagesNow: number = 0;

  /** ...and in the minute before it. */
  @Property({ type: 'integer', hidden: true })
  contactMessagesBefore: number = 0;
}
