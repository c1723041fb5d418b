import { Field, Int, ObjectType } from 'type-graphql';

/** Value objects of a campaign, stored as JSON columns and exposed as-is. */

@ObjectType()
export class LocalizedText {
  @Field() en!: string;
  @Field() es!: string;
  @Field() pt!: string;
}

@ObjectType()
export class ScheduleRange {
  /** 0 = Sunday */
  @Field(() => Int) weekday!: number;
  /** "HH:MM", local time of the schedule's timezone */
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType()
export class ScheduleException {
  /** "YYYY-MM-DD" in the schedule's timezone */
  @Field() date!: string;
  @Field() closed!: boolean;
  @Field(() => [ScheduleRange]) ranges!: ScheduleRange[];
}

@ObjectType()
export class Schedule {
  @Field() timezone!: string;
  @Field(() => [ScheduleRange]) ranges!: ScheduleRange[];
  @Field(() => [ScheduleException]) exceptions!: ScheduleException[];
}

@ObjectType()
export class Thresholds {
  @Field(() => Int) serviceLevelSeconds!: number;
  @Field(() => Int) abandonSeconds!: number;
  @Field(() => Int) chatTimeWarnSeconds!: number;
  @Field(() => Int) chatTimeLimitSeconds!: number;
  @Field(() => Int) agentIdleWarnSeconds!: number;
  @Field(() => Int) acd!: number;
  @Field(() => Int) maxChats!: number;
  @Field(() => Int) waitTimeoutSeconds!: number;
  @Field(() => Int) autoFinishSeconds!: number;
}

@ObjectType()
export class CustomField {
  @Field() label!: string;
  @Field() visible!: boolean;
  @Field() required!: boolean;
}
