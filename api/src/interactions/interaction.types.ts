import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Language } from '../campaigns/campaign.enums';
import { Interaction } from './interaction.entity';
import { AttachmentKind, InteractionEventKind, InteractionState, SenderKind } from './interaction.enums';

@ObjectType()
export class Attachment {
  @Field(() => ID) id!: string;
  @Field(() => AttachmentKind) kind!: AttachmentKind;
  @Field() name!: string;
  @Field() mimeType!: string;
  @Field(() => Int) size!: number;
  @Field() url!: string;
}

@ObjectType()
export class Sender {
  @Field(() => SenderKind) kind!: SenderKind;
  @Field(() => String, { nullable: true }) name?: string | null;
  /** The staff account that sent it; shown to staff only (see SenderResolver). */
  userId?: string | null;
}

@ObjectType()
export class Feedback {
  @Field(() => Int) rating!: number;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType()
export class QualityAnswer {
  @Field(() => ID) questionId!: string;
  @Field() value!: string;
  @Field(() => String, { nullable: true, description: 'the question as it read when the chat was closed: later edits of the model do not change it' })
  questionText?: string | null;
  @Field(() => Float, { nullable: true, description: 'the question’s weight when the chat was scored' })
  weight?: number | null;
}

@InputType()
export class QualityAnswerInput {
  @Field(() => ID) questionId!: string;
  @Field() value!: string;
}

@ObjectType()
export class InteractionEdge {
  @Field() cursor!: string;
  @Field(() => Interaction) node!: Interaction;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType()
export class InteractionConnection {
  @Field(() => [InteractionEdge]) edges!: InteractionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class InteractionFilter {
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
  @Field(() => InteractionState, { nullable: true }) state?: InteractionState | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => Boolean, { nullable: true }) outOfHours?: boolean | null;
}

@ObjectType()
export class ChatSession {
  @Field() token!: string;
  @Field(() => Interaction) interaction!: Interaction;
}

@InputType()
export class StartChatInput {
  @Field() campaignKey!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) customFieldValue?: string | null;
  @Field(() => Language, { nullable: true }) language?: Language | null;
}

@InputType()
export class OfflineMessageInput {
  @Field() campaignKey!: string;
  @Field() name!: string;
  @Field() email!: string;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) customFieldValue?: string | null;
}

@ObjectType()
export class InteractionEvent {
  @Field(() => InteractionEventKind) kind!: InteractionEventKind;
  @Field(() => Interaction) interaction!: Interaction;
}

@ObjectType({ description: 'Where a waiting chat stands, for the customer.' })
export class QueueStatus {
  @Field(() => ID) interactionId!: string;
  @Field(() => Int, { nullable: true, description: '1 for the chat answered next; null once the chat is no longer waiting' })
  position!: number | null;
  @Field(() => Int, { nullable: true, description: 'Expected wait in seconds, rounded up to whole minutes; null when it cannot be estimated (no agent available)' })
  estimatedWaitSeconds!: number | null;
}

@ObjectType({ description: 'Someone started or stopped typing.' })
export class TypingEvent {
  @Field(() => ID) interactionId!: string;
  @Field(() => Sender) sender!: Sender;
  @Field() typing!: boolean;
}

@ObjectType()
export class RoutingCandidate {
  @Field(() => ID) agentId!: string;
  @Field() eligible!: boolean;
  @Field() reason!: string;
}

@ObjectType({ description: 'Why the router chose an agent (or offered the chat), as stored with the decision.' })
export class RoutingExplanation {
  @Field() strategy!: string;
  @Field() availability!: string;
  @Field() reason!: string;
  @Field(() => [RoutingCandidate]) candidates!: RoutingCandidate[];
  @Field(() => Date, { nullable: true }) decidedAt?: Date | null;
}
