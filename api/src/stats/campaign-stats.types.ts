import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PeriodFiguresType } from './period-figures.types';
import { AgentActivity } from '../agents/agent-activity.types';

@ObjectType()
export class WaitingContact {
  @Field(() => ID) interactionId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => Int) waitingSeconds!: number;
}

@ObjectType({ description: "Real-time figures since the start of the campaign's current day (its timezone)." })
export class CampaignStats extends PeriodFiguresType {
  @Field(() => ID) campaignId!: string;
  @Field() at!: Date;
  @Field(() => Int) waiting!: number;
  @Field(() => Int) longestWaitSeconds!: number;
  @Field() acdAlert!: boolean;
  @Field(() => Int) active!: number;
  @Field(() => [WaitingContact]) waitingContacts!: WaitingContact[];
  @Field(() => [AgentActivity]) agents!: AgentActivity[];
}
