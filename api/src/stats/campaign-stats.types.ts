import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AgentActivity } from '../agents/agent-activity.types';

@ObjectType()
export class WaitingContact {
  @Field(() => ID) interactionId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => Int) waitingSeconds!: number;
}

@ObjectType({ description: "Real-time figures since the start of the campaign's current day (its timezone)." })
export class CampaignStats {
  @Field(() => ID) campaignId!: string;
  @Field() at!: Date;
  @Field(() => Int) waiting!: number;
  @Field(() => Int) longestWaitSeconds!: number;
  @Field() acdAlert!: boolean;
  @Field(() => Int) active!: number;
  @Field(() => Int) offered!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) answeredWithinServiceLevel!: number;
  @Field(() => Int) abandoned!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Float) serviceLevel!: number;
  @Field(() => Float) abandonRate!: number;
  @Field(() => Float) averageWaitSeconds!: number;
  @Field(() => Float) averageHandleSeconds!: number;
  @Field(() => [WaitingContact]) waitingContacts!: WaitingContact[];
  @Field(() => [AgentActivity]) agents!: AgentActivity[];
}
