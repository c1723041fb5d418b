import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity';

export enum AgentState {
  OFFLINE = 'OFFLINE',
  AVAILABLE = 'AVAILABLE',
  PAUSED = 'PAUSED',
}
registerEnumType(AgentState, { name: 'AgentState' });

export enum ChatTimeStatus {
  NORMAL = 'NORMAL',
  WARNING = 'WARNING',
  OVER_LIMIT = 'OVER_LIMIT',
}
registerEnumType(ChatTimeStatus, { name: 'ChatTimeStatus' });

@ObjectType()
export class ActiveInteraction {
  @Field(() => ID) interactionId!: string;
  @Field(() => ID, { description: 'the chat’s campaign, whose chat-time limits colour it' }) campaignId!: string;
  @Field() contactName!: string;
  @Field(() => Int) chatSeconds!: number;
  @Field(() => ChatTimeStatus) status!: ChatTimeStatus;
}

@ObjectType()
export class AgentActivity {
  @Field(() => User) agent!: User;
  @Field(() => AgentState) state!: AgentState;
  @Field(() => String, { nullable: true }) pauseReason?: string | null;
  @Field(() => Date, { nullable: true, description: 'when the agent entered their current state' }) stateSince?: Date | null;
  @Field() inMediaCall!: boolean;
  @Field(() => Int, { nullable: true }) idleSeconds?: number | null;
  @Field() idleWarning!: boolean;
  @Field(() => [ActiveInteraction]) active!: ActiveInteraction[];
}
