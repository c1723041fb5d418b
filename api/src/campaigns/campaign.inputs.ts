import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Availability, Distribution } from './campaign.enums';

@InputType()
export class LocalizedTextInput {
  @Field() en!: string;
  @Field() es!: string;
  @Field() pt!: string;
}

@InputType()
export class ScheduleRangeInput {
  @Field(() => Int) weekday!: number;
  @Field() start!: string;
  @Field() end!: string;
}

@InputType()
export class ScheduleExceptionInput {
  @Field() date!: string;
  @Field() closed!: boolean;
  @Field(() => [ScheduleRangeInput], { nullable: true }) ranges?: ScheduleRangeInput[] | null;
}

@InputType()
export class ScheduleInput {
  @Field() timezone!: string;
  @Field(() => [ScheduleRangeInput]) ranges!: ScheduleRangeInput[];
  @Field(() => [ScheduleExceptionInput], { nullable: true }) exceptions?: ScheduleExceptionInput[] | null;
}

@InputType()
export class ThresholdsInput {
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

@InputType()
export class CustomFieldInput {
  @Field() label!: string;
  @Field() visible!: boolean;
  @Field() required!: boolean;
}

@InputType()
export class CampaignInput {
  @Field() name!: string;
  @Field() enabled!: boolean;
  @Field(() => Distribution) distribution!: Distribution;
  @Field(() => Availability) availability!: Availability;
  @Field(() => Float) serviceLevelTarget!: number;
  @Field(() => ScheduleInput) schedule!: ScheduleInput;
  @Field(() => LocalizedTextInput) welcomeMessage!: LocalizedTextInput;
  @Field(() => LocalizedTextInput) outOfTimeMessage!: LocalizedTextInput;
  @Field(() => LocalizedTextInput) notAvailableMessage!: LocalizedTextInput;
  @Field(() => LocalizedTextInput) feedbackMessage!: LocalizedTextInput;
  @Field(() => Int) maxInteractionsPerAgent!: number;
  @Field(() => Int, { defaultValue: 30, description: 'RINGALL: seconds before an unanswered offer goes to the next eligible agents (3 to 600)' })
  offerTimeoutSeconds?: number;
  @Field(() => ID, { nullable: true }) qualityModelId?: string | null;
  @Field(() => String, { nullable: true }) automaticAgentMessage?: string | null;
  @Field(() => ThresholdsInput) thresholds!: ThresholdsInput;
  @Field() colour!: string;
  @Field() showAgentName!: boolean;
  @Field() feedbackEnabled!: boolean;
  @Field() emailRequired!: boolean;
  @Field() mediaEnabled!: boolean;
  @Field() offlineMessageEnabled!: boolean;
  @Field(() => String, { nullable: true }) offlineMessageEmail?: string | null;
  @Field(() => CustomFieldInput) customField!: CustomFieldInput;
  @Field(() => [String]) allowedDomains!: string[];
}
