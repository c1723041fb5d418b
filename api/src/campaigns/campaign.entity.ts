import { randomBytes, randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { QualityModel } from '../quality/quality-model.entity';
import { Availability, Distribution } from './campaign.enums';
import { CustomField, LocalizedText, Schedule, Thresholds } from './campaign.types';

/** 128 random bits: the public widget key cannot be guessed or enumerated. */
export const newCampaignKey = (): string => randomBytes(16).toString('base64url');

@ObjectType()
@Entity({ tableName: 'campaigns' })
export class Campaign {
  [OptionalProps]?: 'key' | 'createdAt' | 'updatedAt' | 'offerTimeoutSeconds';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'public widget key used by the embed code' })
  @Property({ type: 'text', unique: true })
  key: string = newCampaignKey();

  @Field() @Property({ type: 'text' }) name!: string;
  @Field() @Property({ type: 'boolean' }) enabled!: boolean;

  @Field(() => Distribution)
  @Enum({ items: () => Distribution })
  distribution!: Distribution;

  @Field(() => Availability)
  @Enum({ items: () => Availability })
  availability!: Availability;

  @Field(() => Float) @Property({ type: 'double' }) serviceLevelTarget!: number;
  @Field(() => Schedule) @Property({ type: 'json' }) schedule!: Schedule;
  @Field(() => LocalizedText) @Property({ type: 'json' }) welcomeMessage!: LocalizedText;
  @Field(() => LocalizedText) @Property({ type: 'json' }) outOfTimeMessage!: LocalizedText;
  @Field(() => LocalizedText) @Property({ type: 'json' }) notAvailableMessage!: LocalizedText;
  @Field(() => LocalizedText) @Property({ type: 'json' }) feedbackMessage!: LocalizedText;
  @Field(() => Int) @Property({ type: 'integer' }) maxInteractionsPerAgent!: number;
  @Field(() => Int, { description: 'RINGALL: an offer nobody accepts within this many seconds goes to the next eligible agents' })
  @Property({ type: 'integer', default: 30 })
  offerTimeoutSeconds: number = 30;

  @ManyToOne(() => QualityModel, { nullable: true, deleteRule: 'set null' })
  qualityModel?: QualityModel | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  automaticAgentMessage?: string | null;

  @Field(() => Thresholds) @Property({ type: 'json' }) thresholds!: Thresholds;
  @Field() @Property({ type: 'text' }) colour!: string;
  @Field() @Property({ type: 'boolean' }) showAgentName!: boolean;
  @Field() @Property({ type: 'boolean' }) feedbackEnabled!: boolean;
  @Field() @Property({ type: 'boolean' }) emailRequired!: boolean;
  @Field() @Property({ type: 'boolean' }) mediaEnabled!: boolean;
  @Field() @Property({ type: 'boolean' }) offlineMessageEnabled!: boolean;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  offlineMessageEmail?: string | null;

  @Field(() => CustomField) @Property({ type: 'json' }) customField!: CustomField;
  @Field(() => [String]) @Property({ type: 'json' }) allowedDomains!: string[];

  @Field(() => Date, { nullable: true, description: 'when the campaign was archived: it takes no chats and is listed only on request; null while in use' })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;

  @Property({ type: 'datetime' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
